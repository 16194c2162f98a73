package org.semcycle.geometry;

import java.util.Arrays;

/** Whole-mesh measures and transforms: face normals, area, ShapeNet normalisation, degenerates. */
public final class MeshOps {
  private MeshOps() {}

  /** Unit normals, 3 doubles a face (right-hand rule on corner order); (0,0,0) for degenerates. */
  public static double[] faceNormals(Mesh mesh) {
    double[] out = new double[3 * mesh.faceCount()];
    for (int f = 0; f < mesh.faceCount(); f++) {
      Vec3 n = mesh.faceNormal(f);
      out[3 * f] = n.x();
      out[3 * f + 1] = n.y();
      out[3 * f + 2] = n.z();
    }
    return out;
  }

  /**
   * Largest coordinate magnitude {@link #requireRenderable} accepts. ShapeNet's normalised models
   * lie within a unit-diagonal box; raw CAD models in millimetres stay far below this.
   */
  public static final double MAX_COORDINATE = 1e6;

  /**
   * Refuses a mesh that cannot give meaningful views or grids: no surface (every face
   * degenerate, total area zero) or a vertex coordinate beyond +-{@link #MAX_COORDINATE} (whose
   * normalisation and rasterisation overflow or lose all precision).
   *
   * @throws org.semcycle.io.DataFormatException naming {@code source} and the problem
   */
  public static void requireRenderable(Mesh mesh, String source) {
    Bounds b = mesh.bounds();
    double[] c = {b.min().x(), b.min().y(), b.min().z(), b.max().x(), b.max().y(), b.max().z()};
    for (double v : c) {
      if (!(Math.abs(v) <= MAX_COORDINATE)) {
        throw new org.semcycle.io.DataFormatException(
            source, "vertex coordinate " + v + " is huge (beyond +-" + MAX_COORDINATE + "): not a model to render");
      }
    }
    if (!(totalArea(mesh) > 0)) {
      throw new org.semcycle.io.DataFormatException(
          source, "mesh has zero area: all " + mesh.faceCount() + " faces are degenerate");
    }
  }

  /** Sum of the face areas. */
  public static double totalArea(Mesh mesh) {
    double sum = 0;
    for (int f = 0; f < mesh.faceCount(); f++) {
      sum += mesh.faceArea(f);
    }
    return sum;
  }

  /**
   * ShapeNet's normalisation: centre the bounding box at the origin and scale so its diagonal
   * is 1. A mesh whose bounding box is a single point is refused.
   */
  public static NormalizedMesh normalizeToUnitDiagonal(Mesh mesh) {
    Bounds b = mesh.bounds();
    double diag = b.diagonal();
    if (!(diag > 0) || !Double.isFinite(diag)) {
      throw new IllegalArgumentException("cannot normalise a mesh with bounding-box diagonal " + diag);
    }
    Vec3 center = b.center();
    double scale = 1.0 / diag;
    Mesh out = mesh.mapVertices(p -> p.minus(center).times(scale));
    return new NormalizedMesh(out, center, scale);
  }

  /**
   * True when a face has a repeated corner or an area not above {@code minArea} (use 0 to flag
   * exact zeros only).
   */
  public static boolean isDegenerate(Mesh mesh, int face, double minArea) {
    int a = mesh.corner(face, 0);
    int b = mesh.corner(face, 1);
    int c = mesh.corner(face, 2);
    return a == b || b == c || a == c || !(mesh.faceArea(face) > minArea);
  }

  /** Indices of the degenerate faces (see {@link #isDegenerate}), ascending. */
  public static int[] degenerateFaces(Mesh mesh, double minArea) {
    int[] out = new int[mesh.faceCount()];
    int n = 0;
    for (int f = 0; f < mesh.faceCount(); f++) {
      if (isDegenerate(mesh, f, minArea)) {
        out[n++] = f;
      }
    }
    return Arrays.copyOf(out, n);
  }
}
