package org.semcycle.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.cli.KpdbCommand;
import org.semcycle.cli.SemcycleConfig;
import org.semcycle.cli.TestSpecs;
import org.semcycle.datasets.keypointnet.AnnotationReader;
import org.semcycle.datasets.keypointnet.ModelAnnotation;
import org.semcycle.embedding.EmbedderConfig;
import org.semcycle.embedding.EmbeddingNet;
import org.semcycle.io.LocalDataRoot;
import org.semcycle.io.LocalDataSink;
import org.semcycle.spark.SparkTestSession;
import org.semcycle.synthetic.SyntheticWorld;

/** kpdb on local[2]: every keypoint of every model, or a reject; summary means are real means. */
class KpdbJobTest {

  @Test
  void embedsEveryKeypointOrRejectsTheModel(@TempDir Path tmp) throws Exception {
    Config c = SemcycleConfig.load(null, List.of("semcycle.kpdb.split=all", "semcycle.kpdb.batch-size=3"), Map.of("semcycle.spark.partitions", 2));
    Path data = tmp.resolve("data");
    SyntheticWorld.write(TestSpecs.synth(c, List.of("chair"), 5), new LocalDataSink(data), 1);
    LocalDataRoot kpn = new LocalDataRoot(data.resolve("KeypointNet"));
    List<ModelAnnotation> models = AnnotationReader.read(kpn, "annotations/chair.json");
    // Break one model's point cloud: it must become a reject, the others must be embedded.
    ModelAnnotation broken = models.get(2);
    Path pcd = data.resolve("KeypointNet/pcds/" + broken.classId() + "/" + broken.modelId() + ".pcd");
    Files.writeString(pcd, Files.readString(pcd).substring(0, 500));
    int expected = models.stream().filter(m -> m != broken).mapToInt(m -> m.keypoints().size()).sum();

    Path embedder = tmp.resolve("embedder");
    try (EmbeddingNet net = EmbeddingNet.create(EmbedderConfig.small().withEmbeddingDim(16), 3)) {
      net.save(embedder);
    }
    SparkSession s = SparkTestSession.get();
    KpdbJob.Summary sum = KpdbCommand.run(s, c, data.toString(), embedder.toString(), tmp.resolve("kpdb").toString());
    assertEquals(5, sum.models());
    assertEquals(expected, sum.keypoints());
    assertEquals(1, sum.rejects());
    Row reject = s.read().parquet(tmp.resolve("kpdb/rejects").toString()).first();
    assertTrue(reject.getString(4).contains(broken.modelId() + ".pcd"), reject.toString());

    List<Row> rows = s.read().parquet(tmp.resolve("kpdb/keypoints").toString()).where("semantic_id = 0").collectAsList();
    float[] mean = new float[16];
    for (Row r : rows) {
      List<Float> e = r.getList(r.fieldIndex("embedding"));
      assertEquals(16, e.size());
      for (int i = 0; i < 16; i++) {
        mean[i] += e.get(i) / rows.size();
      }
    }
    Row summary = s.read().parquet(tmp.resolve("kpdb/summary").toString()).where("semantic_id = 0").first();
    assertEquals(rows.size(), summary.getLong(summary.fieldIndex("count")));
    List<Float> m = summary.getList(summary.fieldIndex("mean_embedding"));
    for (int i = 0; i < 16; i++) {
      assertEquals(mean[i], m.get(i), 1e-4);
    }
    assertTrue(Files.readString(tmp.resolve("kpdb/summary.csv")).startsWith("synset,semantic_id,count,spread"));
  }
}
