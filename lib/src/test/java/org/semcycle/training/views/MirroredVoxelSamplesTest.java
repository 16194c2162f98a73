package org.semcycle.training.views;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.MeshBuilder;
import org.semcycle.geometry.Vec3;
import org.semcycle.networks.DjlRuntime;
import org.semcycle.rendering.Background;
import org.semcycle.rendering.PrimitiveMeshes;
import org.semcycle.rendering.Rasterizer;
import org.semcycle.rendering.RenderOutput;
import org.semcycle.rendering.RenderSettings;
import org.semcycle.rendering.VoxelGrid;
import org.semcycle.rendering.Voxelizer;
import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Viewpoint;
import org.semcycle.training.ArraySamples;
import org.semcycle.training.Batch;

/**
 * The mirror augmentation against the renderer: an asymmetric shape's 2.5D maps and grid,
 * mirrored, equal the maps of the shape reflected in its Y-Z plane seen from the reflected
 * camera (azimuth -> -azimuth), and its voxelisation.
 */
class MirroredVoxelSamplesTest {
  private static final int S = 48;
  private static final int R = 16;

  private static Mesh union(Mesh... parts) {
    MeshBuilder b = Mesh.builder();
    for (Mesh m : parts) {
      int base = b.vertexCount();
      for (int i = 0; i < m.vertexCount(); i++) {
        b.addVertex(m.vertex(i));
      }
      int[] t = m.triangles();
      for (int f = 0; f < t.length; f += 3) {
        b.addTriangle(base + t[f], base + t[f + 1], base + t[f + 2]);
      }
    }
    return b.build();
  }

  private static Mesh mirrorX(Mesh m) {
    MeshBuilder b = Mesh.builder();
    for (int i = 0; i < m.vertexCount(); i++) {
      Vec3 v = m.vertex(i);
      b.addVertex(-v.x(), v.y(), v.z());
    }
    int[] t = m.triangles();
    for (int f = 0; f < t.length; f += 3) {
      b.addTriangle(t[f], t[f + 2], t[f + 1]); // keep the winding outward
    }
    return b.build();
  }

  /** (4, S, S): depth and camera-frame normals, background zero, as ViewSamples lays them out. */
  private static float[] sketch(RenderOutput out) {
    float[] x = new float[4 * S * S];
    for (int i = 0; i < S * S; i++) {
      if ((out.silhouette()[i] & 255) < 128) {
        continue;
      }
      x[i] = out.depth()[i];
      for (int c = 0; c < 3; c++) {
        x[(c + 1) * S * S + i] = out.normals()[3 * i + c];
      }
    }
    return x;
  }

  private static float[] grid(VoxelGrid g) {
    float[] x = new float[g.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = g.get(i) ? 1f : 0f;
    }
    return x;
  }

  @Test
  void mirroredSamplesEqualTheReflectedScene() {
    DjlRuntime.engine();
    // An L: a slab and a post on the slab's +x, front half: nothing about it is symmetric.
    Mesh shape = union(PrimitiveMeshes.box(-0.3, -0.3, -0.2, 0.3, -0.1, 0.3),
        PrimitiveMeshes.box(0.1, -0.1, -0.2, 0.3, 0.35, 0.0));
    Mesh reflected = mirrorX(shape);
    Rasterizer r = new Rasterizer(RenderSettings.DEFAULT.withLightDirection(new Vec3(0, 0, -1))
        .withBackground(Background.BLACK).withSupersample(1));
    float[] seen = sketch(r.render(shape, Camera.lookAt(Viewpoint.of(35, 25, 2.2), S, S, 35), 1));
    float[] truth = sketch(r.render(reflected, Camera.lookAt(Viewpoint.of(-35, 25, 2.2), S, S, 35), 1));
    Voxelizer vox = new Voxelizer(R, Voxelizer.SurfaceCells.THIN_PARTS);
    float[] grid = grid(vox.voxelize(shape));
    float[] reflectedGrid = grid(vox.voxelize(reflected));
    assertNotEquals(0, countDifferent(grid, reflectedGrid, 0f), "the shape must not be symmetric");

    try (NDManager m = NDManager.newBaseManager()) {
      NDArray sketches = ArraySamples.owned(m, seen, new Shape(1, 4, S, S), DataType.FLOAT32);
      MirroredVoxelSamples.mirrorSketches(sketches, new boolean[] {true});
      float[] mirrored = sketches.toFloatArray();
      // Pixels on a silhouette edge may fall either way; everything else matches.
      int differing = countDifferent(mirrored, truth, 1e-4f);
      assertTrue(differing <= 0.01 * truth.length, differing + " of " + truth.length + " values differ");
      assertTrue(countDifferent(seen, truth, 1e-4f) > 20 * Math.max(1, differing), "unmirrored maps differ");
      NDArray grids = ArraySamples.owned(m, grid, new Shape(1, R, R, R), DataType.FLOAT32);
      MirroredVoxelSamples.mirrorGrids(grids, new boolean[] {true});
      float[] mirroredGrid = grids.toFloatArray();
      assertArrayEquals(reflectedGrid, mirroredGrid);
    }
  }

  @Test
  void aboutHalfTheDrawsAreMirroredReproducibly() {
    DjlRuntime.engine();
    int n = 200;
    float[] in = new float[n * 4 * 4 * 4];
    float[] occ = new float[n * 8];
    for (int i = 0; i < n; i++) {
      in[i * 64 + 3] = 1f; // top-right depth pixel of each sample
      occ[i * 8 + 7] = 1f; // grid cell (1, 1, 1)
    }
    ArraySamples source = new ArraySamples(n).input("sketch", new Shape(4, 4, 4), in)
        .label("occupancy", new Shape(2, 2, 2), occ);
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    try (NDManager m = NDManager.newBaseManager()) {
      float[][] firstEpoch = new float[2][];
      for (int run = 0; run < 2; run++) {
        Batch b = new MirroredVoxelSamples(source, 7L).batch(m, all);
        float[] x = b.inputs().head().toFloatArray();
        float[] y = b.labels().head().toFloatArray();
        int flipped = 0;
        for (int i = 0; i < n; i++) {
          boolean f = x[i * 64] == 1f;
          assertEquals(f, y[i * 8 + 3] == 1f, "image and grid are mirrored together, sample " + i);
          flipped += f ? 1 : 0;
        }
        assertTrue(flipped > 70 && flipped < 130, flipped + " of " + n);
        firstEpoch[run] = x;
      }
      assertArrayEquals(firstEpoch[0], firstEpoch[1], "same seed, same draws");
    }
  }

  private static int countDifferent(float[] a, float[] b, float tolerance) {
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      n += Math.abs(a[i] - b[i]) > tolerance ? 1 : 0;
    }
    return n;
  }
}
