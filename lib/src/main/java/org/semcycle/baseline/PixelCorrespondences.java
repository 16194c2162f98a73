package org.semcycle.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.semcycle.geometry.Vec3;
import org.semcycle.rendering.camera.Camera;

/**
 * Ground-truth pixel correspondences between two rendered views of one model: a foreground
 * pixel of view A is unprojected with its depth to a 3D point, projected into view B, and kept
 * when B sees it there: on B's image, in front of its camera, and B's depth at the nearest pixel
 * within {@code depthTolerance x z} of the point's depth (so points hidden behind other parts in
 * B, or falling on B's background, are dropped). Thread-safe; sampling is seeded.
 *
 * @param depthTolerance relative depth agreement for the visibility test (0.02: 4 cm at a
 *     distance of 2 for an object of diagonal 1)
 */
public record PixelCorrespondences(double depthTolerance) {
  /** A correspondence: pixel (ax, ay) of A (pixel centres are integers) seen at (bx, by) in B. */
  public record Pair(double ax, double ay, double bx, double by) {}

  public PixelCorrespondences {
    if (!(depthTolerance > 0)) {
      throw new IllegalArgumentException("depth tolerance must be positive: " + depthTolerance);
    }
  }

  /** Tolerance 0.02. */
  public static PixelCorrespondences defaults() {
    return new PixelCorrespondences(0.02);
  }

  /**
   * Where B sees A's point at (x, y): A's depth at the nearest pixel, unprojected at (x, y)
   * itself. Returns {bx, by}, or null when A shows background there or B does not see the point.
   */
  public double[] transfer(DepthView a, DepthView b, double x, double y) {
    float z = a.depthAt((int) Math.round(x), (int) Math.round(y));
    if (!(z > 0)) {
      return null;
    }
    Vec3 p = a.camera().unproject(x, y, z);
    Camera cb = b.camera();
    double[] out = new double[3];
    cb.project(p.x(), p.y(), p.z(), out);
    if (!(out[2] > 0) || !cb.intrinsics().contains(out[0], out[1])) {
      return null;
    }
    float zb = b.depthAt((int) Math.round(out[0]), (int) Math.round(out[1]));
    if (!(zb > 0) || Math.abs(zb - out[2]) > depthTolerance * out[2]) {
      return null;
    }
    return new double[] {out[0], out[1]};
  }

  /**
   * Up to {@code count} correspondences from A's foreground pixels, drawn without replacement in
   * an order seeded by {@code seed}, keeping those that B sees (so fewer when little overlaps).
   */
  public List<Pair> sample(DepthView a, DepthView b, int count, long seed) {
    int[] fg = foreground(a);
    SplittableRandom r = new SplittableRandom(seed);
    List<Pair> out = new ArrayList<>(Math.min(count, fg.length));
    for (int i = 0; i < fg.length && out.size() < count; i++) {
      int j = i + r.nextInt(fg.length - i);
      int t = fg[i];
      fg[i] = fg[j];
      fg[j] = t;
      int x = fg[i] % a.width();
      int y = fg[i] / a.width();
      double[] q = transfer(a, b, x, y);
      if (q != null) {
        out.add(new Pair(x, y, q[0], q[1]));
      }
    }
    return out;
  }

  private static int[] foreground(DepthView v) {
    float[] d = v.depth();
    int n = 0;
    for (float z : d) {
      if (z > 0) {
        n++;
      }
    }
    int[] idx = new int[n];
    int k = 0;
    for (int i = 0; i < d.length; i++) {
      if (d[i] > 0) {
        idx[k++] = i;
      }
    }
    return idx;
  }
}
