package org.semcycle.synthetic;

import java.util.ArrayList;
import java.util.List;
import org.semcycle.geometry.Vec3;

/**
 * A closed triangle mesh of one primitive (box, tube, wing panel...): shared vertices and
 * triangles, before it joins a model. Factories build the topology; {@link #outward()} fixes
 * the winding so that faces are counter-clockwise seen from outside (positive signed volume).
 */
public final class Solid {
  private final double[] xyz;
  private final int[] tri;

  Solid(double[] xyz, int[] tri) {
    this.xyz = xyz;
    this.tri = tri;
  }

  /** Builds a solid from vertex points and triangles (3 indices each). */
  public static Solid of(List<Vec3> points, List<int[]> triangles) {
    double[] p = new double[3 * points.size()];
    for (int i = 0; i < points.size(); i++) {
      Vec3 v = points.get(i);
      p[3 * i] = v.x();
      p[3 * i + 1] = v.y();
      p[3 * i + 2] = v.z();
    }
    int[] t = new int[3 * triangles.size()];
    for (int i = 0; i < triangles.size(); i++) {
      System.arraycopy(triangles.get(i), 0, t, 3 * i, 3);
    }
    return new Solid(p, t);
  }

  public int vertexCount() {
    return xyz.length / 3;
  }

  public int faceCount() {
    return tri.length / 3;
  }

  public Vec3 vertex(int i) {
    return new Vec3(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
  }

  /** Vertex index of corner c (0..2) of triangle f. */
  public int corner(int f, int c) {
    return tri[3 * f + c];
  }

  /** Signed volume (divergence theorem); positive when faces wind outward. */
  public double signedVolume() {
    double v = 0;
    for (int f = 0; f < faceCount(); f++) {
      Vec3 a = vertex(tri[3 * f]);
      Vec3 b = vertex(tri[3 * f + 1]);
      Vec3 c = vertex(tri[3 * f + 2]);
      v += a.dot(b.cross(c));
    }
    return v / 6.0;
  }

  /** The same solid with every triangle's winding reversed (corners 1 and 2 swapped). */
  public Solid flipped() {
    int[] t = tri.clone();
    for (int f = 0; f < faceCount(); f++) {
      t[3 * f + 1] = tri[3 * f + 2];
      t[3 * f + 2] = tri[3 * f + 1];
    }
    return new Solid(xyz, t);
  }

  /** This solid wound outward: flipped when its signed volume is negative. */
  public Solid outward() {
    return signedVolume() < 0 ? flipped() : this;
  }

  /**
   * Mirror image through the Y-Z plane (x negated), winding reversed so it stays outward. Face
   * k of the mirror is face k of this solid with corners 1 and 2 swapped: a point with
   * barycentric weights (w0, w1, w2) here is at (w0, w2, w1) there.
   */
  public Solid mirroredX() {
    double[] p = xyz.clone();
    for (int i = 0; i < p.length; i += 3) {
      p[i] = -p[i];
    }
    return new Solid(p, flipped().tri);
  }

  /** Concatenation of solids as one (each stays closed on its own). */
  public static Solid union(Solid... parts) {
    List<Vec3> pts = new ArrayList<>();
    List<int[]> tris = new ArrayList<>();
    for (Solid s : parts) {
      int base = pts.size();
      for (int i = 0; i < s.vertexCount(); i++) {
        pts.add(s.vertex(i));
      }
      for (int f = 0; f < s.faceCount(); f++) {
        tris.add(new int[] {base + s.corner(f, 0), base + s.corner(f, 1), base + s.corner(f, 2)});
      }
    }
    return of(pts, tris);
  }
}
