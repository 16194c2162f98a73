package org.semcycle.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.cli.BenchmarkCommand;
import org.semcycle.cli.KpdbCommand;
import org.semcycle.cli.RenderCommand;
import org.semcycle.cli.SemcycleConfig;
import org.semcycle.cli.TestSpecs;
import org.semcycle.embedding.EmbedderConfig;
import org.semcycle.embedding.EmbeddingNet;
import org.semcycle.io.LocalDataSink;
import org.semcycle.spark.DataSetRoots;
import org.semcycle.spark.HadoopDataRoot;
import org.semcycle.spark.Locations;
import org.semcycle.spark.OutputMode;
import org.semcycle.spark.ShardedOutput;
import org.semcycle.spark.SparkTestSession;
import org.semcycle.synthetic.SyntheticWorld;
import org.semcycle.testing.Tables;

/**
 * --mode resume: a run interrupted half way (only part of the models published), then resumed,
 * gives exactly the tables of an uninterrupted run; resuming a complete output computes nothing.
 */
class ResumeTest {
  @TempDir static Path tmp;
  static Path data;
  static final String CHAIR = "03001627";

  @BeforeAll
  static void synth() throws Exception {
    data = tmp.resolve("data");
    SyntheticWorld.write(TestSpecs.synth(config("overwrite"), List.of("chair"), 5), new LocalDataSink(data), 1);
    Path bad = data.resolve("ShapeNetCore.v2/" + CHAIR + "/0000000000000000000000000000dead/models");
    Files.createDirectories(bad);
    Files.writeString(bad.resolve("model_normalized.obj"), "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\nv 0.5 0.");
  }

