package org.semcycle.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SurfaceSamplerTest {
  /** Face 0 area 0.5 at z=0, face 1 degenerate (area 0), face 2 area 1.5 at z=1. */
  static Mesh twoTriangles() {
    MeshBuilder b = new MeshBuilder();
    b.addVertex(0, 0, 0);
    b.addVertex(1, 0, 0);
    b.addVertex(0, 1, 0);
    b.addVertex(0, 0, 1);
    b.addVertex(3, 0, 1);
    b.addVertex(0, 1, 1);
    b.addTriangle(0, 1, 2);
    b.addTriangle(0, 1, 1);
    b.addTriangle(3, 4, 5);
    return b.build();
  }

  @Test
  void samplesLieOnTheirFaces() {
    Mesh m = twoTriangles();
    SurfaceSamples s = new SurfaceSampler(m).sample(2000, 42L);
    assertEquals(2000, s.size());
    for (int i = 0; i < s.size(); i++) {
      int f = s.face(i);
      double[] w = s.barycentric(i);
      assertTrue(w[0] >= 0 && w[1] >= 0 && w[2] >= 0, "weights non-negative");
      assertEquals(1.0, w[0] + w[1] + w[2], 1e-12);
      Vec3 p = s.position(i);
      assertTrue(p.distance(m.pointOnFace(f, w[0], w[1], w[2])) < 1e-12);
      double zPlane = f == 0 ? 0 : 1;
      assertEquals(zPlane, p.z(), 1e-12, "on the face's plane");
      double xScale = f == 0 ? 1 : 3;
      assertTrue(p.x() / xScale + p.y() <= 1 + 1e-12 && p.x() >= 0 && p.y() >= 0, "inside the triangle");
    }
  }

  @Test
  void faceFrequenciesFollowAreas() {
    int n = 20000;
    SurfaceSamples s = new SurfaceSampler(twoTriangles()).sample(n, 7L);
    int[] counts = new int[3];
    double sx = 0;
    double sy = 0;
    for (int i = 0; i < n; i++) {
      counts[s.face(i)]++;
      if (s.face(i) == 0) {
        sx += s.position(i).x();
        sy += s.position(i).y();
      }
    }
    assertEquals(0, counts[1], "zero-area face never drawn");
    double e0 = n * 0.25;
    double e2 = n * 0.75;
    double chi2 = Math.pow(counts[0] - e0, 2) / e0 + Math.pow(counts[2] - e2, 2) / e2;
    assertTrue(chi2 < 10.83, "chi-square (1 dof, p=0.001) " + chi2 + " counts " + counts[0] + "/" + counts[2]);
    assertEquals(1.0 / 3, sx / counts[0], 0.01, "uniform in the triangle: mean at the centroid");
    assertEquals(1.0 / 3, sy / counts[0], 0.01);
  }

  @Test
  void sameSeedSameSamples() {
    SurfaceSampler sampler = new SurfaceSampler(twoTriangles());
    SurfaceSamples a = sampler.sample(500, 123L);
    SurfaceSamples b = new SurfaceSampler(twoTriangles()).sample(500, 123L);
    assertArrayEquals(a.positions(), b.positions());
    assertArrayEquals(a.faces(), b.faces());
    assertNotEquals(a.positions()[0], sampler.sample(500, 124L).positions()[0]);
  }

  @Test
  void refusesMeshWithoutArea() {
    MeshBuilder b = new MeshBuilder();
    b.addVertex(0, 0, 0);
    b.addVertex(1, 0, 0);
    b.addTriangle(0, 1, 1);
    assertThrows(IllegalArgumentException.class, () -> new SurfaceSampler(b.build()));
  }
}
