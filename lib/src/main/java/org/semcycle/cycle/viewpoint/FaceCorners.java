package org.semcycle.cycle.viewpoint;

import org.semcycle.cycle.mesh.VertexClustering;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.MeshOps;
import org.semcycle.geometry.Vec3;

/**
 * The faces a soft silhouette rasteriser draws: the mesh simplified by {@link VertexClustering}
 * to the face budget, degenerate faces (repeated corners or zero area) dropped, each face's
 * three corners in the canonical frame. Corner k of face t is at index {@code k * faces + t} of
 * {@link #x()}, {@link #y()}, {@link #z()}. Shared by {@link SoftSilhouetteRenderer} and
 * {@link SoftRasterizer}, so both draw the same triangles. Immutable (the arrays are not exposed
 * outside the package).
 */
final class FaceCorners {
  private final int faces;
  private final double[] x;
  private final double[] y;
  private final double[] z;

  private FaceCorners(int faces, double[] x, double[] y, double[] z) {
    this.faces = faces;
    this.x = x;
    this.y = y;
    this.z = z;
  }

  /** The kept faces of {@code mesh} simplified to at most {@code maxFaces} faces. */
  static FaceCorners of(Mesh mesh, int maxFaces) {
    Mesh m = VertexClustering.simplify(mesh, maxFaces);
    int kept = 0;
    boolean[] keep = new boolean[m.faceCount()];
    for (int f = 0; f < m.faceCount(); f++) {
      keep[f] = !MeshOps.isDegenerate(m, f, 0);
      kept += keep[f] ? 1 : 0;
    }
    if (kept == 0) {
      throw new IllegalArgumentException("mesh has no non-degenerate face");
    }
    double[] x = new double[3 * kept];
    double[] y = new double[3 * kept];
    double[] z = new double[3 * kept];
    int t = 0;
    for (int f = 0; f < m.faceCount(); f++) {
      if (!keep[f]) {
        continue;
      }
      for (int k = 0; k < 3; k++) {
        Vec3 p = m.faceVertex(f, k);
        x[k * kept + t] = p.x();
        y[k * kept + t] = p.y();
        z[k * kept + t] = p.z();
      }
      t++;
    }
    return new FaceCorners(kept, x, y, z);
  }

  int faces() {
    return faces;
  }

  /** Corner x coordinates (corner k of face t at {@code k * faces + t}); not to be modified. */
  double[] x() {
    return x;
  }

  double[] y() {
    return y;
  }

  double[] z() {
    return z;
  }
}
