package org.semcycle.cli;

import com.typesafe.config.Config;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.semcycle.io.LocalDataSink;
import org.semcycle.rendering.RenderPerf;
import org.semcycle.rendering.RenderableMesh;
import org.semcycle.rendering.dataset.ModelViewRenderer;
import org.semcycle.rendering.dataset.ViewRenderSpec;
import org.semcycle.synthetic.ShapeGenerator;
import org.semcycle.synthetic.ShapeGenerators;
import org.semcycle.synthetic.SynthModel;
import org.semcycle.synthetic.SynthSpec;
import org.semcycle.synthetic.SyntheticWorld;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code semcycle perf}: single-thread throughput of the stages, so numbers read "per core".
 * Reports wall and thread-CPU rates (on a shared machine the CPU rate is the stable one) and
 * the allocator the process runs with.
 */
@Command(
    name = "perf",
    mixinStandardHelpOptions = true,
    description = {
      "Measure per-core throughput: synth (models/s), the render stage at --image-size with all four",
      "maps PNG-encoded and keypoints projected (views/s), and the bare rasteriser; with --demo DIR",
      "also each net's inference, the full cycle and its stages, the infer job's Spark speed-up and",
      "training throughput. Writes a CSV."
    })
public final class PerfCommand implements Callable<Integer> {
  @Option(names = "--out", defaultValue = "perf.csv", description = "CSV file to write (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--image-size", defaultValue = "128", description = "Render size in pixels (default: ${DEFAULT-VALUE}).")
  int imageSize;

  @Option(names = "--seconds", defaultValue = "5", description = "Seconds per measurement (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--demo", description = "A demo output folder: adds each net's inference, the full cycle and its stages, keypoint transfer, the infer job's local[1] -> local[2] speed-up, and training throughput.")
  Path demo;

  @Mixin CommonOptions common;

  /** One measurement; cpu is NaN where only wall time means something (Spark jobs, logs). */
  record Row(String stage, String unit, long items, double wall, double cpu) {
    String csv() {
      return String.format("%s,%s,%d,%.3f,%.3f,%.2f,%.2f", stage, unit, items, wall, cpu, items / wall, items / cpu);
    }
  }

  @Override
  public Integer call() throws Exception {
    Config c = common.load(Map.of());
    SynthSpec spec = SynthSpecs.from(c);
    List<Row> rows = new ArrayList<>();
    rows.add(synth(spec));
    rows.add(renderStage(c, spec));
    RenderPerf.Result r = RenderPerf.run(seconds, 1, imageSize);
    rows.add(new Row("rasteriser (perf object, " + r.triangles() + " triangles)", "views", r.views(), r.seconds(), r.cpuSeconds()));
    if (demo != null) {
      rows.addAll(CyclePerf.run(c, demo, seconds));
    }
    StringBuilder csv = new StringBuilder("stage,unit,items,wall_s,cpu_s,per_s_wall,per_s_cpu\n");
    String alloc = System.getenv().getOrDefault("LD_PRELOAD", "glibc malloc");
    System.out.printf("%-55s %12s %12s   (allocator: %s)%n", "stage, 1 thread", "per s wall", "per s CPU", alloc);
    for (Row row : rows) {
      csv.append(row.csv()).append('\n');
      System.out.printf("%-55s %12.1f %12.1f %s%n", row.stage(), row.items() / row.wall(), row.items() / row.cpu(), row.unit());
    }
    Files.writeString(out, csv, StandardCharsets.UTF_8);
    System.out.println("perf: wrote " + out.toAbsolutePath());
    return 0;
  }

  private Row synth(SynthSpec spec) throws Exception {
    Path tmp = Files.createTempDirectory("semcycle-perf-");
    int n = 0;
    long t0 = System.nanoTime();
    double c0 = processCpu();
    // Whole synth runs of 3 categories x 4 models, on one thread, until the time is up.
    while ((System.nanoTime() - t0) / 1e9 < seconds) {
      SynthSpec s = new SynthSpec(spec.seed() + n, spec.categories(), 4, spec.trainFraction(), spec.valFraction(), spec.pcdPoints(), spec.vocabulary());
      n += SyntheticWorld.write(s, new LocalDataSink(tmp.resolve("r" + n)), 1).models();
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    // The work runs on the writer pool's single thread: count the process's CPU time.
    return new Row("synth (generate, sample PCD, write files)", "models", n, wall, processCpu() - c0);
  }

  private Row renderStage(Config c, SynthSpec spec) {
    ViewRenderSpec v = ViewRenderSpecs.from(c);
    ViewRenderSpec one =
        new ViewRenderSpec(v.seed(), 1, imageSize, v.fov(), v.distanceMin(), v.distanceMax(), v.sampling(),
            v.inPlaneMax(), v.background(), v.supersample(), v.voxelResolution());
    ModelViewRenderer renderer = new ModelViewRenderer(one);
    List<SynthModel> models = new ArrayList<>();
    for (String cat : spec.categories()) {
      ShapeGenerator g = ShapeGenerators.forCategory(cat, spec.vocabulary());
      for (int i = 0; i < 4; i++) {
        models.add(g.generate(spec.seed(), i));
      }
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long t0 = System.nanoTime();
    long c0 = mx.getCurrentThreadCpuTime();
    int n = 0;
    while ((System.nanoTime() - t0) / 1e9 < seconds) {
      SynthModel m = models.get(n % models.size());
      renderer.renderView(m.synset(), m.modelId(), n, RenderableMesh.of(m.mesh()), m.keypoints(),
          new org.semcycle.rendering.dataset.ViewpointSampler(one).sample(new java.util.SplittableRandom(n)), n);
      n++;
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
    return new Row(
        "render stage " + imageSize + "px, ss" + v.supersample() + ", " + v.background() + " (4 maps + PNG + keypoints)",
        "views", n, wall, cpu);
  }

  /** CPU seconds of the whole process so far (HotSpot's OperatingSystemMXBean). */
  private static double processCpu() {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return os.getProcessCpuTime() / 1e9;
  }

}
