package org.semcycle.cycle.viewpoint;

import org.semcycle.rendering.camera.Viewpoint;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.semcycle.cycle.ViewpointStage;
import org.semcycle.cycle.mesh.MarchingCubes;
import org.semcycle.cycle.viewpoint.ViewpointFitter.Fit;
import org.semcycle.cycle.viewpoint.ViewpointFitter.GradientStrategy;
import org.semcycle.rendering.camera.Viewpoint.Parameter;
import org.semcycle.cycle.viewpoint.ViewpointFitter.Options;
import org.semcycle.geometry.Mesh;
import org.semcycle.networks.DjlRuntime;
import org.semcycle.rendering.VoxelGrid;
import org.semcycle.rendering.Voxelizer;

/**
 * Time per fit of each gradient strategy, on one thread and on two threads at once (intra-op
 * threads 1, so each fit's ops run on its own thread and its thread CPU time is its compute,
 * whatever else loads the machine). Wall time on two threads is the wall time of 2n fits / 2n. Run: {@code mvn -q -B -o -pl lib test -Dtest=ViewpointFitterPerfTest
 * -Dgroups=perf -Dtest.excludedGroups=none}.
 */
@Tag("perf")
class ViewpointFitterPerfTest {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Test
  void timePerFit() throws Exception {
    DjlRuntime.engine(1);
    int[] sizes = {32, 48};
    Viewpoint truth = Viewpoint.of(40, 20, 2.0);
    Viewpoint start = Viewpoint.of(60, 10, 2.2);
    for (int size : sizes) {
      SoftSilhouetteRenderer r = new SoftSilhouetteRenderer(TestShapes.chair(), size, size, 40);
      float[] target = ViewpointFitterTest.hardMask(r, truth);
      for (GradientStrategy g : GradientStrategy.values()) {
        ViewpointFitter fitter = new ViewpointFitter(Options.defaults().withGradients(g));
        fitter.fit(r, target, start); // warm-up
        int fits = 2;
        AtomicLong cpu = new AtomicLong();
        Runnable timedFit = () -> {
          long c0 = THREADS.getCurrentThreadCpuTime();
          fitter.fit(r, target, start);
          cpu.addAndGet(THREADS.getCurrentThreadCpuTime() - c0);
        };
        long t0 = System.nanoTime();
        for (int i = 0; i < fits; i++) {
          timedFit.run();
        }
        double one = (System.nanoTime() - t0) / 1e6 / fits;
        double oneCpu = cpu.getAndSet(0) / 1e6 / fits;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long t1 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 2 * fits; i++) {
          futures.add(pool.submit(timedFit));
        }
        for (Future<?> f : futures) {
          f.get();
        }
        double two = (System.nanoTime() - t1) / 1e6 / (2 * fits);
        double twoCpu = cpu.get() / 1e6 / (2 * fits);
        pool.shutdown();
        System.out.printf("PERF %dx%d %d faces %-22s 1 thread: %6.0f ms/fit (cpu %6.0f) | "
            + "2 threads: %6.0f ms/fit of wall (cpu %6.0f a fit); load %.1f%n", size, size,
            r.faceCount(), g, one, oneCpu, two, twoCpu,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      }
    }
  }

  /** Fit cost and accuracy on a marching-cubes mesh at two face budgets (32 x 32). */
  @Test
  void marchingCubesMeshFit() {
    DjlRuntime.engine(1);
    int r = 32;
    float[] p = new float[r * r * r];
    for (int i = 4; i < 28; i++) {
      for (int j = 6; j < 26; j++) {
        for (int k = 4; k < 28; k++) {
          boolean slab = j < 12;
          boolean upright = i >= 20 && k >= 14;
          p[(i * r + j) * r + k] = slab || upright ? 0.9f : 0.02f;
        }
      }
    }
    org.semcycle.geometry.Mesh mesh = org.semcycle.cycle.mesh.MarchingCubes.fromProbabilities(
        p, r, 0.1);
    Viewpoint truth = Viewpoint.of(40, 20, 2.0);
    Viewpoint start = Viewpoint.of(60, 10, 2.2);
    for (int faces : new int[] {300, 800}) {
      SoftSilhouetteRenderer sr = new SoftSilhouetteRenderer(mesh, 32, 32, 40, faces,
          ai.djl.ndarray.types.DataType.FLOAT32);
      SoftSilhouetteRenderer full = new SoftSilhouetteRenderer(mesh, 32, 32, 40, 100_000,
          ai.djl.ndarray.types.DataType.FLOAT32);
      float[] target = ViewpointFitterTest.hardMask(full, truth);
      long c0 = THREADS.getCurrentThreadCpuTime();
      ViewpointFitter.Fit fit = new ViewpointFitter(Options.defaults()).fit(sr, target, start);
      double cpu = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
      System.out.printf("PERF-MC %d faces (of %d): cpu %.0f ms/fit, fitted %s, iou %.3f%n",
          sr.faceCount(), mesh.faceCount(), cpu, fit.viewpoint(), fit.softIou());
    }
  }

