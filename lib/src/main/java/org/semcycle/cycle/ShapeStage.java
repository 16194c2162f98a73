package org.semcycle.cycle;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.semcycle.cycle.mesh.MarchingCubes;
import org.semcycle.cycle.nets.LoadedNet;
import org.semcycle.geometry.Mesh;
import org.semcycle.networks.VoxelNet;

/** Stage 2: 2.5D sketches -> canonical voxel logits (VoxelNet) -> mesh (marching cubes). */
public final class ShapeStage {
  private ShapeStage() {}

  /** VoxelNet over a batch of (4, S, S) sketches; each result is R^3 logits. */
  public static List<float[]> voxels(LoadedNet<VoxelNet.Options> net, List<float[]> sketches) {
    int s = net.options().imageSize();
    int p = s * s;
    int r = net.options().resolution();
    int r3 = r * r * r;
    int n = sketches.size();
    List<float[]> out = new ArrayList<>(n);
    if (n == 0) {
      return out;
    }
    float[] batch = new float[n * 4 * p];
    for (int i = 0; i < n; i++) {
      System.arraycopy(sketches.get(i), 0, batch, i * 4 * p, 4 * p);
    }
    float[] y = net.forward(batch, new Shape(n, 4, s, s))[0];
    for (int i = 0; i < n; i++) {
      out.add(java.util.Arrays.copyOfRange(y, i * r3, (i + 1) * r3));
    }
    return out;
  }

  /**
   * The mesh of R^3 logits at probability {@code iso} (reference 0.1).
   *
   * @throws IllegalStateException when no voxel reaches it (no object found)
   */
  public static Mesh mesh(float[] logits, int r, double iso) {
    Mesh m = MarchingCubes.fromLogits(logits, r, iso);
    if (m.faceCount() == 0) {
      throw new IllegalStateException(
          "no object found: no voxel of the predicted shape reaches probability " + iso);
    }
    return m;
  }
}
