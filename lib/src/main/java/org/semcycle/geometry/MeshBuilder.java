package org.semcycle.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Accumulates vertices and triangles, with a current material and group that new faces take.
 * Used by the OBJ reader and the procedural shape generator.
 */
public final class MeshBuilder {
  private double[] pos = new double[3 * 64];
  private int nVerts;
  private int[] tri = new int[3 * 64];
  private int[] mat = new int[64];
  private int[] grp = new int[64];
  private float[] uv;
  private int nFaces;
  private final List<Material> materials = new ArrayList<>();
  private final List<String> groups = new ArrayList<>();
  private int currentMaterial = -1;
  private int currentGroup = -1;

  /** Adds a vertex and returns its index. */
  public int addVertex(double x, double y, double z) {
    if (3 * nVerts + 3 > pos.length) {
      pos = Arrays.copyOf(pos, pos.length * 2);
    }
    pos[3 * nVerts] = x;
    pos[3 * nVerts + 1] = y;
    pos[3 * nVerts + 2] = z;
    return nVerts++;
  }

  public int addVertex(Vec3 v) {
    return addVertex(v.x(), v.y(), v.z());
  }

  public int vertexCount() {
    return nVerts;
  }

  public int faceCount() {
    return nFaces;
  }

  public Vec3 vertex(int i) {
    return new Vec3(pos[3 * i], pos[3 * i + 1], pos[3 * i + 2]);
  }

  /** Adds a triangle with the current material and group; returns its face index. */
  public int addTriangle(int a, int b, int c) {
    return addTriangle(a, b, c, null);
  }

  /**
   * Adds a triangle with per-corner texture coordinates (u0 v0 u1 v1 u2 v2), or null for none.
   */
  public int addTriangle(int a, int b, int c, float[] cornerUv) {
    for (int v : new int[] {a, b, c}) {
      if (v < 0 || v >= nVerts) {
        throw new IllegalArgumentException("vertex index " + v + " out of range 0.." + (nVerts - 1));
      }
    }
    if (3 * nFaces + 3 > tri.length) {
      tri = Arrays.copyOf(tri, tri.length * 2);
      mat = Arrays.copyOf(mat, mat.length * 2);
      grp = Arrays.copyOf(grp, grp.length * 2);
      if (uv != null) {
        uv = Arrays.copyOf(uv, uv.length * 2);
      }
    }
    tri[3 * nFaces] = a;
    tri[3 * nFaces + 1] = b;
    tri[3 * nFaces + 2] = c;
    mat[nFaces] = currentMaterial;
    grp[nFaces] = currentGroup;
    if (cornerUv != null) {
      if (uv == null) {
        uv = new float[tri.length * 2];
        Arrays.fill(uv, 0f);
      }
      System.arraycopy(cornerUv, 0, uv, 6 * nFaces, 6);
    }
    return nFaces++;
  }

  /** Adds a quad (a b c d counter-clockwise) as two triangles. */
  public void addQuad(int a, int b, int c, int d) {
    addTriangle(a, b, c);
    addTriangle(a, c, d);
  }

  /** Selects (adding if new) the material that following faces take. Returns its index. */
  public int useMaterial(Material m) {
    for (int i = 0; i < materials.size(); i++) {
      if (materials.get(i).name().equals(m.name())) {
        currentMaterial = i;
        return i;
      }
    }
    materials.add(m);
    currentMaterial = materials.size() - 1;
    return currentMaterial;
  }

  /** Selects (adding if new) the group that following faces take. Returns its index. */
  public int useGroup(String name) {
    int i = groups.indexOf(name);
    if (i < 0) {
      groups.add(name);
      i = groups.size() - 1;
    }
    currentGroup = i;
    return i;
  }

  public Mesh build() {
    float[] u = uv == null ? null : Arrays.copyOf(uv, 6 * nFaces);
    return new Mesh(
        Arrays.copyOf(pos, 3 * nVerts),
        Arrays.copyOf(tri, 3 * nFaces),
        Arrays.copyOf(mat, nFaces),
        Arrays.copyOf(grp, nFaces),
        materials,
        groups,
        u);
  }
}
