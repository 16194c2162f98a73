package org.semcycle.cycle.viewpoint;

import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Projection;
import org.semcycle.rendering.camera.Viewpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.Vec3;
import org.semcycle.networks.DjlRuntime;

class SoftSilhouetteRendererTest {
  static final double FOV = 40;

  @BeforeAll
  static void engine() {
    DjlRuntime.engine(1);
  }

  @Test
  void ndArrayProjectionAgreesWithTheRenderersCamera() {
    Mesh chair = TestShapes.chair();
    SplittableRandom rnd = new SplittableRandom(11);
    for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
      SoftSilhouetteRenderer r = new SoftSilhouetteRenderer(chair, 48, 40, FOV, 800, type);
      double tol = type == DataType.FLOAT64 ? 1e-5 : 1e-3;
      try (NDManager m = DjlRuntime.engine().newBaseManager()) {
        int n = chair.vertexCount();
        double[] pts = chair.positions();
        for (int trial = 0; trial < 8; trial++) {
          Viewpoint vp = new Viewpoint(rnd.nextDouble(360), rnd.nextDouble(-70, 70),
              rnd.nextDouble(1.5, 3), rnd.nextDouble(-40, 40), rnd.nextDouble(-0.1, 0.1),
              rnd.nextDouble(-0.1, 0.1));
          Camera cam = Camera.lookAt(vp, 48, 40, FOV);
          double[] uvz = r.project(m.create(vp.toArray()), m.create(pts, new Shape(n, 3)))
              .toType(DataType.FLOAT64, false).toDoubleArray();
          for (int i = 0; i < n; i++) {
            Projection want = cam.project(chair.vertex(i));
            double[] xyDepth = {want.x(), want.y(), want.depth()};
            for (int a = 0; a < 3; a++) {
              assertEquals(xyDepth[a], uvz[3 * i + a], tol, type + " " + vp + " vertex " + i);
            }
          }
        }
      }
    }
  }

  static final Viewpoint VIEW = new Viewpoint(40, 20, 2.0, 8, 0.03, -0.02);

  /** Loss MSE(S(p), T) as a double, for float64 finite differences. */
  static double loss(SoftSilhouetteRenderer r, double[] p, float[] target, double sigma) {
    float[] s = r.render(Viewpoint.fromArray(p), sigma);
    double sum = 0;
    for (int i = 0; i < s.length; i++) {
      sum += (s[i] - target[i]) * (double) (s[i] - target[i]);
    }
    return sum / s.length;
  }

  @Test
  void autogradMatchesFiniteDifferencesForAllSixParameters() {
    Mesh chair = TestShapes.chair();
    double sigma = 1.0;
    SoftSilhouetteRenderer r32 = new SoftSilhouetteRenderer(chair, 32, 32, FOV, 800,
        DataType.FLOAT32);
    SoftSilhouetteRenderer r64 = new SoftSilhouetteRenderer(chair, 32, 32, FOV, 800,
        DataType.FLOAT64);
    float[] target = r64.render(Viewpoint.of(55, 28, 2.2), 0.3);
    double[] p = VIEW.toArray();
    double[] grad;
    DjlRuntime.trainingMode();
    try (NDManager m = DjlRuntime.engine().newBaseManager();
        GradientCollector gc = DjlRuntime.engine().newGradientCollector()) {
      NDArray params = m.create(p).toType(DataType.FLOAT32, false);
      params.setRequiresGradient(true);
      NDArray d = r32.render(params, sigma).sub(m.create(target));
      NDArray l = d.mul(d).mean();
      gc.backward(l);
      grad = params.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
    } finally {
      DjlRuntime.inferenceMode();
    }
    double[] h = {1e-3, 1e-3, 1e-5, 1e-3, 1e-6, 1e-6};
    String[] names = {"azimuth", "elevation", "distance", "in-plane", "offsetX", "offsetY"};
    for (int a = 0; a < 6; a++) {
      double[] up = p.clone();
      double[] dn = p.clone();
      up[a] += h[a];
      dn[a] -= h[a];
      double fd = (loss(r64, up, target, sigma) - loss(r64, dn, target, sigma)) / (2 * h[a]);
      assertTrue(Math.abs(fd) > 1e-5, names[a] + " gradient too small to test: " + fd);
      assertEquals(fd, grad[a], 0.05 * Math.abs(fd), names[a] + ": autograd vs central FD");
    }
  }

  /** Exact coverage of pixel centres by the projected triangles (plain Java). */
  static boolean[] exactCoverage(Mesh mesh, Camera cam) {
    int w = cam.width();
    int hgt = cam.height();
    boolean[] cov = new boolean[w * hgt];
    for (int f = 0; f < mesh.faceCount(); f++) {
      double[] a = pixel(cam, mesh.faceVertex(f, 0));
      double[] b = pixel(cam, mesh.faceVertex(f, 1));
      double[] c = pixel(cam, mesh.faceVertex(f, 2));
      for (int row = 0; row < hgt; row++) {
        for (int col = 0; col < w; col++) {
          double e0 = (b[0] - a[0]) * (row - a[1]) - (b[1] - a[1]) * (col - a[0]);
          double e1 = (c[0] - b[0]) * (row - b[1]) - (c[1] - b[1]) * (col - b[0]);
          double e2 = (a[0] - c[0]) * (row - c[1]) - (a[1] - c[1]) * (col - c[0]);
          if ((e0 >= 0 && e1 >= 0 && e2 >= 0) || (e0 <= 0 && e1 <= 0 && e2 <= 0)) {
            cov[row * w + col] = true;
          }
        }
      }
    }
    return cov;
  }

  private static double[] pixel(Camera cam, Vec3 p) {
    Projection q = cam.project(p);
    return new double[] {q.x(), q.y()};
  }

  @Test
  void smallSigmaApproachesExactCoverage() {
    for (Mesh mesh : new Mesh[] {TestShapes.box(-0.3, -0.2, -0.25, 0.3, 0.25, 0.2),
        TestShapes.chair()}) {
      Viewpoint vp = new Viewpoint(30, 25, 2.0, 10, 0.02, 0);
      SoftSilhouetteRenderer r = new SoftSilhouetteRenderer(mesh, 48, 48, FOV);
      float[] soft = r.render(vp, 0.01);
      boolean[] exact = exactCoverage(mesh, Camera.lookAt(vp, 48, 48, FOV));
      int covered = 0;
      int differ = 0;
      for (int i = 0; i < soft.length; i++) {
        covered += exact[i] ? 1 : 0;
        differ += (soft[i] > 0.5) != exact[i] ? 1 : 0;
      }
      assertTrue(covered > 300 && covered < 48 * 48 - 300, "object fills part of the image");
      // only pixel centres within a fraction of a pixel of the outline may differ
      assertTrue(differ <= 0.01 * soft.length, differ + " pixels differ of " + soft.length);
      // wide sigma blurs: values strictly between 0 and 1 near the edges
      float[] blurred = r.render(vp, 3.0);
      double diff = 0;
      for (int i = 0; i < soft.length; i++) {
        diff += Math.abs(blurred[i] - (exact[i] ? 1 : 0));
      }
      assertTrue(diff > 20, "sigma 3 must blur the edges: " + diff);
    }
  }

  @Test
  void maxAggregationIsASoftStepOfTheDistanceToTheOutline() {
    // one square facing the camera at az 0: outside, S = sigmoid(-d^2 / sigma) exactly
    Mesh box = TestShapes.box(-0.2, -0.2, -0.01, 0.2, 0.2, 0.01);
    SoftSilhouetteRenderer r = new SoftSilhouetteRenderer(box, 32, 32, FOV, 800, DataType.FLOAT64,
        SoftSilhouetteRenderer.Aggregation.MAX);
    Viewpoint vp = Viewpoint.of(0, 0, 2);
    float[] s = r.render(vp, 2.0);
    Camera cam = Camera.lookAt(vp, 32, 32, FOV);
    double right = cam.project(new Vec3(0.2, 0, 0.01)).x(); // nearest face is z = +0.01
    int row = 15;
    for (int col = (int) Math.ceil(right); col < 32; col++) {
      double d = col - right;
      double want = 1 / (1 + Math.exp(d * d / 2.0));
      assertEquals(want, s[row * 32 + col], 1e-4, "col " + col);
    }
    // off-axis, so that no pixel centre falls exactly on a seam (where MAX dips to 0.5)
    Viewpoint oblique = Viewpoint.of(10, 8, 2);
    float[] sharp = r.render(oblique, 0.01);
    boolean[] exact = exactCoverage(box, Camera.lookAt(oblique, 32, 32, FOV));
    int differ = 0;
    for (int i = 0; i < sharp.length; i++) {
      differ += (sharp[i] > 0.5) != exact[i] ? 1 : 0;
    }
    assertTrue(differ <= 5, differ + " pixels differ");
  }

  @Test
  void batchRowsEqualSingleRenders() {
    SoftSilhouetteRenderer r = new SoftSilhouetteRenderer(TestShapes.chair(), 32, 32, FOV);
    Viewpoint a = Viewpoint.of(10, 15, 2);
    Viewpoint b = new Viewpoint(200, -10, 2.5, 20, 0.05, 0.05);
    float[] sa = r.render(a, 1);
    float[] sb = r.render(b, 1);
    try (NDManager m = DjlRuntime.engine().newBaseManager()) {
      double[] both = new double[12];
      System.arraycopy(a.toArray(), 0, both, 0, 6);
      System.arraycopy(b.toArray(), 0, both, 6, 6);
      float[] batch = r.render(m.create(both, new Shape(2, 6)), 1).toFloatArray();
      for (int i = 0; i < sa.length; i++) {
        assertEquals(sa[i], batch[i], 1e-5);
        assertEquals(sb[i], batch[sa.length + i], 1e-5);
      }
    }
  }
}
