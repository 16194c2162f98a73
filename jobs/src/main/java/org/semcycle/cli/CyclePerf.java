package org.semcycle.cli;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.semcycle.cycle.Cycle;
import org.semcycle.cycle.CycleImage;
import org.semcycle.cycle.CycleNets;
import org.semcycle.cycle.CycleResult;
import org.semcycle.cycle.CycleSetting;
import org.semcycle.datasets.pix3d.Pix3dReader;
import org.semcycle.datasets.pix3d.Pix3dRecord;
import org.semcycle.embedding.KeypointDatabase;
import org.semcycle.embedding.KeypointTransfer;
import org.semcycle.io.ImageLoader;
import org.semcycle.io.LocalDataRoot;
import org.semcycle.jobs.KeypointDatabases;
import org.semcycle.jobs.infer.InferSettings;
import org.semcycle.spark.Sessions;

/**
 * {@code semcycle perf --demo DIR}: the rows that need a demo output's trained nets, database
 * and benchmark sets: each net's inference (one thread, batch 8), the full cycle per image with
 * each stage's share, keypoint transfer (embedding + nearest-neighbour search), the infer job on
 * local[1] vs local[2] (Spark speed-up), and each net's training throughput as its
 * training-log.csv recorded it.
 */
final class CyclePerf {
  private CyclePerf() {}

  static List<PerfCommand.Row> run(Config c, Path demo, double seconds) throws Exception {
    List<PerfCommand.Row> rows = new ArrayList<>();
    Path models = models(demo);
    // Per core: libtorch's ops on this thread alone (its default is 2 intra-op threads), as an
    // infer task with one core runs them; the stage times are then one core's milliseconds.
    org.semcycle.networks.DjlRuntime.threadsForThisThread(1);
    try (CycleNets nets = CycleNets.loadFor(models, "chair", c.getString("semcycle.infer.voxel-net"), Device.cpu())) {
      int s = nets.imageSize();
      rows.add(net("sketch net inference", nets.sketch()::predict, 3 * s * s, seconds));
      rows.add(net("voxel net inference", nets.voxel()::voxelLogits, 4 * s * s, seconds));
      rows.add(net("view net inference", nets.view()::predict, 3 * s * s, seconds));
      SparkSession spark = Sessions.create(c, "perf");
      KeypointDatabase db;
      try {
        db = KeypointDatabases.read(spark, demo.resolve("kpdb").toString());
      } finally {
        spark.stop();
      }
      InferSettings settings = InferSettings.of(c, EnumSet.of(CycleSetting.FULL), java.util.Set.of());
      Cycle cycle = new Cycle(nets, settings.cycleOptions(new KeypointTransfer(db, settings.transfer())));
      List<CycleImage> images = pix3dImages(demo, CYCLE_IMAGES,
          org.semcycle.datasets.keypointnet.KeypointVocabulary.fromConfig(c));
      rows.addAll(cycleRows(cycle, images, seconds));
    }
    rows.addAll(sparkSpeedup(c, demo));
    for (String net : List.of("sketch", "voxel", "view", "view-sketch", "embed", "dense2d")) {
      Path log = models.resolve(net).resolve("training-log.csv");
      if (Files.exists(log)) {
        List<String> lines = Files.readAllLines(log);
        String[] head = lines.get(0).split(",");
        String[] last = lines.get(lines.size() - 1).split(",");
        int si = List.of(head).indexOf("samples_per_s");
        int ti = List.of(head).indexOf("seconds");
        if (si >= 0 && ti >= 0) {
          double sps = Double.parseDouble(last[si]);
          double sec = Double.parseDouble(last[ti]);
          rows.add(new PerfCommand.Row("train " + net + " (last epoch, from training-log.csv)", "samples",
              Math.round(sps * sec), sec, Double.NaN));
        }
      }
    }
    return rows;
  }

  /** Pix3D chairs of the demo's benchmark the cycle rows run on. */
  static final int CYCLE_IMAGES = 24;

  /**
   * The full setting over {@code images}: a first pass as a fresh executor meets it (JIT
   * compilation, the database's k-NN index built on first use), then passes over the same images
   * until {@code seconds} have gone (at least one), as a long infer task runs. Rows: both, and
   * each stage's milliseconds per image in the steady passes.
   */
  private static List<PerfCommand.Row> cycleRows(Cycle cycle, List<CycleImage> images, double seconds) {
    List<PerfCommand.Row> rows = new ArrayList<>();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long t0 = System.nanoTime();
    long c0 = mx.getCurrentThreadCpuTime();
    cycle.run(images, EnumSet.of(CycleSetting.FULL));
    rows.add(new PerfCommand.Row("full cycle, first pass (setting full, " + images.size() + " Pix3D images)",
        "images", images.size(), (System.nanoTime() - t0) / 1e9, (mx.getCurrentThreadCpuTime() - c0) / 1e9));
    Map<String, Double> share = new LinkedHashMap<>();
    int n = 0;
    t0 = System.nanoTime();
    c0 = mx.getCurrentThreadCpuTime();
    do {
      for (Cycle.Outcome o : cycle.run(images, EnumSet.of(CycleSetting.FULL))) {
        for (CycleResult r : o.results()) {
          r.stageMillis().forEach((k, v) -> share.merge(k, v, Double::sum));
          n++;
        }
      }
    } while ((System.nanoTime() - t0) / 1e9 < seconds);
    rows.add(new PerfCommand.Row("full cycle, steady (setting full, " + images.size() + " Pix3D images, repeated)",
        "images", n, (System.nanoTime() - t0) / 1e9, (mx.getCurrentThreadCpuTime() - c0) / 1e9));
    double total = share.getOrDefault("total", 1.0);
    for (String st : Cycle.STAGES) {
      double ms = share.getOrDefault(st, 0.0);
      rows.add(new PerfCommand.Row(String.format(java.util.Locale.ROOT,
          "  cycle stage %s, steady (%.0f%% of the cycle, %.1f ms per image)", st, 100 * ms / total, ms / n),
          "images", n, ms / 1e3, ms / 1e3));
    }
    return rows;
  }

