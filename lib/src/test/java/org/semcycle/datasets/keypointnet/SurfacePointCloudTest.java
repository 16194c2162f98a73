package org.semcycle.datasets.keypointnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.semcycle.geometry.Material;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.MeshBuilder;
import org.semcycle.geometry.Vec3;

class SurfacePointCloudTest {
  static Mesh coloured() {
    MeshBuilder b = new MeshBuilder();
    b.addVertex(0, 0, 0);
    b.addVertex(1, 0, 0);
    b.addVertex(0, 1, 0);
    b.addVertex(0, 0, 1);
    b.useMaterial(new Material("red", 1, 0, 0));
    b.addTriangle(0, 1, 2);
    b.useMaterial(new Material("blue", 0, 0, 1));
    b.addTriangle(0, 1, 3);
    return b.build();
  }

  @Test
  void cloudHasMaterialColoursAndIsDeterministic() {
    Mesh m = coloured();
    PointCloud c = SurfacePointCloud.sample(m, SurfacePointCloud.KEYPOINTNET_POINTS, 9L);
    assertEquals(2048, c.size());
    float[] xyz = c.xyz();
    for (int i = 0; i < c.size(); i++) {
      int expected = xyz[3 * i + 2] == 0f ? 0xff0000 : 0x0000ff;
      if (xyz[3 * i + 2] == 0f && xyz[3 * i + 1] == 0f) {
        continue; // on the shared edge: either face
      }
      assertEquals(expected, c.rgb()[i], "point " + i);
    }
    assertArrayEquals(c.xyz(), SurfacePointCloud.sample(m, 2048, 9L).xyz());
  }

  @Test
  void keypointPlacementMatchesMeshAndCloud() {
    Mesh m = coloured();
    PointCloud c = SurfacePointCloud.sample(m, 2048, 3L);
    Keypoint k = KeypointPlacement.onMesh(m, 1, new double[] {0.2, 0.3, 0.5}, 4, c);
    assertArrayEquals(new double[] {0.3, 0, 0.5}, k.xyz(), 1e-12);
    assertArrayEquals(new int[] {0, 0, 255}, k.rgb());
    Vec3 nearest = c.point(k.pcdPointIndex());
    for (int i = 0; i < c.size(); i++) {
      assertTrue(nearest.distance(Vec3.of(k.xyz())) <= c.point(i).distance(Vec3.of(k.xyz())) + 1e-9);
    }
    assertEquals(1, k.faceIndex());
    assertEquals(4, k.semanticId());
  }
}
