package org.semcycle.cycle;

import org.semcycle.cycle.mesh.MarchingCubes;
import org.semcycle.geometry.Mesh;

/**
 * Stage 2's mesh: predicted voxel logits ({@link org.semcycle.cycle.nets.ShapePredictor}) ->
 * marching cubes.
 */
public final class ShapeStage {
  private ShapeStage() {}

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
