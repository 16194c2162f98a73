package org.semcycle.cycle.viewpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.semcycle.cycle.viewpoint.SoftRasterizer.Evaluation;
import org.semcycle.cycle.viewpoint.ViewpointFitter.Loss;
import org.semcycle.cycle.viewpoint.ViewpointFitter.Options;
import org.semcycle.geometry.Mesh;
import org.semcycle.networks.DjlRuntime;
import org.semcycle.rendering.camera.Viewpoint;

class SoftRasterizerTest {
  static final double FOV = 40;
  static final String[] NAMES = {"azimuth", "elevation", "distance", "in-plane", "offsetX",
    "offsetY"};
  /** A viewpoint with every parameter away from zero, and a target from another one. */
  static final Viewpoint VIEW = new Viewpoint(40, 20, 2.0, 8, 0.03, -0.02);
  static final Viewpoint TARGET_VIEW = new Viewpoint(52, 27, 2.2, 2, 0.0, 0.01);

  /** The 0/1 mask of a sharp silhouette, as a thresholded predicted silhouette would be. */
  static float[] hardMask(SoftRasterizer r, Viewpoint vp) {
    return threshold(r.render(vp, 0.05));
  }

  /** 1 where the silhouette exceeds 0.5, else 0. */
  static float[] threshold(float[] s) {
    float[] t = new float[s.length];
    for (int i = 0; i < s.length; i++) {
      t[i] = s[i] > 0.5f ? 1f : 0f;
    }
    return t;
  }

  /**
   * The analytic gradient of the plain-Java loss against central differences of the same
   * forward pass, for all six parameters, both losses, a sharp and a wide blur.
   */
  @Test
  void gradientMatchesCentralDifferencesForAllSixParameters() {
    SoftRasterizer r = new SoftRasterizer(TestShapes.chair(), 32, 32, FOV, 800);
    float[] target = hardMask(r, TARGET_VIEW);
    double[] p = VIEW.toArray();
    double[] h = {1e-4, 1e-4, 1e-6, 1e-4, 1e-7, 1e-7};
    for (Loss loss : Loss.values()) {
      for (double sigma : new double[] {0.1, 3.0}) {
        double[] grad = r.evaluate(VIEW, sigma, target, loss).gradient();
        for (int a = 0; a < 6; a++) {
          double[] up = p.clone();
          double[] dn = p.clone();
          up[a] += h[a];
          dn[a] -= h[a];
          double fd = (r.evaluate(Viewpoint.fromArray(up), sigma, target, loss).loss()
              - r.evaluate(Viewpoint.fromArray(dn), sigma, target, loss).loss()) / (2 * h[a]);
          String what = loss + " sigma " + sigma + " " + NAMES[a] + ": analytic " + grad[a]
              + " vs central FD " + fd;
          assertTrue(Math.abs(fd) > 1e-4, "gradient too small to test: " + what);
          assertEquals(fd, grad[a], 1e-6 * Math.abs(fd), what);
        }
      }
    }
  }

  @Test
  void silhouetteAndGradientEqualTheDjlRenderers() {
    DjlRuntime.engine(1);
    Mesh chair = TestShapes.chair();
    SoftSilhouetteRenderer djl32 =
        new SoftSilhouetteRenderer(chair, 32, 32, FOV, 800, DataType.FLOAT32);
    SoftSilhouetteRenderer djl64 =
        new SoftSilhouetteRenderer(chair, 32, 32, FOV, 800, DataType.FLOAT64);
    SoftRasterizer r = djl32.rasterizer();
    assertEquals(djl32.faceCount(), r.faceCount());
    for (double sigma : new double[] {0.05, 0.5, 2.0}) {
      float[] want = djl32.render(VIEW, sigma);
      float[] got = r.render(VIEW, sigma);
      double max = 0;
      for (int i = 0; i < want.length; i++) {
        max = Math.max(max, Math.abs(want[i] - got[i]));
      }
      assertTrue(max < 1e-4, "sigma " + sigma + ": max |S_java - S_djl| " + max);
    }
    float[] target = hardMask(r, TARGET_VIEW);
    for (Loss loss : Loss.values()) {
      for (double sigma : new double[] {0.1, 2.0}) {
        double[] want = djlGradient(djl64, loss, sigma, target);
        Evaluation e = r.evaluate(VIEW, sigma, target, loss);
        for (int a = 0; a < 6; a++) {
          assertEquals(want[a], e.gradient()[a], 1e-9 * Math.abs(want[a]),
              loss + " sigma " + sigma + " " + NAMES[a]);
        }
        assertEquals(want[6], e.loss(), 1e-9, loss + " sigma " + sigma + " loss");
      }
    }
  }

