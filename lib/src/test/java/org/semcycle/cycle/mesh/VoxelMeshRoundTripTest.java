package org.semcycle.cycle.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.semcycle.geometry.Bounds;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.MeshBuilder;
import org.semcycle.rendering.PrimitiveMeshes;
import org.semcycle.rendering.VoxelGrid;
import org.semcycle.rendering.Voxelizer;

/**
 * The project's voxeliser and marching cubes agree on the axis order: an asymmetric shape
 * voxelised, meshed back and voxelised again keeps its place and its cells.
 */
class VoxelMeshRoundTripTest {

  /** An L: a long bar along +x at low y and -z, and a post rising at its +x end. */
  static Mesh asymmetricL() {
    MeshBuilder b = new MeshBuilder();
    PrimitiveMeshes.addBox(b, -0.40, -0.40, -0.30, 0.40, -0.20, -0.10);
    PrimitiveMeshes.addBox(b, 0.20, -0.20, -0.30, 0.40, 0.35, -0.10);
    return b.build();
  }

  @Test
  void voxeliseMarchAndVoxeliseAgainKeepsTheShape() {
    int r = 32;
    Mesh original = asymmetricL();
    VoxelGrid grid = new Voxelizer(r).voxelize(original);
    Mesh meshed = MarchingCubes.fromProbabilities(grid.toFloatArray(), r, 0.5);
    Bounds a = original.bounds();
    Bounds b = meshed.bounds();
    double cell = 1.0 / r;
    assertEquals(a.min().x(), b.min().x(), 1.5 * cell, "x min");
    assertEquals(a.max().x(), b.max().x(), 1.5 * cell, "x max");
    assertEquals(a.min().y(), b.min().y(), 1.5 * cell, "y min");
    assertEquals(a.max().y(), b.max().y(), 1.5 * cell, "y max");
    assertEquals(a.min().z(), b.min().z(), 1.5 * cell, "z min");
    assertEquals(a.max().z(), b.max().z(), 1.5 * cell, "z max");
    VoxelGrid again = new Voxelizer(r).voxelize(meshed);
    double iou = grid.iou(again);
    assertTrue(iou > 0.85, "IoU after the round trip: " + iou);
    // The post is at +x: a cell there is occupied, its mirror at -x is not.
    int j = (int) ((0.1 + 0.5) * r);
    int k = (int) ((-0.2 + 0.5) * r);
    assertTrue(again.get((int) ((0.3 + 0.5) * r), j, k));
    assertTrue(!again.get((int) ((-0.3 + 0.5) * r), j, k));
  }
}
