package org.semcycle.cycle.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.semcycle.geometry.Bounds;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.MeshOps;
import org.semcycle.geometry.Vec3;

class VertexClusteringTest {
  @Test
  void simplifiesWithinTheBudgetAndKeepsTheShape() {
    int r = 32;
    Mesh sphere = MarchingCubes.extract(
        MarchingCubesTest.sphereField(r, 0.35, Vec3.ZERO), r, 0.0, -1.0);
    assertTrue(sphere.faceCount() > 3000, "faces " + sphere.faceCount());
    Mesh small = VertexClustering.simplify(sphere, 500);
    assertTrue(small.faceCount() <= 500 && small.faceCount() > 150, "faces " + small.faceCount());
    Bounds a = sphere.bounds();
    Bounds b = small.bounds();
    assertEquals(a.min().x(), b.min().x(), 0.06);
    assertEquals(a.max().y(), b.max().y(), 0.06);
    // vertices stay near the sphere; area shrinks a little but not much
    for (int v = 0; v < small.vertexCount(); v++) {
      assertEquals(0.35, small.vertex(v).norm(), 0.06);
    }
    double ratio = MeshOps.totalArea(small) / MeshOps.totalArea(sphere);
    assertTrue(ratio > 0.8 && ratio < 1.05, "area ratio " + ratio);
    assertSame(small, VertexClustering.simplify(small, 500));
  }
}