  /** A net's inference on batches of 8 random inputs of {@code floats} values each, for {@code seconds}. */
  private static PerfCommand.Row net(String name, java.util.function.Function<List<float[]>, ?> net, int floats,
      double seconds) {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
    List<float[]> batch = new ArrayList<>();
    for (int b = 0; b < 8; b++) {
      float[] x = new float[floats];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) rng.nextDouble();
      }
      batch.add(x);
    }
    net.apply(batch); // warm-up
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long t0 = System.nanoTime();
    long c0 = mx.getCurrentThreadCpuTime();
    long n = 0;
    while ((System.nanoTime() - t0) / 1e9 < seconds) {
      net.apply(batch);
      n += batch.size();
    }
    return new PerfCommand.Row(name + " (batch " + batch.size() + ")", "images", n,
        (System.nanoTime() - t0) / 1e9, (mx.getCurrentThreadCpuTime() - c0) / 1e9);
  }

  private static List<CycleImage> pix3dImages(Path demo, int max,
      org.semcycle.datasets.keypointnet.KeypointVocabulary vocab) {
    LocalDataRoot root = new LocalDataRoot(demo.resolve("benchmark/pix3d"));
    List<CycleImage> out = new ArrayList<>();
    for (Pix3dRecord r : new Pix3dReader(root).readIndex()) {
      if (out.size() >= max) {
        break;
      }
      if (!r.category().equals("chair")) {
        continue;
      }
      BufferedImage img = ImageLoader.load(root, r.img(), ImageLoader.DEFAULT_MAX_PIXELS);
      String synset = vocab.category(r.category()).synset();
      out.add(new CycleImage(r.img(), synset, img, r.bbox(), null));
    }
    return out;
  }

  /** The demo's own nets (demo --train), else the shipped ones it ran on. */
  static Path models(Path demo) {
    return Files.isDirectory(demo.resolve("models")) ? demo.resolve("models") : PredictCommand.shipped();
  }

  private static final java.lang.management.CompilationMXBean JIT =
      java.lang.management.ManagementFactory.getCompilationMXBean();

  /** The demo's evaluation sets the infer job's speed-up is measured on. */
  static final List<String> SPEEDUP_SETS = List.of("pix3d", "spair", "pfpascal");

  /**
   * The infer job (setting full on every image of the demo's sets, no pair mode; the 2D baseline
   * on the pair sets' pairs, as the models folder has it) on local[1] and on local[2], after a
   * warm-up run (JIT, file caches); each timed run loads its nets afresh, as a new executor would.
   */
  private static List<PerfCommand.Row> sparkSpeedup(Config c, Path demo) throws Exception {
    List<PerfCommand.Row> rows = new ArrayList<>();
    double[] wall = new double[3];
    long images = 0;
    int[] runs = {2, 1, 2};
    for (int i = 0; i < runs.length; i++) {
      int k = runs[i];
      boolean warmUp = i == 0;
      org.semcycle.spark.dl.ExecutorModels.closeAll();
      Config ck = c.withValue("semcycle.spark.master", ConfigValueFactory.fromAnyRef("local[" + k + "]"))
          .withValue("semcycle.infer.pair-settings", ConfigValueFactory.fromIterable(List.of()));
      SparkSession spark = Sessions.create(ck, "perf");
      try {
        Path out = Files.createTempDirectory("semcycle-perf-infer-");
        long jit0 = JIT.getTotalCompilationTime();
        long t0 = System.nanoTime();
        var s = InferCommand.run(spark, ck, SPEEDUP_SETS, demo.resolve("benchmark").toString(),
            models(demo).toString(), demo.resolve("kpdb").toString(), null, List.of("full"),
            null, out.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        // The JIT compiles on a core of its own when one task thread leaves it free, and takes
        // it from the second task thread otherwise: how much of it a run still had.
        System.err.printf(java.util.Locale.ROOT, "perf: infer job, local[%d]%s: %.1f s, JIT compiling %.1f s of it%n",
            k, warmUp ? " (warm-up)" : "", seconds, (JIT.getTotalCompilationTime() - jit0) / 1e3);
        images = s.images();
        if (warmUp) {
          continue;
        }
        wall[k] = seconds;
        rows.add(new PerfCommand.Row("infer job, local[" + k + "] (" + String.join(" + ", SPEEDUP_SETS)
            + ", setting full)", "images", images,
            seconds, Double.NaN));
      } finally {
        spark.stop();
      }
    }
    rows.add(new PerfCommand.Row(String.format(java.util.Locale.ROOT,
        "  Spark speed-up local[1] -> local[2]: %.2fx", wall[1] / wall[2]), "images", images, wall[2], Double.NaN));
    return rows;
  }
}
