package org.semcycle.rendering;

import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.MeshBuilder;
import org.semcycle.geometry.Vec3;

/**
 * Simple closed meshes (boxes, UV spheres, cones) and quads with outward (counter-clockwise seen
 * from outside) winding, for tests, perf measurements and debugging renders. Each solid shares its
 * vertices, so it is one closed connected shell.
 */
public final class PrimitiveMeshes {
  private PrimitiveMeshes() {}

  /** An axis-aligned box from (x0, y0, z0) to (x1, y1, z1). */
  public static Mesh box(double x0, double y0, double z0, double x1, double y1, double z1) {
    MeshBuilder b = new MeshBuilder();
    addBox(b, x0, y0, z0, x1, y1, z1);
    return b.build();
  }

  /** Adds an axis-aligned box (12 triangles, 8 shared vertices). */
  public static void addBox(MeshBuilder b, double x0, double y0, double z0, double x1, double y1, double z1) {
    int[] v = new int[8];
    for (int i = 0; i < 8; i++) {
      v[i] = b.addVertex((i & 1) == 0 ? x0 : x1, (i & 2) == 0 ? y0 : y1, (i & 4) == 0 ? z0 : z1);
    }
    // faces counter-clockwise seen from outside
    b.addQuad(v[0], v[4], v[6], v[2]); // -x
    b.addQuad(v[1], v[3], v[7], v[5]); // +x
    b.addQuad(v[0], v[1], v[5], v[4]); // -y
    b.addQuad(v[2], v[6], v[7], v[3]); // +y
    b.addQuad(v[0], v[2], v[3], v[1]); // -z
    b.addQuad(v[4], v[5], v[7], v[6]); // +z
  }

  /** A UV sphere: {@code segments} around the Y axis, {@code rings} from pole to pole. */
  public static Mesh uvSphere(Vec3 centre, double radius, int segments, int rings) {
    MeshBuilder b = new MeshBuilder();
    addUvSphere(b, centre, radius, segments, rings);
    return b.build();
  }

  /**
   * Adds a UV sphere with {@code segments * (rings - 1) + 2} vertices and {@code 2 * segments *
   * (rings - 1)} triangles; vertices lie on the sphere.
   */
  public static void addUvSphere(MeshBuilder b, Vec3 c, double radius, int segments, int rings) {
    if (segments < 3 || rings < 2) {
      throw new IllegalArgumentException("a sphere needs >= 3 segments and >= 2 rings");
    }
    int top = b.addVertex(c.x(), c.y() + radius, c.z());
    int[][] ring = new int[rings - 1][segments];
    for (int r = 1; r < rings; r++) {
      double polar = Math.PI * r / rings;
      double y = Math.cos(polar);
      double s = Math.sin(polar);
      for (int k = 0; k < segments; k++) {
        double phi = 2 * Math.PI * k / segments;
        ring[r - 1][k] = b.addVertex(
            c.x() + radius * s * Math.sin(phi), c.y() + radius * y, c.z() + radius * s * Math.cos(phi));
      }
    }
    int bottom = b.addVertex(c.x(), c.y() - radius, c.z());
    for (int k = 0; k < segments; k++) {
      int k1 = (k + 1) % segments;
      b.addTriangle(top, ring[0][k], ring[0][k1]);
      for (int r = 0; r + 1 < rings - 1; r++) {
        b.addQuad(ring[r][k], ring[r + 1][k], ring[r + 1][k1], ring[r][k1]);
      }
      b.addTriangle(bottom, ring[rings - 2][k1], ring[rings - 2][k]);
    }
  }

  /** Adds a closed cone: apex, and a base circle of {@code segments} around {@code base} in the plane normal to the axis. */
  public static void addCone(MeshBuilder b, Vec3 base, Vec3 apex, double radius, int segments) {
    Vec3 axis = apex.minus(base).normalized();
    Vec3 helper = Math.abs(axis.y()) < 0.9 ? Vec3.Y : Vec3.X;
    Vec3 u = axis.cross(helper).normalized();
    Vec3 w = axis.cross(u);
    int tip = b.addVertex(apex);
    int centre = b.addVertex(base);
    int[] rim = new int[segments];
    for (int k = 0; k < segments; k++) {
      double phi = 2 * Math.PI * k / segments;
      rim[k] = b.addVertex(base.plus(u.times(radius * Math.cos(phi))).plus(w.times(radius * Math.sin(phi))));
    }
    for (int k = 0; k < segments; k++) {
      int k1 = (k + 1) % segments;
      b.addTriangle(tip, rim[k], rim[k1]);
      b.addTriangle(centre, rim[k1], rim[k]);
    }
  }

  /** A single quad a b c d (two triangles a b c, a c d), with optional per-corner UVs (u, v each). */
  public static Mesh quad(Vec3 a, Vec3 b, Vec3 c, Vec3 d, float[] uvAbcd) {
    MeshBuilder m = new MeshBuilder();
    int ia = m.addVertex(a);
    int ib = m.addVertex(b);
    int ic = m.addVertex(c);
    int id = m.addVertex(d);
    if (uvAbcd == null) {
      m.addQuad(ia, ib, ic, id);
    } else {
      float[] t1 = {uvAbcd[0], uvAbcd[1], uvAbcd[2], uvAbcd[3], uvAbcd[4], uvAbcd[5]};
      float[] t2 = {uvAbcd[0], uvAbcd[1], uvAbcd[4], uvAbcd[5], uvAbcd[6], uvAbcd[7]};
      m.addTriangle(ia, ib, ic, t1);
      m.addTriangle(ia, ic, id, t2);
    }
    return m.build();
  }

  /**
   * The perf measurements' object of about {@code 3000} triangles: a sphere body on four box legs
   * with a cone on top, inside the canonical cube.
   */
  public static Mesh perfObject() {
    MeshBuilder b = new MeshBuilder();
    addUvSphere(b, new Vec3(0, 0.05, 0), 0.25, 48, 30); // 2784 triangles; 2880 in all
    for (int i = 0; i < 4; i++) {
      double x = (i & 1) == 0 ? -0.2 : 0.15;
      double z = (i & 2) == 0 ? -0.2 : 0.15;
      addBox(b, x, -0.45, z, x + 0.05, -0.1, z + 0.05);
    }
    addCone(b, new Vec3(0, 0.25, 0), new Vec3(0.05, 0.45, -0.05), 0.1, 24);
    return b.build();
  }
}
