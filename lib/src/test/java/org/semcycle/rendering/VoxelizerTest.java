package org.semcycle.rendering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.MeshBuilder;
import org.semcycle.geometry.Vec3;

class VoxelizerTest {
  private final Voxelizer vox = new Voxelizer(32);

  @Test
  void cellAlignedBoxIsExact() {
    VoxelGrid g = vox.voxelize(PrimitiveMeshes.box(-0.25, -0.25, -0.25, 0.25, 0.25, 0.25));
    assertEquals(16 * 16 * 16, g.count());
    assertTrue(g.get(8, 8, 8));
    assertFalse(g.get(7, 8, 8));
    assertTrue(g.get(23, 23, 23));
    assertFalse(g.get(24, 23, 23));
  }

  @Test
  void conservativeModeAddsTheTouchingShell() {
    Mesh box = PrimitiveMeshes.box(-0.25, -0.25, -0.25, 0.25, 0.25, 0.25);
    VoxelGrid g = new Voxelizer(32, Voxelizer.SurfaceCells.ALL).voxelize(box);
    assertEquals(18 * 18 * 18, g.count()); // faces on cell borders touch the next layer out
    assertTrue(g.get(7, 7, 7));
    assertFalse(g.get(6, 8, 8));
  }

  @Test
  void boxAndSphereVolumesAreCloseToAnalytic() {
    VoxelGrid box = vox.voxelize(PrimitiveMeshes.box(-0.31, -0.2, -0.4, 0.27, 0.33, 0.1));
    double boxVolume = 0.58 * 0.53 * 0.5;
    assertEquals(1, box.volume() / boxVolume, 0.03);
    VoxelGrid sphere = vox.voxelize(PrimitiveMeshes.uvSphere(new Vec3(0.02, -0.03, 0.01), 0.4, 96, 48));
    double sphereVolume = 4.0 / 3 * Math.PI * Math.pow(0.4, 3);
    assertEquals(1, sphere.volume() / sphereVolume, 0.03);
  }

  @Test
  void lShapeOccupiesTheExpectedCellsInXyzOrder() {
    // Two closed boxes: a bar along x at the bottom and a post up the -x end, half as deep.
    MeshBuilder b = new MeshBuilder();
    PrimitiveMeshes.addBox(b, -0.25, -0.25, -0.125, 0.25, -0.125, 0.125);
    PrimitiveMeshes.addBox(b, -0.25, -0.125, -0.125, -0.125, 0.25, 0.0);
    VoxelGrid g = vox.voxelize(b.build());
    int expected = 0;
    for (int i = 0; i < 32; i++) {
      for (int j = 0; j < 32; j++) {
        for (int k = 0; k < 32; k++) {
          double x = g.centre(i);
          double y = g.centre(j);
          double z = g.centre(k);
          boolean bar = x > -0.25 && x < 0.25 && y > -0.25 && y < -0.125 && z > -0.125 && z < 0.125;
          boolean post = x > -0.25 && x < -0.125 && y > -0.125 && y < 0.25 && z > -0.125 && z < 0;
          assertEquals(bar || post, g.get(i, j, k), "cell " + i + "," + j + "," + k);
          expected += bar || post ? 1 : 0;
        }
      }
    }
    assertEquals(16 * 4 * 8 + 4 * 12 * 4, expected);
    // the post at x = -0.2, y = 0.2, z = -0.05 is cell (9, 22, 14); permuted or mirrored
    // indices are empty
    assertTrue(g.get(9, 22, 14));
    assertFalse(g.get(14, 22, 9));
    assertFalse(g.get(22, 14, 9));
    assertFalse(g.get(22, 22, 14));
    assertFalse(g.get(9, 22, 17));
    // and the packed layout puts it at flat index (i * R + j) * R + k
    byte[] packed = g.pack();
    int flat = (9 * 32 + 22) * 32 + 14;
    assertTrue((packed[flat / 8] & (0x80 >>> (flat % 8))) != 0);
  }

