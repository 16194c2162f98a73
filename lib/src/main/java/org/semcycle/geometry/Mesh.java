package org.semcycle.geometry;

import java.util.List;

/**
 * An immutable triangle mesh: vertex positions, triangles as vertex-index triples, and per face
 * a material index and a group (part) index. Polygons read from OBJ files are fan-triangulated,
 * so face indices count triangles. Optional per-corner texture coordinates (6 floats a face:
 * u0 v0 u1 v1 u2 v2) serve textured rendering.
 */
public final class Mesh {
  private final double[] positions;
  private final int[] triangles;
  private final int[] faceMaterial;
  private final int[] faceGroup;
  private final List<Material> materials;
  private final List<String> groups;
  private final float[] cornerUv;

  Mesh(
      double[] positions,
      int[] triangles,
      int[] faceMaterial,
      int[] faceGroup,
      List<Material> materials,
      List<String> groups,
      float[] cornerUv) {
    this.positions = positions;
    this.triangles = triangles;
    this.faceMaterial = faceMaterial;
    this.faceGroup = faceGroup;
    this.materials = List.copyOf(materials);
    this.groups = List.copyOf(groups);
    this.cornerUv = cornerUv;
  }

  public static MeshBuilder builder() {
    return new MeshBuilder();
  }

  public int vertexCount() {
    return positions.length / 3;
  }

  public int faceCount() {
    return triangles.length / 3;
  }

  public Vec3 vertex(int i) {
    return new Vec3(positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]);
  }

  /** Vertex index of corner {@code corner} (0..2) of face {@code face}. */
  public int corner(int face, int corner) {
    return triangles[3 * face + corner];
  }

  public Vec3 faceVertex(int face, int corner) {
    return vertex(triangles[3 * face + corner]);
  }

  /** Point of a face at barycentric weights (w0, w1, w2) of its three corners. */
  public Vec3 pointOnFace(int face, double w0, double w1, double w2) {
    return faceVertex(face, 0)
        .times(w0)
        .plus(faceVertex(face, 1).times(w1))
        .plus(faceVertex(face, 2).times(w2));
  }

  /** Unnormalised face normal (cross product of two edges): length is twice the area. */
  public Vec3 faceCross(int face) {
    Vec3 a = faceVertex(face, 0);
    return faceVertex(face, 1).minus(a).cross(faceVertex(face, 2).minus(a));
  }

  public double faceArea(int face) {
    return 0.5 * faceCross(face).norm();
  }

  public Vec3 faceNormal(int face) {
    return faceCross(face).normalized();
  }

  public int faceMaterialIndex(int face) {
    return faceMaterial[face];
  }

  /** Material of a face, or {@link Material#DEFAULT} when it has none. */
  public Material faceMaterial(int face) {
    int m = faceMaterial[face];
    return m < 0 ? Material.DEFAULT : materials.get(m);
  }

  public int faceGroupIndex(int face) {
    return faceGroup[face];
  }

  public List<Material> materials() {
    return materials;
  }

  public List<String> groups() {
    return groups;
  }

  public boolean hasUv() {
    return cornerUv != null;
  }

  /** Texture coordinate (u or v by {@code axis} 0/1) of a face corner. */
  public float uv(int face, int corner, int axis) {
    return cornerUv[6 * face + 2 * corner + axis];
  }

  /** A copy of the raw positions, 3 doubles a vertex. */
  public double[] positions() {
    return positions.clone();
  }

  /** A copy of the raw triangles, 3 vertex indices a face. */
  public int[] triangles() {
    return triangles.clone();
  }

  public Bounds bounds() {
    return Bounds.of(positions);
  }

  /** A mesh with every vertex mapped through {@code f}; faces, materials and groups kept. */
  public Mesh mapVertices(java.util.function.UnaryOperator<Vec3> f) {
    double[] p = new double[positions.length];
    for (int i = 0; i < vertexCount(); i++) {
      Vec3 v = f.apply(vertex(i));
      p[3 * i] = v.x();
      p[3 * i + 1] = v.y();
      p[3 * i + 2] = v.z();
    }
    return new Mesh(p, triangles, faceMaterial, faceGroup, materials, groups, cornerUv);
  }
}
