package org.semcycle.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.semcycle.geometry.MeshBuilder;
import org.semcycle.geometry.Vec3;
import org.semcycle.rendering.ImageCodec;
import org.semcycle.rendering.PrimitiveMeshes;
import org.semcycle.rendering.Rasterizer;
import org.semcycle.rendering.RenderOutput;
import org.semcycle.rendering.RenderSettings;
import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Viewpoint;
import org.semcycle.training.views.RenderedSample;

/**
 * Correspondences checked against analytic ray casting on boxes: the 3D point seen at a pixel
 * of A, projected into B, must be where the correspondence says, and points that B cannot see
 * must be dropped.
 */
class PixelCorrespondencesTest {
  static final int S = 64;
  static final double[][] PLATE_AND_BLOCK = {
    {-0.5, -0.5, -0.6, 0.5, 0.5, -0.5}, // a wide plate behind
    {-0.12, -0.12, -0.1, 0.12, 0.12, 0.14} // a block in front of it
  };

  /** A view rendered at one sample per pixel, its depth through the render job's PNG encoding. */
  static DepthView render(double[][] boxes, Viewpoint vp) {
    MeshBuilder b = new MeshBuilder();
    for (double[] x : boxes) {
      PrimitiveMeshes.addBox(b, x[0], x[1], x[2], x[3], x[4], x[5]);
    }
    Camera cam = Camera.lookAt(vp, S, S, 35);
    RenderOutput out = new Rasterizer(RenderSettings.DEFAULT).render(b.build(), cam, 1);
    ImageCodec.EncodedDepth d = ImageCodec.encodeDepth(out);
    RenderedSample row = new RenderedSample("s/m#0", ImageCodec.encodeRgb(out), d.png(), d.zmin(), d.zmax(),
        null, null, vp.azimuth(), vp.elevation(), null, 0, cam.intrinsicsRowMajor(), cam.extrinsicsRowMajor());
    return DepthView.of(row);
  }

  /** Distance along the ray from origin o in unit direction u to the first box it hits, or +inf. */
  static double firstHit(double[][] boxes, Vec3 o, Vec3 u) {
    double best = Double.POSITIVE_INFINITY;
    for (double[] b : boxes) {
      double t0 = 0, t1 = Double.POSITIVE_INFINITY;
      double[] oo = o.toArray();
      double[] uu = u.toArray();
      for (int a = 0; a < 3; a++) {
        double lo = (b[a] - oo[a]) / uu[a];
        double hi = (b[a + 3] - oo[a]) / uu[a];
        t0 = Math.max(t0, Math.min(lo, hi));
        t1 = Math.min(t1, Math.max(lo, hi));
      }
      if (t0 <= t1) {
        best = Math.min(best, t0);
      }
    }
    return best;
  }

  /** The world point that A's pixel (x, y) sees, or null. */
  static Vec3 seen(double[][] boxes, Camera c, double x, double y) {
    Vec3 o = c.cameraCentre();
    Vec3 u = c.unproject(x, y, 1).minus(o).normalized();
    double t = firstHit(boxes, o, u);
    return Double.isInfinite(t) ? null : o.plus(u.times(t));
  }

  /** How far in front of p the ray from c's centre through pixel (x, y) first hits something. */
  static double blockedBy(double[][] boxes, Camera c, double x, double y, Vec3 p) {
    Vec3 o = c.cameraCentre();
    Vec3 u = c.unproject(x, y, 1).minus(o).normalized();
    return p.distance(o) - firstHit(boxes, o, u);
  }

  @Test
  void aPointSeenInBothViewsMapsPixelToPixel() {
    double[][] box = {{-0.3, -0.25, -0.2, 0.3, 0.25, 0.2}};
    DepthView a = render(box, Viewpoint.of(30, 20, 2.0));
    DepthView b = render(box, Viewpoint.of(75, 35, 2.3));
    List<PixelCorrespondences.Pair> pairs = PixelCorrespondences.defaults().sample(a, b, 300, 5);
    assertTrue(pairs.size() > 200, "most of a box's pixels are seen from both views: " + pairs.size());
    double worst = 0;
    for (PixelCorrespondences.Pair p : pairs) {
      assertEquals(Math.rint(p.ax()), p.ax(), 0, "A's samples are pixel centres");
      Vec3 x = seen(box, a.camera(), p.ax(), p.ay());
      double[] q = new double[3];
      b.camera().project(x.x(), x.y(), x.z(), q);
      worst = Math.max(worst, Math.hypot(q[0] - p.bx(), q[1] - p.by()));
    }
    assertTrue(worst < 0.5, "worst pixel error " + worst);
    assertEquals(pairs, PixelCorrespondences.defaults().sample(a, b, 300, 5), "seeded");
  }

  @Test
  void pointsOccludedInBAreExcluded() {
    DepthView a = render(PLATE_AND_BLOCK, Viewpoint.of(10, 10, 2.0));
    DepthView b = render(PLATE_AND_BLOCK, Viewpoint.of(55, 25, 2.0));
    PixelCorrespondences pc = PixelCorrespondences.defaults();
    int occluded = 0, visible = 0, kept = 0;
    double worst = 0;
    for (int y = 0; y < S; y++) {
      for (int x = 0; x < S; x++) {
        if (a.depthAt(x, y) <= 0) {
          assertNull(pc.transfer(a, b, x, y), "background has no correspondence");
          continue;
        }
        Vec3 p = seen(PLATE_AND_BLOCK, a.camera(), x, y);
        double[] q = new double[3];
        b.camera().project(p.x(), p.y(), p.z(), q);
        double[] got = pc.transfer(a, b, x, y);
        if (!b.camera().intrinsics().contains(q[0], q[1])) {
          assertNull(got, "off B's image");
          continue;
        }
        boolean hidden = blockedBy(PLATE_AND_BLOCK, b.camera(), q[0], q[1], p) > 0.05
            && blockedBy(PLATE_AND_BLOCK, b.camera(), Math.rint(q[0]), Math.rint(q[1]), p) > 0.05;
        if (hidden) {
          occluded++;
          assertNull(got, "pixel (" + x + ", " + y + ") is hidden behind the block in B");
        } else if (blockedBy(PLATE_AND_BLOCK, b.camera(), q[0], q[1], p) < 1e-6) {
          visible++;
          if (got != null) {
            kept++;
            worst = Math.max(worst, Math.hypot(got[0] - q[0], got[1] - q[1]));
          }
        }
      }
    }
    assertTrue(occluded > 50, "the scene hides part of the plate in B: " + occluded);
    assertTrue(kept >= 0.9 * visible, kept + " of " + visible + " visible points kept");
    assertTrue(worst < 0.5, "worst pixel error " + worst);
  }
}
