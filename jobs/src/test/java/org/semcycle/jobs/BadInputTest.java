package org.semcycle.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.cli.BenchmarkCommand;
import org.semcycle.cli.KpdbCommand;
import org.semcycle.cli.RenderCommand;
import org.semcycle.cli.SemcycleConfig;
import org.semcycle.embedding.EmbedderConfig;
import org.semcycle.embedding.EmbeddingNet;
import org.semcycle.spark.SparkTestSession;
import org.semcycle.testing.BadInputCorpus;
import org.semcycle.testing.BadInputCorpus.Case;

/**
 * The bad-input corpus through render, benchmark and kpdb: every job finishes, every broken
 * input is a reject row whose reason says what is wrong, and input count = output + rejects.
 */
class BadInputTest {
  @TempDir static Path tmp;
  static BadInputCorpus.Corpus corpus;

  @BeforeAll
  static void write() throws Exception {
    corpus = BadInputCorpus.write(tmp.resolve("corpus"), config());
  }

  static Config config() {
    return SemcycleConfig.load(
        null,
        List.of("semcycle.kpdb.split=all"),
        Map.of(
            "semcycle.render.views-per-model", 1,
            "semcycle.render.image-size", 32,
            "semcycle.render.supersampling", 1,
            "semcycle.render.voxel-resolution", 16,
            "semcycle.render.preview", 0,
            "semcycle.benchmark.images-per-model", 1,
            "semcycle.benchmark.image-size", 32,
            "semcycle.benchmark.preview", 0,
            "semcycle.spark.partitions", 2));
  }

  @Test
  void renderRejectsEveryBrokenModel() {
    SparkSession s = SparkTestSession.get();
    String out = tmp.resolve("render").toString();
    RenderJob.Summary sum = RenderCommand.run(s, config(), corpus.synth().toString(), null, out);
    Map<String, String> reasons = reasons(s, out + "/rejects");
    print("render", reasons);
    assertCases(BadInputCorpus.OBJ_CASES, reasons);
    assertEquals(BadInputCorpus.OBJ_CASES.size(), sum.rejects(), reasons.toString());
    assertEquals(BadInputCorpus.GOOD_CHAIRS, sum.voxels());
    assertEquals(sum.models(), sum.voxels() + sum.rejects(), "input count = output + rejects");
  }

  @Test
  void benchmarkRejectsEveryBrokenModel() {
    SparkSession s = SparkTestSession.get();
    String out = tmp.resolve("benchmark").toString();
    BenchmarkJob.Summary sum = BenchmarkCommand.run(s, config(), corpus.synth().toString(), null, out);
    Map<String, String> reasons = reasons(s, out + "/rejects");
    print("benchmark", reasons);
    assertCases(BadInputCorpus.OBJ_CASES, reasons);
    assertEquals(BadInputCorpus.OBJ_CASES.size(), sum.rejects(), reasons.toString());
    assertEquals(sum.models(), sum.images() + sum.rejects(), "input count = output + rejects (1 image a model)");
  }

  @Test
  void kpdbRejectsEveryBrokenPointCloudAndAnnotationFile() throws Exception {
    Path embedder = tmp.resolve("embedder");
    try (EmbeddingNet net = EmbeddingNet.create(EmbedderConfig.small().withEmbeddingDim(8), 3)) {
      net.save(embedder);
    }
    SparkSession s = SparkTestSession.get();
    String out = tmp.resolve("kpdb").toString();
    KpdbJob.Summary sum = KpdbCommand.run(s, config(), corpus.synth().toString(), embedder.toString(), out);
    Map<String, String> reasons = reasons(s, out + "/rejects");
    print("kpdb", reasons);
    assertCases(BadInputCorpus.KPDB_CASES, reasons);
    assertEquals(BadInputCorpus.KPDB_CASES.size(), sum.rejects(), reasons.toString());
    long embedded = s.read().parquet(out + "/keypoints").select("synset", "model_id").distinct().count();
    assertEquals(BadInputCorpus.GOOD_CHAIRS + BadInputCorpus.OBJ_CASES.size(), embedded,
        "the broken-OBJ models have good point clouds: kpdb embeds them");
    assertEquals(sum.models(), embedded + sum.rejects(), "input count = output + rejects");
  }

  /** Reject reasons keyed by model id, or by the file's path below the KeypointNet root. */
  static Map<String, String> reasons(SparkSession s, String table) {
    Map<String, String> m = new TreeMap<>();
    for (Row r : s.read().parquet(table).collectAsList()) {
      String key = r.getString(2) != null ? r.getString(2) : r.getString(3).replaceAll(".*/KeypointNet/", "");
      m.put(key, r.getString(0) + ": " + r.getString(4));
    }
    return m;
  }

  static void assertCases(List<Case> cases, Map<String, String> reasons) {
    for (Case c : cases) {
      String r = reasons.get(c.key());
      assertTrue(r != null && r.contains(c.reason()), c.key() + " must be rejected for '" + c.reason() + "': " + r);
    }
  }

  static void print(String job, Map<String, String> reasons) {
    reasons.forEach((k, v) -> System.err.println("rejects of " + job + ": " + k + " -> " + v));
  }
}