  @Test
  void intersectingPartsMakeAUnion() {
    MeshBuilder b = new MeshBuilder();
    PrimitiveMeshes.addBox(b, -0.375, -0.125, -0.125, 0.375, 0.125, 0.125);
    PrimitiveMeshes.addBox(b, -0.125, -0.375, -0.125, 0.125, 0.375, 0.125);
    VoxelGrid g = vox.voxelize(b.build());
    assertEquals(24 * 8 * 8 * 2 - 8 * 8 * 8, g.count()); // XOR parity would leave the overlap empty
    assertTrue(g.get(16, 16, 16));
  }

  @Test
  void thinPartsBetweenCellCentresAreKept() {
    // a plate 0.012 thick between the centre planes z = -1/64 and z = +1/64, and a thin leg
    MeshBuilder b = new MeshBuilder();
    PrimitiveMeshes.addBox(b, -0.3, -0.3, 0.0, 0.3, 0.3, 0.012);
    PrimitiveMeshes.addBox(b, 0.35, -0.45, 0.35, 0.36, 0.2, 0.36);
    VoxelGrid g = vox.voxelize(b.build());
    for (int i = 0; i < 32; i++) {
      for (int j = 0; j < 32; j++) {
        if (Math.abs(g.centre(i)) < 0.28 && Math.abs(g.centre(j)) < 0.28) {
          assertTrue(g.get(i, j, 16), "plate column " + i + "," + j);
        }
      }
    }
    int leg = 0;
    for (int j = 0; j < 32; j++) {
      for (int i = 26; i <= 27; i++) {
        for (int k = 26; k <= 27; k++) {
          leg += g.get(i, j, k) ? 1 : 0;
        }
      }
    }
    assertTrue(leg >= 20, "leg cells " + leg);
    // far from any surface nothing is set
    assertFalse(g.get(16, 16, 24));
    assertFalse(g.get(16, 16, 8));
  }

  @Test
  void anOpenSheetDoesNotLeakIntoAHalfSpace() {
    Mesh sheet = PrimitiveMeshes.quad(new Vec3(-0.4, -0.4, 0.003), new Vec3(0.4, -0.4, 0.003),
        new Vec3(0.4, 0.4, 0.003), new Vec3(-0.4, 0.4, 0.003), null);
    VoxelGrid g = vox.voxelize(sheet);
    assertTrue(g.count() > 0);
    for (int i = 0; i < 32; i++) {
      for (int j = 0; j < 32; j++) {
        for (int k = 0; k < 32; k++) {
          if (g.get(i, j, k)) {
            assertEquals(16, k, "only the layer holding the sheet");
          }
        }
      }
    }
  }

