package org.semcycle.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeshOpsTest {
  @Test
  void normalsAreaAndDegenerates() {
    Mesh m = SurfaceSamplerTest.twoTriangles();
    double[] n = MeshOps.faceNormals(m);
    assertArrayEquals(new double[] {0, 0, 1, 0, 0, 0, 0, 0, 1}, n, 1e-12);
    assertEquals(2.0, MeshOps.totalArea(m), 1e-12);
    assertArrayEquals(new int[] {1}, MeshOps.degenerateFaces(m, 0));
    assertArrayEquals(new int[] {0, 1}, MeshOps.degenerateFaces(m, 0.6), "area threshold");
  }

  @Test
  void normalisesToUnitDiagonalAndReportsTransform() {
    MeshBuilder b = new MeshBuilder();
    b.addVertex(2, 3, 4);
    b.addVertex(6, 3, 4);
    b.addVertex(2, 6, 4);
    b.addVertex(2, 3, 16);
    b.addTriangle(0, 1, 2);
    b.addTriangle(0, 1, 3);
    Mesh m = b.build();
    NormalizedMesh nm = MeshOps.normalizeToUnitDiagonal(m);
    Bounds bb = nm.mesh().bounds();
    assertEquals(1.0, bb.diagonal(), 1e-12);
    assertTrue(bb.center().norm() < 1e-12);
    assertEquals(new Vec3(4, 4.5, 10), nm.center());
    assertEquals(1.0 / 13, nm.scale(), 1e-15);
    for (int i = 0; i < m.vertexCount(); i++) {
      assertTrue(nm.apply(m.vertex(i)).distance(nm.mesh().vertex(i)) < 1e-12);
      assertTrue(nm.invert(nm.mesh().vertex(i)).distance(m.vertex(i)) < 1e-12);
    }
    assertArrayEquals(m.triangles(), nm.mesh().triangles());
    MeshBuilder p = new MeshBuilder();
    p.addVertex(1, 1, 1);
    p.addTriangle(0, 0, 0);
    assertThrows(IllegalArgumentException.class, () -> MeshOps.normalizeToUnitDiagonal(p.build()));
  }

  @Test
  void meshesWithoutAreaOrWithHugeCoordinatesAreNotRenderable() {
    MeshBuilder ok = new MeshBuilder();
    ok.addVertex(0, 0, 0);
    ok.addVertex(1, 0, 0);
    ok.addVertex(0, 1, 0);
    ok.addTriangle(0, 1, 2);
    MeshOps.requireRenderable(ok.build(), "ok.obj");
    MeshBuilder flat = new MeshBuilder();
    flat.addVertex(0, 0, 0);
    flat.addVertex(1, 0, 0);
    flat.addVertex(2, 0, 0);
    flat.addTriangle(0, 1, 2);
    flat.addTriangle(0, 0, 1);
    var e = assertThrows(org.semcycle.io.DataFormatException.class, () -> MeshOps.requireRenderable(flat.build(), "flat.obj"));
    assertTrue(e.getMessage().startsWith("flat.obj: mesh has zero area: all 2 faces"), e.getMessage());
    MeshBuilder huge = new MeshBuilder();
    huge.addVertex(0, 0, 0);
    huge.addVertex(1, 0, 0);
    huge.addVertex(0, 0, 1e300);
    huge.addTriangle(0, 1, 2);
    e = assertThrows(org.semcycle.io.DataFormatException.class, () -> MeshOps.requireRenderable(huge.build(), "huge.obj"));
    assertTrue(e.getMessage().contains("1.0E300 is huge"), e.getMessage());
  }

  @Test
  void nearestPointIsFound() {
    float[] pts = {0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0};
    assertEquals(1, NearestPoint.nearest(pts, 0.9, 0.1, 0), "ties go to the lower index");
    assertEquals(2, NearestPoint.nearest(pts, new Vec3(0.1, 0.8, 0.3)));
    assertEquals(0, NearestPoint.nearest(new double[] {5, 5, 5, 9, 9, 9}, 6, 6, 6));
    assertThrows(IllegalArgumentException.class, () -> NearestPoint.nearest(new float[0], 0, 0, 0));
  }
}