  static Config config(String mode) {
    return SemcycleConfig.load(
        null,
        List.of("semcycle.kpdb.split=all"),
        Map.of(
            "semcycle.output.mode", mode,
            "semcycle.render.views-per-model", 2,
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
  void renderResumedAfterAnInterruptionEqualsAnUninterruptedRun() throws Exception {
    SparkSession s = SparkTestSession.get();
    String full = tmp.resolve("render-full").toString();
    String resumed = tmp.resolve("render-resumed").toString();
    RenderJob.Summary a = RenderCommand.run(s, config("overwrite"), data.toString(), null, full);

    // The interrupted run: it published three of the six models (the others "not reached").
    List<Path> models = modelFolders();
    Path aside = tmp.resolve("aside");
    Files.createDirectories(aside);
    for (Path m : models.subList(3, models.size())) {
      Files.move(m, aside.resolve(m.getFileName()));
    }
    RenderJob.Summary part = RenderCommand.run(s, config("overwrite"), data.toString(), null, resumed);
    for (Path m : models.subList(3, models.size())) {
      Files.move(aside.resolve(m.getFileName()), m);
    }
    assertEquals(3, part.computed());

    RenderJob.Summary b = RenderCommand.run(s, config("resume"), data.toString(), null, resumed);
    assertEquals(models.size() - 3, b.computed(), b.line());
    for (String t : List.of("views", "voxels", "rejects")) {
      Tables.assertSameRows(s, full + "/" + t, resumed + "/" + t);
    }
    assertEquals(a.views(), b.views());
    assertEquals(a.models(), b.voxels() + b.rejects(), "input count = output + rejects");
    Map<String, Long> perModel = Tables.rowsPerModel(s, resumed + "/views");
    assertEquals(5, perModel.size());
    perModel.values().forEach(n -> assertEquals(2L, n, "two views a model, no duplicates"));

    Map<String, Long> before = files(Path.of(resumed));
    RenderJob.Summary c = RenderCommand.run(s, config("resume"), data.toString(), null, resumed);
    assertEquals(0, c.computed(), "a complete output: nothing to compute");
    assertEquals(before.keySet().stream().filter(ResumeTest::tableFile).toList(),
        files(Path.of(resumed)).keySet().stream().filter(ResumeTest::tableFile).toList());
    assertFalse(Files.list(Path.of(resumed)).anyMatch(p -> p.getFileName().toString().startsWith("_staging")),
        "no staging folder left behind");

    // overwrite replaces: the same tables again, none of the resumed run's part files kept.
    RenderCommand.run(s, config("overwrite"), data.toString(), null, resumed);
    Tables.assertSameRows(s, full + "/views", resumed + "/views");
  }

  @Test
  void kpdbResumedAfterAnInterruptionEqualsAnUninterruptedRun() throws Exception {
    Path embedder = tmp.resolve("embedder");
    try (EmbeddingNet net = EmbeddingNet.create(EmbedderConfig.small().withEmbeddingDim(8), 3)) {
      net.save(embedder);
    }
    SparkSession s = SparkTestSession.get();
    String full = tmp.resolve("kpdb-full").toString();
    String resumed = tmp.resolve("kpdb-resumed").toString();
    KpdbJob.Summary a = KpdbCommand.run(s, config("overwrite"), data.toString(), embedder.toString(), full);

    HadoopDataRoot kpn = DataSetRoots.keypointNet(s, data.toString());
    HadoopDataRoot emb = Locations.root(s, embedder.toString());
    List<KpdbJob.ModelTask> tasks = KpdbCommand.catalog(kpn, "all", 0).tasks();
    try (ShardedOutput o = ShardedOutput.open(s, resumed, OutputMode.OVERWRITE)) {
      KpdbJob.run(s, tasks.subList(0, 2), List.of(), kpn, emb, 3, 2, o); // interrupted after two models
    }
    KpdbJob.Summary b = KpdbCommand.run(s, config("resume"), data.toString(), embedder.toString(), resumed);
    assertEquals(tasks.size() - 2, b.computed());
    for (String t : List.of("keypoints", "rejects", "summary")) {
      Tables.assertSameRows(s, full + "/" + t, resumed + "/" + t);
    }
    assertEquals(Files.readString(Path.of(full, "summary.csv")), Files.readString(Path.of(resumed, "summary.csv")));
    assertEquals(a.keypoints(), b.keypoints());
    KpdbJob.Summary c = KpdbCommand.run(s, config("resume"), data.toString(), embedder.toString(), resumed);
    assertEquals(0, c.computed());
    assertEquals(a.keypoints(), c.keypoints());
  }

  @Test
  void benchmarkIsAllOrNothing() throws Exception {
    SparkSession s = SparkTestSession.get();
    Path out = tmp.resolve("benchmark");
    // A run that died while computing leaves only its staging folder: removed, never published.
    Path abandoned = out.resolve("_staging-dead/pix3d");
    Files.createDirectories(abandoned);
    Files.writeString(abandoned.resolve("pix3d.json"), "[");
    BenchmarkJob.Summary a = BenchmarkCommand.run(s, config("resume"), data.toString(), null, out.toString());
    assertTrue(a.computed() > 0);
    assertFalse(Files.exists(out.resolve("_staging-dead")));
    assertTrue(Files.exists(out.resolve("pix3d/pix3d.json")));
    Map<String, Long> before = files(out);
    BenchmarkJob.Summary b = BenchmarkCommand.run(s, config("resume"), data.toString(), null, out.toString());
    assertEquals(0, b.computed());
    assertEquals(a.images(), b.images());
    assertEquals(a.index(), b.index());
    assertEquals(before, files(out), "a complete output is left as it is");
  }

  private static boolean tableFile(String rel) {
    return rel.startsWith("views/") || rel.startsWith("voxels/") || rel.startsWith("rejects/");
  }

  private static List<Path> modelFolders() throws IOException {
    try (Stream<Path> st = Files.list(data.resolve("ShapeNetCore.v2/" + CHAIR))) {
      return st.filter(Files::isDirectory).sorted().toList();
    }
  }

  /** Relative path -> last modified time of every file below a folder. */
  static Map<String, Long> files(Path dir) throws IOException {
    Map<String, Long> m = new TreeMap<>();
    try (Stream<Path> st = Files.walk(dir)) {
      for (Path p : st.filter(Files::isRegularFile).toList()) {
        m.put(dir.relativize(p).toString(), Files.getLastModifiedTime(p).toMillis());
      }
    }
    return m;
  }
}