  @Test
  void rotatedBoxWithUnsharedVerticesMatchesThePointInBoxTest() {
    // Each triangle has its own copies of its corners (as OBJ files with seams do): the parts
    // are found by vertex position. Cells well away from the surface must match exactly.
    SplittableRandom rng = new SplittableRandom(11);
    for (int trial = 0; trial < 3; trial++) {
      Vec3 ax = new Vec3(rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)).normalized();
      Vec3 ay = ax.cross(new Vec3(0.3, 1, 0.2)).normalized();
      Vec3 az = ax.cross(ay);
      double[] half = {0.3, 0.2, 0.12};
      Mesh unit = PrimitiveMeshes.box(-1, -1, -1, 1, 1, 1);
      MeshBuilder b = new MeshBuilder();
      for (int f = 0; f < unit.faceCount(); f++) {
        int[] idx = new int[3];
        for (int c = 0; c < 3; c++) {
          Vec3 v = unit.faceVertex(f, c);
          idx[c] = b.addVertex(ax.times(v.x() * half[0]).plus(ay.times(v.y() * half[1])).plus(az.times(v.z() * half[2])));
        }
        b.addTriangle(idx[0], idx[1], idx[2]);
      }
      VoxelGrid g = vox.voxelize(b.build());
      double margin = Math.sqrt(3) / 32;
      int checked = 0;
      for (int i = 0; i < 32; i++) {
        for (int j = 0; j < 32; j++) {
          for (int k = 0; k < 32; k++) {
            Vec3 p = new Vec3(g.centre(i), g.centre(j), g.centre(k));
            double dx = Math.abs(p.dot(ax)) - half[0];
            double dy = Math.abs(p.dot(ay)) - half[1];
            double dz = Math.abs(p.dot(az)) - half[2];
            double outside = Math.max(dx, Math.max(dy, dz));
            if (Math.abs(outside) > margin) {
              assertEquals(outside < 0, g.get(i, j, k), "trial " + trial + " cell " + i + "," + j + "," + k);
              checked++;
            }
          }
        }
      }
      assertTrue(checked > 25000, "checked " + checked);
      assertEquals(1, g.volume() / (8 * half[0] * half[1] * half[2]), 0.05);
    }
  }

  @Test
  void packUnpackRoundTripsMostSignificantBitFirst() {
    VoxelGrid g = new VoxelGrid(32);
    g.set(0, 0, 0, true);
    byte[] p = g.pack();
    assertEquals(32 * 32 * 32 / 8, p.length);
    assertEquals((byte) 0x80, p[0]);
    g.set(0, 0, 0, false);
    g.set(0, 0, 7, true);
    assertEquals((byte) 0x01, g.pack()[0]);
    g.set(0, 0, 8, true);
    assertEquals((byte) 0x80, g.pack()[1]);

    SplittableRandom rng = new SplittableRandom(3);
    VoxelGrid r = new VoxelGrid(5); // 125 cells: a partial last byte
    for (int flat = 0; flat < r.size(); flat++) {
      r.set(flat, rng.nextBoolean());
    }
    byte[] packed = r.pack();
    assertEquals(16, packed.length);
    VoxelGrid back = VoxelGrid.unpack(packed, 5);
    assertEquals(r, back);
    assertArrayEquals(packed, back.pack());
    assertThrows(IllegalArgumentException.class, () -> VoxelGrid.unpack(new byte[3], 5));
    VoxelGrid sphere = vox.voxelize(PrimitiveMeshes.uvSphere(Vec3.ZERO, 0.3, 32, 16));
    assertEquals(sphere, VoxelGrid.unpack(sphere.pack(), 32));
  }

  @Test
  void iouOfOverlappingGrids() {
    VoxelGrid a = new VoxelGrid(4);
    VoxelGrid b = new VoxelGrid(4);
    assertEquals(1.0, a.iou(b));
    for (int k = 0; k < 4; k++) {
      a.set(0, 0, k, true);
    }
    b.set(0, 0, 0, true);
    b.set(0, 0, 1, true);
    b.set(3, 3, 3, true);
    assertEquals(2.0 / 5.0, a.iou(b), 1e-12);
    assertEquals(1.0, a.iou(a));
    VoxelGrid s1 = vox.voxelize(PrimitiveMeshes.uvSphere(Vec3.ZERO, 0.35, 48, 24));
    VoxelGrid s2 = vox.voxelize(PrimitiveMeshes.uvSphere(new Vec3(0.1, 0, 0), 0.35, 48, 24));
    assertTrue(s1.iou(s2) > 0.5 && s1.iou(s2) < 0.8);
  }

  @Test
  void resolutionIsConfigurable() {
    VoxelGrid g = new Voxelizer(16).voxelize(PrimitiveMeshes.box(-0.25, -0.25, -0.25, 0.25, 0.25, 0.25));
    assertEquals(16, g.resolution());
    assertEquals(8 * 8 * 8, g.count());
    VoxelGrid h = new Voxelizer(64).voxelize(PrimitiveMeshes.uvSphere(Vec3.ZERO, 0.4, 64, 32));
    assertEquals(1, h.volume() / (4.0 / 3 * Math.PI * Math.pow(0.4, 3)), 0.02);
  }
}
