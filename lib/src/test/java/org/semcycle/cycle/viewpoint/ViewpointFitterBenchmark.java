package org.semcycle.cycle.viewpoint;

import org.semcycle.rendering.camera.Viewpoint;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.semcycle.cycle.viewpoint.ViewpointFitter.GradientStrategy;
import org.semcycle.cycle.viewpoint.ViewpointFitter.Options;
import org.semcycle.networks.DjlRuntime;

/**
 * Time per fit of each gradient strategy, on one thread and on two threads at once (intra-op
 * threads 1, so each fit's ops run on its own thread and its thread CPU time is its compute,
 * whatever else loads the machine). Wall time on two threads is the wall time of 2n fits / 2n. Run: {@code mvn -q -B -o -pl lib test -Dtest=ViewpointFitterBenchmark
 * -Dgroups=benchmark -Dtest.excludedGroups=none}.
 */
@Tag("benchmark")
class ViewpointFitterBenchmark {
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
        System.out.printf("BENCH %dx%d %d faces %-22s 1 thread: %6.0f ms/fit (cpu %6.0f) | "
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
      System.out.printf("BENCH-MC %d faces (of %d): cpu %.0f ms/fit, fitted %s, iou %.3f%n",
          sr.faceCount(), mesh.faceCount(), cpu, fit.viewpoint(), fit.softIou());
    }
  }
}
