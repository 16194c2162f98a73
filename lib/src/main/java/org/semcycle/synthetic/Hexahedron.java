package org.semcycle.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.semcycle.geometry.Vec3;

/**
 * Boxes, tapered boxes and beams: a hexahedron from 8 corners indexed {@code i + 2j + 4k}
 * where (i, j, k) in {0,1}^3 run along a right-handed (side, up, length) frame, so corner 0 is
 * (side-, up-, length-) and corner 7 is (side+, up+, length+). Each of its 6 quads is split
 * into 2 triangles (12 faces), wound outward.
 */
public final class Hexahedron {
  private Hexahedron() {}

  private static final int[][] QUADS = {
    {0, 4, 6, 2}, // i = 0
    {1, 3, 7, 5}, // i = 1
    {0, 1, 5, 4}, // j = 0
    {2, 6, 7, 3}, // j = 1
    {0, 2, 3, 1}, // k = 0
    {4, 5, 7, 6}, // k = 1
  };

  /** A hexahedron from its 8 corners (see the class comment for the order). */
  public static Solid of(Vec3... c) {
    if (c.length != 8) {
      throw new IllegalArgumentException("a hexahedron needs 8 corners");
    }
    List<int[]> tris = new ArrayList<>();
    for (int[] q : QUADS) {
      tris.add(new int[] {q[0], q[1], q[2]});
      tris.add(new int[] {q[0], q[2], q[3]});
    }
    return Solid.of(Arrays.asList(c), tris).outward();
  }

  /** An axis-aligned box. */
  public static Solid box(Vec3 min, Vec3 max) {
    Vec3[] c = new Vec3[8];
    for (int n = 0; n < 8; n++) {
      c[n] = new Vec3(
          (n & 1) == 0 ? min.x() : max.x(),
          (n & 2) == 0 ? min.y() : max.y(),
          (n & 4) == 0 ? min.z() : max.z());
    }
    return of(c);
  }

  /**
   * A box tapered along y: bottom face x in [-bx, bx], z in [bz0, bz1] at y0; top face x in
   * [-tx, tx], z in [tz0, tz1] at y1, both centred on x = offsetX (0 for symmetric parts).
   */
  public static Solid taperedY(
      double offsetX, double y0, double bx, double bz0, double bz1,
      double y1, double tx, double tz0, double tz1) {
    Vec3[] c = new Vec3[8];
    for (int n = 0; n < 8; n++) {
      boolean top = (n & 2) != 0;
      double hx = top ? tx : bx;
      double x = offsetX + ((n & 1) == 0 ? -hx : hx);
      double z = (n & 4) == 0 ? (top ? tz0 : bz0) : (top ? tz1 : bz1);
      c[n] = new Vec3(x, top ? y1 : y0, z);
    }
    return of(c);
  }

  /**
   * A beam of rectangular section (width along {@code side}, height along the part of
   * {@code upHint} normal to the axis) from centre point a to centre point b.
   */
  public static Solid beam(Vec3 a, Vec3 b, double width, double height, Vec3 upHint) {
    Vec3 d = b.minus(a).normalized();
    Vec3 side = d.cross(upHint).normalized();
    if (side.norm() < 0.5) {
      side = d.cross(Math.abs(d.x()) < 0.9 ? Vec3.X : Vec3.Z).normalized();
    }
    Vec3 up = side.cross(d).normalized();
    Vec3[] c = new Vec3[8];
    for (int n = 0; n < 8; n++) {
      Vec3 base = (n & 4) == 0 ? a : b;
      c[n] = base.plus(side.times(((n & 1) == 0 ? -0.5 : 0.5) * width))
          .plus(up.times(((n & 2) == 0 ? -0.5 : 0.5) * height));
    }
    return of(c);
  }
}
