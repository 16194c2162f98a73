package org.semcycle.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.cli.Eval3dCommand;
import org.semcycle.cli.KpdbCommand;
import org.semcycle.cli.SemcycleConfig;
import org.semcycle.cli.TestSpecs;
import org.semcycle.datasets.keypointnet.AnnotationReader;
import org.semcycle.datasets.keypointnet.ModelAnnotation;
import org.semcycle.datasets.keypointnet.PcdReader;
import org.semcycle.datasets.keypointnet.SplitEntry;
import org.semcycle.datasets.keypointnet.Splits;
import org.semcycle.datasets.shapenet.ShapeNetCatalog;
import org.semcycle.embedding.EmbedderConfig;
import org.semcycle.embedding.EmbeddingNet;
import org.semcycle.embedding.KeypointDatabase;
import org.semcycle.embedding.KeypointRecord;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.LocalDataRoot;
import org.semcycle.io.LocalDataSink;
import org.semcycle.networks.DjlRuntime;
import org.semcycle.spark.SparkTestSession;
import org.semcycle.synthetic.SyntheticWorld;

/**
 * eval3d on six synthetic chairs: the kpdb Parquet reads back as the database built in memory,
 * and the command evaluates every model but one broken OBJ, which it reports, writing
 * pck3d.csv/png/json (the same bytes twice).
 */
class Eval3dJobTest {

  @Test
  void readsTheDatabaseAndWritesTheThreeFiles(@TempDir Path tmp) throws Exception {
    DjlRuntime.engine(1);
    Config c = SemcycleConfig.load(null,
        List.of("semcycle.kpdb.split=train", "semcycle.eval3d.split=all"),
        Map.of("semcycle.spark.partitions", 2));
    Path data = tmp.resolve("data");
    SyntheticWorld.write(TestSpecs.synth(c, List.of("chair"), 6), new LocalDataSink(data), 1);
    LocalDataRoot kpn = new LocalDataRoot(data.resolve("KeypointNet"));
    List<ModelAnnotation> models = AnnotationReader.read(kpn, "annotations/chair.json");
    List<String> train = Splits.read(kpn, "splits/train.txt").stream().map(SplitEntry::key).toList();
    Path embedder = tmp.resolve("embedder");
    try (EmbeddingNet net = EmbeddingNet.create(EmbedderConfig.small().withEmbeddingDim(16), 3)) {
      net.save(embedder);
    }
    SparkSession s = SparkTestSession.get();
    String kpdb = tmp.resolve("kpdb").toString();
    KpdbCommand.run(s, c, data.toString(), embedder.toString(), kpdb);

    // The Parquet database is the one built in memory from the train models' PCDs.
    KeypointDatabase read = KeypointDatabases.read(s, kpdb);
    KeypointDatabase.Builder b = KeypointDatabase.builder();
    try (EmbeddingNet net = EmbeddingNet.load(embedder)) {
      for (ModelAnnotation a : models) {
        if (train.contains(a.classId() + "-" + a.modelId())) {
          float[] pcd = PcdReader.read(kpn, "pcds/" + a.classId() + "/" + a.modelId() + ".pcd").xyz();
          b.addModel(a, net.embed(pcd), net.dim());
        }
      }
    }
    KeypointDatabase built = b.build();
    assertEquals(built.size(), read.size());
    assertEquals(16, read.dim());
    Comparator<KeypointRecord> order = Comparator.comparing(KeypointRecord::modelId)
        .thenComparingInt(KeypointRecord::semanticId);
    List<KeypointRecord> x = new ArrayList<>(built.rows());
    x.sort(order);
    List<KeypointRecord> y = new ArrayList<>(read.rows());
    y.sort(order);
    for (int i = 0; i < x.size(); i++) {
      assertEquals(x.get(i).modelId(), y.get(i).modelId());
      assertEquals(x.get(i).semanticId(), y.get(i).semanticId());
      float[] e = x.get(i).embedding();
      float[] f = y.get(i).embedding();
      for (int k = 0; k < e.length; k++) {
        assertEquals(e[k], f[k], 1e-4, "embedding " + i + "/" + k);
      }
    }
    List<Row> noEmbedding = s.read().parquet(KeypointDatabases.keypointsTable(s, kpdb))
        .drop("embedding").limit(1).collectAsList();
    var bad = assertThrows(DataFormatException.class,
        () -> KeypointDatabases.fromRows(noEmbedding, "kpdb/keypoints"));
    assertTrue(bad.getMessage().startsWith("kpdb/keypoints: row 0"), bad.getMessage());

    // One model (not a database one) with a broken OBJ: counted and reported, not dropped.
    ModelAnnotation broken = models.stream()
        .filter(a -> !train.contains(a.classId() + "-" + a.modelId())).findFirst().orElseThrow();
    Files.writeString(data.resolve("ShapeNetCore.v2/" + ShapeNetCatalog.objPath(broken.classId(), broken.modelId())),
        "v 0 0 0\nf 1 2 x\n");
    Path out = tmp.resolve("eval3d");
    Eval3dJob.Summary sum = Eval3dCommand.run(s, c, data.toString(), null, kpdb, embedder.toString(), out.toString());
    System.out.print(sum.table());
    System.out.println(sum.line());
    assertEquals(6, sum.models());
    assertEquals(5, sum.evaluated());
    assertEquals(1, sum.failures().size());
    assertEquals(broken.modelId(), sum.failures().get(0).modelId());
    assertEquals(train.size(), sum.overlap());

    List<String> csv = Files.readAllLines(out.resolve("pck3d.csv"));
    assertEquals("threshold,clean/mean,clean/knn_vote,clean/position_prior,clean/nearest_sample,"
        + "corrupted/mean,corrupted/knn_vote,corrupted/position_prior,corrupted/nearest_sample",
        csv.get(0));
    assertEquals(12, csv.size(), "10 thresholds and a count line");
    assertTrue(csv.get(11).startsWith("keypoints,"), csv.get(11));
    byte[] png = Files.readAllBytes(out.resolve("pck3d.png"));
    assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
    JsonNode json = new ObjectMapper().readTree(out.resolve("pck3d.json").toFile());
    assertEquals(5, json.get("evaluated").asInt());
    assertEquals(1, json.get("failed").asInt());
    assertEquals(broken.modelId(), json.get("failures").get(0).get("model_id").asText());
    assertEquals(2048, json.get("settings").get("points").asInt());
    double ref = json.get("pck").get("clean/nearest_sample").get("pck@0.05").asDouble();
    assertTrue(ref >= 0.97, "clean reference " + ref);
    for (String key : List.of("clean/mean", "clean/knn_vote", "clean/position_prior",
        "corrupted/mean", "corrupted/knn_vote", "corrupted/position_prior")) {
      JsonNode n = json.get("pck").get(key);
      assertTrue(n.get("pck@0.10").asDouble() >= n.get("pck@0.05").asDouble(), key);
      assertTrue(n.get("keypoints").asLong() > 0, key);
    }

    byte[] first = Files.readAllBytes(out.resolve("pck3d.csv"));
    Path again = tmp.resolve("again");
    Eval3dCommand.run(s, c, data.toString(), null, kpdb, embedder.toString(), again.toString());
    assertEquals(new String(first), Files.readString(again.resolve("pck3d.csv")), "same seed, same PCK");
  }
}
