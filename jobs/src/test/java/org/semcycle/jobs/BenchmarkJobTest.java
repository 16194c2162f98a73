package org.semcycle.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.benchmarks.BenchmarkLayout;
import org.semcycle.cli.BenchmarkCommand;
import org.semcycle.cli.SemcycleConfig;
import org.semcycle.datasets.pfpascal.PfPascalPair;
import org.semcycle.datasets.pfpascal.PfPascalReader;
import org.semcycle.datasets.pix3d.Pix3dReader;
import org.semcycle.datasets.pix3d.Pix3dRecord;
import org.semcycle.datasets.spair.SpairPair;
import org.semcycle.datasets.spair.SpairPairName;
import org.semcycle.datasets.spair.SpairReader;
import org.semcycle.datasets.spair.SpairSplit;
import org.semcycle.io.LocalDataRoot;
import org.semcycle.io.LocalDataSink;
import org.semcycle.spark.SparkTestSession;
import org.semcycle.synthetic.SynthSpec;
import org.semcycle.synthetic.SyntheticWorld;

/** The benchmark job on local[2]: three layouts, counts, rejects, readers, independence from partitioning. */
class BenchmarkJobTest {
  @TempDir static Path tmp;
  static Path data;
  static final int TEST_MODELS = 4; // 2 categories x (3 models - 1 train)
  static final int IMAGES = 2;

  @BeforeAll
  static void synth() throws Exception {
    data = tmp.resolve("data");
    SynthSpec s = org.semcycle.cli.TestSpecs.synth(config(2), List.of("chair", "car"), 3);
    SyntheticWorld.write(new SynthSpec(s.seed(), s.categories(), 3, 0.34, 0, 256, s.vocabulary()), new LocalDataSink(data), 2);
    // A test model whose OBJ is cut mid-line (and that KeypointNet does not annotate).
    Path bad = data.resolve("ShapeNetCore.v2/03001627/0000000000000000000000000000dead/models");
    Files.createDirectories(bad);
    Files.writeString(bad.resolve("model_normalized.obj"), "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\nv 0.5 0.");
    Path split = data.resolve("KeypointNet/splits/test.txt");
    Files.writeString(split, Files.readString(split) + "03001627-0000000000000000000000000000dead\n");
  }

  static Config config(int partitions) {
    return SemcycleConfig.load(
        null,
        List.of(),
        Map.of(
            "semcycle.benchmark.images-per-model", IMAGES,
            "semcycle.benchmark.image-size", 48,
            "semcycle.benchmark.supersampling", 1,
            "semcycle.benchmark.pairs-per-category", 3,
            "semcycle.benchmark.preview", 4,
            "semcycle.spark.partitions", partitions));
  }

  @Test
  void writesThreeLayoutsThatReadBackAndDoNotDependOnPartitions() throws Exception {
    SparkSession spark = SparkTestSession.get();
    BenchmarkJob.Summary a = BenchmarkCommand.run(spark, config(1), data.toString(), null, tmp.resolve("b1").toString());
    BenchmarkJob.Summary b = BenchmarkCommand.run(spark, config(3), data.toString(), null, tmp.resolve("b3").toString());
    assertEquals(TEST_MODELS + 1, a.models());
    assertEquals(TEST_MODELS * IMAGES, a.images(), a.line());
    assertEquals(1, a.rejects());
    assertEquals(Map.of("car", 4, "chair", 4), a.index().imagesPerCategory());
    List<Row> rejects = spark.read().parquet(tmp.resolve("b1/rejects").toString()).collectAsList();
    assertTrue(rejects.toString().contains("dead"), rejects.toString());

    Path out = tmp.resolve("b1");
    List<Pix3dRecord> pix3d = new Pix3dReader(new LocalDataRoot(out.resolve("pix3d"))).readIndex();
    assertEquals(a.images(), pix3d.size());
    for (Pix3dRecord r : pix3d) {
      assertTrue(Files.exists(out.resolve("pix3d").resolve(r.img())), r.img());
      assertTrue(Files.exists(out.resolve("pix3d").resolve(r.mask())), r.mask());
      assertTrue(Files.exists(out.resolve("pix3d").resolve(r.keypoints3d())), r.keypoints3d());
    }
    SpairReader spair = new SpairReader(new LocalDataRoot(out.resolve("spair")));
    assertEquals(List.of("car", "chair"), spair.categories());
    assertEquals(4, spair.imageIds("chair").size());
    List<SpairPairName> names = spair.pairNames(SpairSplit.TEST);
    assertEquals(a.index().spairPairs(), names.size());
    assertTrue(names.size() >= 4, "pairs of different models in both categories: " + names);
    for (SpairPairName n : names) {
      SpairPair p = spair.readPair(SpairSplit.TEST, n);
      assertTrue(p.keypointCount() > 0);
      spair.readImageAnnotation(n.category(), n.srcImageId());
    }
    PfPascalReader pf = new PfPascalReader(new LocalDataRoot(out.resolve("pfpascal")));
    List<PfPascalPair> pairs = pf.readPairs(BenchmarkLayout.PFPASCAL_TEST_PAIRS);
    assertEquals(names.size(), pairs.size());
    for (PfPascalPair p : pairs) {
      assertTrue(Files.exists(out.resolve("pfpascal").resolve(p.sourceImage())));
      assertEquals(pf.readAnnotationOf(p.targetImage(), p.classId()).keypointCount() > 0, true);
    }
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertEquals(TEST_MODELS * IMAGES, summary.get("images").asInt());
    assertEquals(names.size(), summary.get("sets").get("spair").get("pairs").asInt());
    assertTrue(Files.size(out.resolve("preview.png")) > 1000);

    // Same seed, other partitioning: the same sets, byte for byte.
    assertEquals(a.images(), b.images());
    for (String rel : List.of("pix3d/pix3d.json", "spair/Layout/large/test.txt", "pfpascal/test_pairs.csv",
        "spair/JPEGImages/chair/" + spair.imageIds("chair").get(0) + ".jpg")) {
      assertArrayEquals(Files.readAllBytes(out.resolve(rel)), Files.readAllBytes(tmp.resolve("b3").resolve(rel)), rel);
    }
  }
}
