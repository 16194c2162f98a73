package org.semcycle.cycle.viewpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.semcycle.cycle.viewpoint.ViewpointFitter.GradientStrategy;
import org.semcycle.cycle.viewpoint.ViewpointFitter.Options;
import org.semcycle.networks.DjlRuntime;

/**
 * Time per fit of each gradient strategy, on one thread and on two threads at once (intra-op
 * threads 1). Run: {@code mvn -q -B -o -pl lib test -Dtest=ViewpointFitterBenchmark
 * -Dgroups=benchmark -Dtest.excludedGroups=none}.
 */
@Tag("benchmark")
class ViewpointFitterBenchmark {
  @Test
  void timePerFit() throws Exception {
    DjlRuntime.engine(1);
    int[] sizes = {32, 48};
    ViewParameters truth = ViewParameters.of(40, 20, 2.0);
    ViewParameters start = ViewParameters.of(60, 10, 2.2);
    for (int size : sizes) {
      SoftSilhouetteRenderer r = new SoftSilhouetteRenderer(TestShapes.chair(), size, size, 40);
      float[] target = ViewpointFitterTest.hardMask(r, truth);
      for (GradientStrategy g : GradientStrategy.values()) {
        ViewpointFitter fitter = new ViewpointFitter(Options.defaults().withGradients(g));
        fitter.fit(r, target, start); // warm-up
        int fits = 3;
        long t0 = System.nanoTime();
        for (int i = 0; i < fits; i++) {
          fitter.fit(r, target, start);
        }
        double one = (System.nanoTime() - t0) / 1e6 / fits;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long t1 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 2 * fits; i++) {
          futures.add(pool.submit(() -> fitter.fit(r, target, start)));
        }
        for (Future<?> f : futures) {
          f.get();
        }
        double two = (System.nanoTime() - t1) / 1e6 / (2 * fits);
        pool.shutdown();
        System.out.printf("BENCH %dx%d %d faces %-22s 1 thread: %7.0f ms/fit | 2 threads: "
            + "%7.0f ms/fit (wall per fit, throughput)%n", size, size, r.faceCount(), g, one,
            two);
      }
    }
  }
}
