package org.semcycle.cycle.viewpoint;

import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.MeshBuilder;

/** Small meshes for the viewpoint tests: boxes and an asymmetric chair-like union of boxes. */
public final class TestShapes {
  private TestShapes() {}

  /** Adds an axis-aligned box with outward-facing triangles. */
  static void box(MeshBuilder b, double x0, double y0, double z0, double x1, double y1,
      double z1) {
    int base = b.vertexCount();
    for (int c = 0; c < 8; c++) {
      b.addVertex((c & 1) == 0 ? x0 : x1, (c & 2) == 0 ? y0 : y1, (c & 4) == 0 ? z0 : z1);
    }
    int[][] quads = {
      {0, 4, 6, 2}, // -x
      {1, 3, 7, 5}, // +x
      {0, 1, 5, 4}, // -y
      {2, 6, 7, 3}, // +y
      {0, 2, 3, 1}, // -z
      {4, 5, 7, 6}, // +z
    };
    for (int[] q : quads) {
      b.addQuad(base + q[0], base + q[1], base + q[2], base + q[3]);
    }
  }

  public static Mesh box(double x0, double y0, double z0, double x1, double y1, double z1) {
    MeshBuilder b = new MeshBuilder();
    box(b, x0, y0, z0, x1, y1, z1);
    return b.build();
  }

  /**
   * A chair-like shape, deliberately asymmetric so its silhouette fixes the pose: seat, back at
   * +z, a single armrest on +x, two legs of different lengths, a post under the seat.
   */
  public static Mesh chair() {
    MeshBuilder b = new MeshBuilder();
    box(b, -0.25, -0.02, -0.25, 0.25, 0.05, 0.25); // seat
    box(b, -0.25, 0.05, 0.18, 0.25, 0.45, 0.25); // back
    box(b, 0.2, 0.05, -0.2, 0.25, 0.2, 0.18); // armrest on +x only
    box(b, -0.25, -0.4, -0.25, -0.18, -0.02, -0.18); // front-left leg, long
    box(b, 0.18, -0.25, 0.18, 0.25, -0.02, 0.25); // back-right leg, short
    box(b, -0.05, -0.4, -0.05, 0.05, -0.02, 0.05); // post
    return b.build();
  }
}
