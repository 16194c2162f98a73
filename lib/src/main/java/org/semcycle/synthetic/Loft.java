package org.semcycle.synthetic;

import java.util.ArrayList;
import java.util.List;
import org.semcycle.geometry.Vec3;

/**
 * Lofted tubes: a sequence of rings of n points each, joined by quads, closed at each end by a
 * fan to the ring's centroid or to an apex point (a cone tip). Also cylinders and frustums.
 * Winding is fixed outward after construction. A centroid or apex is a vertex, so a keypoint
 * placed there lies exactly on a vertex of the cap.
 */
public final class Loft {
  private Loft() {}

  /**
   * Joins the rings (all the same size, at least 3 points, consistently ordered) and closes the
   * ends; {@code startApex} / {@code endApex} null mean a flat cap fanned from the centroid.
   */
  public static Solid of(List<Vec3[]> rings, Vec3 startApex, Vec3 endApex) {
    int n = rings.get(0).length;
    if (n < 3 || rings.size() < 1 || (rings.size() < 2 && startApex == null && endApex == null)) {
      throw new IllegalArgumentException("a loft needs rings of >= 3 points and a length");
    }
    List<Vec3> pts = new ArrayList<>();
    for (Vec3[] r : rings) {
      if (r.length != n) {
        throw new IllegalArgumentException("rings differ in size");
      }
      for (Vec3 p : r) {
        pts.add(p);
      }
    }
    List<int[]> tris = new ArrayList<>();
    for (int r = 0; r + 1 < rings.size(); r++) {
      for (int i = 0; i < n; i++) {
        int a0 = r * n + i;
        int a1 = r * n + (i + 1) % n;
        int b0 = (r + 1) * n + i;
        int b1 = (r + 1) * n + (i + 1) % n;
        tris.add(new int[] {a0, a1, b1});
        tris.add(new int[] {a0, b1, b0});
      }
    }
    int s = pts.size();
    pts.add(startApex != null ? startApex : centroid(rings.get(0)));
    for (int i = 0; i < n; i++) {
      tris.add(new int[] {s, (i + 1) % n, i});
    }
    int e = pts.size();
    int last = (rings.size() - 1) * n;
    pts.add(endApex != null ? endApex : centroid(rings.get(rings.size() - 1)));
    for (int i = 0; i < n; i++) {
      tris.add(new int[] {e, last + i, last + (i + 1) % n});
    }
    return Solid.of(pts, tris).outward();
  }

  /** Mean of a ring's points. */
  public static Vec3 centroid(Vec3[] ring) {
    Vec3 c = Vec3.ZERO;
    for (Vec3 p : ring) {
      c = c.plus(p);
    }
    return c.times(1.0 / ring.length);
  }

  /**
   * An ellipse of n points around {@code center} in the plane spanned by unit vectors u and v:
   * point k at angle 2 pi k / n from u toward v, radii ru along u and rv along v.
   */
  public static Vec3[] ellipse(Vec3 center, Vec3 u, Vec3 v, double ru, double rv, int n) {
    Vec3[] r = new Vec3[n];
    for (int k = 0; k < n; k++) {
      double t = 2 * Math.PI * k / n;
      r[k] = center.plus(u.times(ru * Math.cos(t))).plus(v.times(rv * Math.sin(t)));
    }
    return r;
  }

  /** A closed cylinder (or frustum) from a to b, radii ra at a and rb at b, n sides. */
  public static Solid tube(Vec3 a, Vec3 b, double ra, double rb, int n) {
    Vec3 d = b.minus(a).normalized();
    Vec3 u = d.cross(Math.abs(d.y()) < 0.9 ? Vec3.Y : Vec3.X).normalized();
    Vec3 v = d.cross(u).normalized();
    return of(List.of(ellipse(a, u, v, ra, ra, n), ellipse(b, u, v, rb, rb, n)), null, null);
  }
}
