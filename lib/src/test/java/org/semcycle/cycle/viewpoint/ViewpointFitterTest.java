package org.semcycle.cycle.viewpoint;

import org.semcycle.rendering.camera.Viewpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.GradientCollector;
import java.util.EnumSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.semcycle.rendering.camera.Viewpoint.Parameter;
import org.semcycle.cycle.viewpoint.ViewpointFitter.Fit;
import org.semcycle.cycle.viewpoint.ViewpointFitter.GradientStrategy;
import org.semcycle.cycle.viewpoint.ViewpointFitter.Options;
import org.semcycle.networks.DjlRuntime;

class ViewpointFitterTest {
  static final double FOV = 40;
  static final Viewpoint TRUTH = Viewpoint.of(40, 20, 2.0);
  static SoftSilhouetteRenderer renderer;
  static float[] target;

  @BeforeAll
  static void setUp() {
    DjlRuntime.engine(1);
    renderer = new SoftSilhouetteRenderer(TestShapes.chair(), 32, 32, FOV);
    target = hardMask(renderer, TRUTH);
  }

  /** A binary target, as a thresholded predicted silhouette would be. */
  static float[] hardMask(SoftSilhouetteRenderer r, Viewpoint vp) {
    float[] s = r.render(vp, 0.05);
    float[] t = new float[s.length];
    for (int i = 0; i < s.length; i++) {
      t[i] = s[i] > 0.5f ? 1f : 0f;
    }
    return t;
  }

  static void assertRecovers(Fit fit, Viewpoint start) {
    double daz = Viewpoint.angularDistance(fit.viewpoint().azimuth(), TRUTH.azimuth());
    double del = fit.viewpoint().elevation() - TRUTH.elevation();
    String what = "from " + start + " to " + fit.viewpoint() + " iou " + fit.softIou();
    assertTrue(Math.abs(daz) < 3, "azimuth " + what);
    assertTrue(Math.abs(del) < 3, "elevation " + what);
    assertEquals(TRUTH.distance(), fit.viewpoint().distance(), 0.05 * TRUTH.distance(), what);
    assertTrue(fit.softIou() > 0.85, what);
    double[] c = fit.lossCurve();
    assertTrue(c[c.length - 1] < 0.5 * c[0], "loss decreases " + what);
  }

  @Test
  void recoversPerturbedViewpoints() {
    ViewpointFitter fitter = new ViewpointFitter(Options.defaults());
    double[][] perturbations = {{20, 10, 1.1}, {-20, -10, 0.9}, {20, -10, 0.9}, {-20, 10, 1.1}};
    for (double[] d : perturbations) {
      Viewpoint start = Viewpoint.of(
          TRUTH.azimuth() + d[0], TRUTH.elevation() + d[1], TRUTH.distance() * d[2]);
      Fit fit = fitter.fit(renderer, target, start);
      assertRecovers(fit, start);
      assertEquals(Options.defaults().steps(), fit.lossCurve().length);
    }
  }

  @Test
  void everyStrategyAndLossRecoversTheViewpoint() {
    Viewpoint start = Viewpoint.of(TRUTH.azimuth() + 20, TRUTH.elevation() - 10, 2.2);
    Options[] variants = {
      Options.defaults().withGradients(GradientStrategy.AUTOGRAD_LOCKED),
      Options.defaults().withGradients(GradientStrategy.FINITE_DIFFERENCES),
      Options.defaults().withLoss(ViewpointFitter.Loss.SOFT_IOU)
    };
    for (Options o : variants) {
      assertRecovers(new ViewpointFitter(o).fit(renderer, target, start), start);
    }
  }

  @Test
  void inPlaneAndOffsetCanBeFreed() {
    Viewpoint truth = new Viewpoint(40, 20, 2.0, 10, 0.04, -0.03);
    float[] t = hardMask(renderer, truth);
    Viewpoint start = new Viewpoint(50, 14, 2.1, 0, 0, 0);
    Options all = Options.defaults().withFree(EnumSet.allOf(Parameter.class)).withSteps(100);
    Fit fit = new ViewpointFitter(all).fit(renderer, t, start);
    Viewpoint v = fit.viewpoint();
    String what = "fit " + v + " iou " + fit.softIou();
    assertEquals(40, v.azimuth(), 3, what);
    assertEquals(20, v.elevation(), 3, what);
    assertEquals(10, v.inPlane(), 3, what);
    assertEquals(0.04, v.offsetX(), 0.02, what);
    assertEquals(-0.03, v.offsetY(), 0.02, what);
    // fixed parameters stay where they were
    Fit azOnly = new ViewpointFitter(Options.defaults().withFree(EnumSet.of(Parameter.AZIMUTH)))
        .fit(renderer, t, start);
    assertEquals(14, azOnly.viewpoint().elevation(), 0);
    assertEquals(2.1, azOnly.viewpoint().distance(), 0);
    assertEquals(0, azOnly.viewpoint().offsetX(), 0);
  }

  @Test
  void djlAllowsOneCollectorPerJvm() {
    // the reason for the lock / the collector-free strategies
    try (GradientCollector a = DjlRuntime.engine().newGradientCollector()) {
      assertNotNull(a);
      assertThrows(IllegalStateException.class,
          () -> DjlRuntime.engine().newGradientCollector().close());
    } finally {
      DjlRuntime.inferenceMode();
    }
  }

  @Test
  void fitsOnTwoThreadsAtOnceDoNotThrowAndMatchSequentialFits() throws Exception {
    Viewpoint[] starts = {
      Viewpoint.of(TRUTH.azimuth() + 20, TRUTH.elevation() + 10, 2.2),
      Viewpoint.of(TRUTH.azimuth() - 20, TRUTH.elevation() - 10, 1.8)
    };
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (GradientStrategy g : GradientStrategy.values()) {
        // short fits: this checks concurrency and determinism, not convergence
        ViewpointFitter fitter =
            new ViewpointFitter(Options.defaults().withGradients(g).withSteps(6));
        Fit[] sequential = {
          fitter.fit(renderer, target, starts[0]), fitter.fit(renderer, target, starts[1])
        };
        Future<Fit> f0 = pool.submit(() -> fitter.fit(renderer, target, starts[0]));
        Future<Fit> f1 = pool.submit(() -> fitter.fit(renderer, target, starts[1]));
        Fit[] parallel = {f0.get(), f1.get()};
        for (int i = 0; i < 2; i++) {
          assertEquals(sequential[i].viewpoint(), parallel[i].viewpoint(), g + " same result");
          assertTrue(parallel[i].lossCurve()[5] < parallel[i].lossCurve()[0], g + " progress");
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
