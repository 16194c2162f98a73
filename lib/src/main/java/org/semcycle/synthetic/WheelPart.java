package org.semcycle.synthetic;

import java.util.ArrayList;
import java.util.List;
import org.semcycle.geometry.Vec3;

/**
 * Wheels turning about the X axis: a tyre as a torus (major radius to the tube centre, minor
 * radius of the tube) and a hub as a short cylinder that fills the torus' hole. The hub's
 * outer cap centre (a vertex) is the wheel-centre keypoint.
 */
public final class WheelPart {
  private WheelPart() {}

  /** A torus around the X axis through {@code center}. */
  public static Solid tyre(Vec3 center, double major, double minor, int nMajor, int nMinor) {
    List<Vec3> pts = new ArrayList<>();
    for (int i = 0; i < nMajor; i++) {
      double a = 2 * Math.PI * i / nMajor;
      Vec3 radial = new Vec3(0, Math.cos(a), Math.sin(a));
      for (int j = 0; j < nMinor; j++) {
        double b = 2 * Math.PI * j / nMinor;
        double r = major + minor * Math.cos(b);
        pts.add(center.plus(radial.times(r)).plus(Vec3.X.times(minor * Math.sin(b))));
      }
    }
    List<int[]> tris = new ArrayList<>();
    for (int i = 0; i < nMajor; i++) {
      for (int j = 0; j < nMinor; j++) {
        int a = i * nMinor + j;
        int b = ((i + 1) % nMajor) * nMinor + j;
        int c = ((i + 1) % nMajor) * nMinor + (j + 1) % nMinor;
        int d = i * nMinor + (j + 1) % nMinor;
        tris.add(new int[] {a, b, c});
        tris.add(new int[] {a, c, d});
      }
    }
    return Solid.of(pts, tris).outward();
  }

  /**
   * A hub disc on the X axis from x = {@code center.x + inner} to {@code center.x + outer}
   * (outer is the side facing away from the car for a right wheel when positive).
   */
  public static Solid hub(Vec3 center, double radius, double inner, double outer, int n) {
    return Loft.tube(center.plus(Vec3.X.times(inner)), center.plus(Vec3.X.times(outer)),
        radius, radius, n);
  }
}