  /** DJL autograd (float64) of the fitter's loss: the six gradients, then the loss. */
  private static double[] djlGradient(
      SoftSilhouetteRenderer r, Loss loss, double sigma, float[] target) {
    ViewpointFitter fitter = new ViewpointFitter(Options.defaults().withLoss(loss));
    DjlRuntime.trainingMode();
    try (NDManager m = DjlRuntime.engine().newBaseManager();
        GradientCollector gc = DjlRuntime.engine().newGradientCollector()) {
      NDArray params = m.create(VIEW.toArray());
      params.setRequiresGradient(true);
      NDArray l = fitter.lossOf(r.render(params, sigma),
          m.create(target).toType(DataType.FLOAT64, false));
      gc.backward(l);
      double[] out = new double[7];
      System.arraycopy(params.getGradient().toDoubleArray(), 0, out, 0, 6);
      out[6] = l.getDouble();
      return out;
    } finally {
      DjlRuntime.inferenceMode();
    }
  }

  @Test
  void softIouIsTheFittersOnTheRenderedSilhouette() {
    SoftRasterizer r = new SoftRasterizer(TestShapes.chair(), 32, 32, FOV, 800);
    float[] target = hardMask(r, TARGET_VIEW);
    Evaluation e = r.evaluate(VIEW, 0.5, target, Loss.SOFT_IOU);
    double iou = ViewpointFitter.softIou(r.render(VIEW, 0.5), target);
    assertEquals(iou, e.softIou(), 1e-6);
    assertEquals(1 - iou, e.loss(), 1e-5);
    assertTrue(iou > 0.3 && iou < 0.95, "the two views overlap partly: " + iou);
  }

  /**
   * Half resolution draws the same image coarser: its pixel (col, row) covers the full image's
   * pixels 2 col .. 2 col + 1, so the silhouette's centroid c maps to (c - 0.5) / 2 and its area
   * to a quarter (at a quarter of the blur in its pixels^2, a box large enough not to alias),
   * with every parameter (offsets and in-plane rotation included) away from zero.
   */
  @Test
  void halfResolutionIsTheSameImageCoarser() {
    SoftRasterizer full =
        new SoftRasterizer(TestShapes.box(-0.3, -0.2, -0.25, 0.3, 0.25, 0.2), 48, 40, FOV, 800);
    SoftRasterizer half = full.halfResolution();
    assertEquals(24, half.width());
    assertEquals(20, half.height());
    Viewpoint vp = new Viewpoint(40, 20, 2.4, 8, 0.1, -0.06);
    double[] a = moments(full.render(vp, 2), 48);
    double[] b = moments(half.render(vp, 0.5), 24);
    assertEquals(a[0] / 4, b[0], 0.01 * a[0] / 4, "area");
    assertEquals((a[1] - 0.5) / 2, b[1], 0.03, "centroid x");
    assertEquals((a[2] - 0.5) / 2, b[2], 0.03, "centroid y");
    assertTrue(a[1] > 23.5 + 3 && a[2] < 19.5 - 1, "off-centre");
  }

  /** Area and centroid (x, y) of a row-major silhouette. */
  private static double[] moments(float[] s, int width) {
    double m = 0;
    double mx = 0;
    double my = 0;
    for (int q = 0; q < s.length; q++) {
      m += s[q];
      mx += s[q] * (q % width);
      my += s[q] * (q / width);
    }
    return new double[] {m, mx / m, my / m};
  }
}
