package org.semcycle.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.cli.RenderCommand;
import org.semcycle.cli.SemcycleConfig;
import org.semcycle.cli.TestSpecs;
import org.semcycle.io.LocalDataSink;
import org.semcycle.spark.SparkSubmitProcess;
import org.semcycle.spark.SparkTestSession;
import org.semcycle.synthetic.SyntheticWorld;
import org.semcycle.testing.Tables;

/**
 * The render job submitted like spark-submit does it (a driver JVM running SparkSubmit with the
 * jobs jar and main class) to a multi-process cluster: Spark's local-cluster master with two
 * workers, each with one executor in its own JVM. Its tables must equal the local[2] run's; and
 * when one executor JVM is killed (SIGKILL) while tasks run, Spark retries the lost tasks on
 * the others and the tables are still exactly the local run's: no model lost, none duplicated.
 */
@Tag("cluster")
class ClusterTest {
  static final String MASTER = "local-cluster[2,1,1024]";

  @Test
  void submittedRenderJobEqualsTheLocalRun(@TempDir Path tmp) throws Exception {
    Path data = synth(tmp, 3);
    List<String> opts = options(2, 32, 4);
    String local = renderLocally(tmp, data, opts);
    SparkSubmitProcess driver = submit(tmp, data, opts, tmp.resolve("cluster"));
    try {
      assertTrue(driver.process().waitFor(600, TimeUnit.SECONDS), "the job finished");
      assertEquals(0, driver.process().exitValue(), driver.log());
    } finally {
      driver.destroy();
    }
    assertSameTables(local, tmp.resolve("cluster").toString(), 6, 2);
  }

  @Test
  void killingAnExecutorMidJobLosesAndDuplicatesNothing(@TempDir Path tmp) throws Exception {
    Path data = synth(tmp, 8);
    List<String> opts = options(6, 64, 8);
    String local = renderLocally(tmp, data, opts);
    SparkSubmitProcess driver = submit(tmp, data, opts, tmp.resolve("cluster"));
    try {
      killAnExecutorMidJob(driver);
    } finally {
      driver.destroy();
    }
    assertSameTables(local, tmp.resolve("cluster").toString(), 16, 6);
  }

  private static void killAnExecutorMidJob(SparkSubmitProcess driver) throws Exception {
    // When the first render task has finished (the driver prints its progress), the other
    // executor is running a task and this one has taken the next: kill one executor's JVM.
    long deadline = System.currentTimeMillis() + 400_000;
    while (!driver.log().contains("[spark] render: views: ") && System.currentTimeMillis() < deadline
        && driver.process().isAlive()) {
      Thread.sleep(20);
    }
    List<ProcessHandle> executors = driver.executors();
    assertEquals(2, executors.size(), "two executor JVMs while the job runs\n" + driver.log());
    ProcessHandle victim = executors.get(0);
    long pid = victim.pid();
    assertTrue(victim.destroyForcibly(), "killed executor " + pid);
    System.err.println("cluster test: killed executor JVM " + pid + " after " + progress(driver.log()));

    assertTrue(driver.process().waitFor(600, TimeUnit.SECONDS), "the job finished");
    String log = driver.log();
    assertEquals(0, driver.process().exitValue(), log);
    assertTrue(log.contains("Lost executor"), "the driver saw the executor die:\n" + log);
    System.err.println("cluster test: tasks lost with the executor and retried: "
        + log.lines().filter(l -> l.contains("Lost task")).count());
  }

  private static String progress(String log) {
    int i = log.indexOf("[spark] render: views: ");
    return i < 0 ? "(no progress line)" : log.substring(i, log.indexOf('\n', i));
  }

  private static Path synth(Path tmp, int perCategory) throws Exception {
    Path data = tmp.resolve("data");
    Config c = SemcycleConfig.load(null, List.of(), Map.of());
    SyntheticWorld.write(TestSpecs.synth(c, List.of("chair", "car"), perCategory), new LocalDataSink(data), 2);
    // A model whose OBJ is cut mid-line: a reject row in both runs.
    Path bad = data.resolve("ShapeNetCore.v2/03001627/0000000000000000000000000000dead/models");
    Files.createDirectories(bad);
    Files.writeString(bad.resolve("model_normalized.obj"), "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\nv 0.5 0.");
    return data;
  }

  /** The render options of both runs, as command-line arguments. */
  private static List<String> options(int views, int size, int partitions) {
    return List.of(
        "--views-per-model", String.valueOf(views), "--image-size", String.valueOf(size), "--preview", "0",
        "--partitions", String.valueOf(partitions), "--set", "semcycle.render.supersampling=1",
        "--set", "semcycle.render.voxel-resolution=16");
  }

  /** The local[2] reference, in this JVM, with the same options. */
  private static String renderLocally(Path tmp, Path data, List<String> opts) {
    List<String> sets = new ArrayList<>();
    for (int i = 0; i < opts.size(); i += 2) {
      switch (opts.get(i)) {
        case "--set" -> sets.add(opts.get(i + 1));
        case "--views-per-model" -> sets.add("semcycle.render.views-per-model=" + opts.get(i + 1));
        case "--image-size" -> sets.add("semcycle.render.image-size=" + opts.get(i + 1));
        case "--preview" -> sets.add("semcycle.render.preview=" + opts.get(i + 1));
        case "--partitions" -> sets.add("semcycle.spark.partitions=" + opts.get(i + 1));
        default -> throw new IllegalArgumentException(opts.get(i));
      }
    }
    String out = tmp.resolve("local").toString();
    RenderCommand.run(SparkTestSession.get(), SemcycleConfig.load(null, sets, Map.of()), data.toString(), null, out);
    return out;
  }

  private static SparkSubmitProcess submit(Path tmp, Path data, List<String> opts, Path out) throws IOException {
    Path classes = Path.of(RenderCommand.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    Path jar = SparkSubmitProcess.jar(classes, tmp.resolve("semcycle-jobs.jar"));
    List<String> args = new ArrayList<>(List.of("render", "--shapes", data.toString(), "--out", out.toString()));
    args.addAll(opts);
    return SparkSubmitProcess.start(jar, MASTER, List.of(), args, tmp.resolve("driver.log"));
  }

  private static void assertSameTables(String local, String cluster, int goodModels, int views) {
    SparkSession s = SparkTestSession.get();
    for (String t : List.of("views", "voxels", "rejects")) {
      Tables.assertSameRows(s, local + "/" + t, cluster + "/" + t);
    }
    Map<String, Long> perModel = Tables.rowsPerModel(s, cluster + "/views");
    assertEquals(goodModels, perModel.size(), "every model rendered: " + perModel);
    perModel.forEach((m, n) -> assertEquals((long) views, n, m + ": each view once"));
    assertEquals(goodModels, s.read().parquet(cluster + "/voxels").count());
    assertEquals(1, s.read().parquet(cluster + "/rejects").count());
  }

  static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> st = Files.list(dir)) {
      return st.toList();
    }
  }
}