  /**
   * The infer job's fine-tuning (32 x 32, 400 faces, 40 steps, azimuth, elevation, distance and
   * offsets free, fov 35) on a marching-cubes mesh of the test chair (voxelised at 32^3): per
   * fit CPU time, steps used, final soft IoU and error against the known viewpoint, for the old
   * default (AUTOGRAD_NO_COLLECTOR), ANALYTIC on the same schedule (no coarse steps), the
   * default ANALYTIC (coarse steps from sigma 0.5), coarse steps from 1 and 0.25, and early
   * stopping with patience 3 and 5; then the whole
   * {@link ViewpointStage#finetune} (mesh simplification, fit, start-IoU guard) per image. The
   * target is the full marching-cubes mesh's sharp silhouette; the starts are the truth moved by
   * +-20 degrees azimuth, +-10 elevation and +-10% distance, and three more. CPU per fit is the
   * least of three rounds' means (the machine may be shared).
   */
  @Test
  void analyticAgainstAutogradOnAMarchingCubesChair() {
    DjlRuntime.engine(1);
    double fov = 35;
    Mesh mesh = marchingCubesChair();
    Viewpoint truth = new Viewpoint(40, 20, 2.0, 0, 0.03, -0.02);
    float[] target =
        SoftRasterizerTest.hardMask(new SoftRasterizer(mesh, 32, 32, fov, 1_000_000), truth);
    Options infer = Options.defaults().withSteps(40).withFree(EnumSet.of(Parameter.AZIMUTH,
        Parameter.ELEVATION, Parameter.DISTANCE, Parameter.OFFSET_X, Parameter.OFFSET_Y));
    double[][] moves = {{20, 10, 1.1}, {-20, -10, 0.9}, {20, -10, 0.9}, {-20, 10, 1.1},
      {25, 0, 1}, {0, 12, 0.85}, {-25, 5, 1.15}};
    Viewpoint[] starts = new Viewpoint[moves.length];
    for (int i = 0; i < moves.length; i++) {
      starts[i] = new Viewpoint(truth.azimuth() + moves[i][0], truth.elevation() + moves[i][1],
          truth.distance() * moves[i][2], 0, 0, 0);
    }
    SoftSilhouetteRenderer djl = new SoftSilhouetteRenderer(mesh, 32, 32, fov, 400,
        ai.djl.ndarray.types.DataType.FLOAT32);
    SoftRasterizer plain = new SoftRasterizer(mesh, 32, 32, fov, 400);
    System.out.printf("PERF-CHAIR marching-cubes chair of %d faces fitted at %d faces, truth %s,"
        + " load %.1f%n", mesh.faceCount(), plain.faceCount(), truth,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    Map<String, Function<Viewpoint, Fit>> variants = new LinkedHashMap<>();
    ViewpointFitter old =
        new ViewpointFitter(infer.withGradients(GradientStrategy.AUTOGRAD_NO_COLLECTOR));
    variants.put("AUTOGRAD_NO_COLLECTOR", start -> old.fit(djl, target, start));
    ViewpointFitter same = new ViewpointFitter(infer.withCoarseSigma(Double.POSITIVE_INFINITY));
    variants.put("ANALYTIC no coarse", start -> same.fit(plain, target, start));
    ViewpointFitter fast = new ViewpointFitter(infer);
    variants.put("ANALYTIC (default)", start -> fast.fit(plain, target, start));
    for (double c : new double[] {1, 0.25}) {
      ViewpointFitter f = new ViewpointFitter(infer.withCoarseSigma(c));
      variants.put("ANALYTIC coarse " + c, start -> f.fit(plain, target, start));
    }
    for (int p : new int[] {3, 5}) {
      ViewpointFitter f = new ViewpointFitter(infer.withPatience(p));
      variants.put("ANALYTIC patience " + p, start -> f.fit(plain, target, start));
    }
    for (Map.Entry<String, Function<Viewpoint, Fit>> v : variants.entrySet()) {
      boolean analytic = v.getKey().startsWith("ANALYTIC");
      for (int warm = 0; warm < (analytic ? 60 : 2); warm++) {
        v.getValue().apply(starts[warm % starts.length]); // JIT warm-up
      }
    }
    for (Map.Entry<String, Function<Viewpoint, Fit>> v : variants.entrySet()) {
      // CPU per fit: the least of three rounds' means over the starts (the machine is shared)
      double cpu = Double.POSITIVE_INFINITY;
      double[] sum = new double[5];
      for (int round = 0; round < 3; round++) {
        long c0 = THREADS.getCurrentThreadCpuTime();
        Fit[] fits = new Fit[starts.length];
        for (int i = 0; i < starts.length; i++) {
          fits[i] = v.getValue().apply(starts[i]);
        }
        cpu = Math.min(cpu, (THREADS.getCurrentThreadCpuTime() - c0) / 1e6 / starts.length);
        if (round > 0) {
          continue;
        }
        for (int i = 0; i < starts.length; i++) {
          Fit f = fits[i];
          double[] err = errors(f.viewpoint(), truth);
          System.out.printf("PERF-CHAIR %-22s start %+4.0f %+4.0f x%.2f: %d steps, iou %.4f, "
              + "error az %.2f el %.2f deg, d %.1f%%%n", v.getKey(),
              starts[i].azimuth() - truth.azimuth(), starts[i].elevation() - truth.elevation(),
              starts[i].distance() / truth.distance(), f.lossCurve().length, f.softIou(), err[0],
              err[1], err[2]);
          double[] row = {f.lossCurve().length, f.softIou(), err[0], err[1], err[2]};
          for (int k = 0; k < row.length; k++) {
            sum[k] += row[k] / starts.length;
          }
        }
      }
      System.out.printf("PERF-CHAIR-MEAN %-22s cpu %7.1f ms/fit | %4.1f steps | iou %.4f | "
          + "|az| %.2f |el| %.2f deg | |d| %.1f%%%n", v.getKey(), cpu, sum[0], sum[1], sum[2],
          sum[3], sum[4]);
    }
    // the whole stage per image: a 64 x 64 crop mask, fitted at 32 x 32
    float[] mask =
        SoftRasterizerTest.hardMask(new SoftRasterizer(mesh, 64, 64, fov, 1_000_000), truth);
    ViewpointStage stage = new ViewpointStage(fov, 1.9, 32, 400, infer);
    for (int warm = 0; warm < 60; warm++) {
      stage.finetune(mesh, mask, 64, starts[warm % starts.length]);
    }
    double cpu = Double.POSITIVE_INFINITY;
    for (int round = 0; round < 3; round++) {
      long c0 = THREADS.getCurrentThreadCpuTime();
      for (Viewpoint start : starts) {
        stage.finetune(mesh, mask, 64, start);
      }
      cpu = Math.min(cpu, (THREADS.getCurrentThreadCpuTime() - c0) / 1e6 / starts.length);
    }
    System.out.printf("PERF-CHAIR-MEAN ViewpointStage.finetune (default, %d-face mesh) cpu %.1f "
        + "ms/image%n", mesh.faceCount(), cpu);
  }

  /** |azimuth|, |elevation| error in degrees, |distance| error in percent. */
  private static double[] errors(Viewpoint v, Viewpoint truth) {
    return new double[] {Math.abs(Viewpoint.angularDistance(v.azimuth(), truth.azimuth())),
      Math.abs(v.elevation() - truth.elevation()),
      100 * Math.abs(v.distance() / truth.distance() - 1)};
  }

  /** The test chair voxelised at 32^3 and re-meshed by marching cubes (as stage 7's meshes). */
  static Mesh marchingCubesChair() {
    VoxelGrid grid = new Voxelizer(32).voxelize(TestShapes.chair());
    return MarchingCubes.fromProbabilities(grid.toFloatArray(), 32, 0.5);
  }
}
