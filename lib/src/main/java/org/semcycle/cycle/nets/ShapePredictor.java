package org.semcycle.cycle.nets;

import java.util.List;

/** Stage 2 of the cycle: 2.5D sketches -> canonical voxel logits (VoxelNet, or a fake in tests). */
public interface ShapePredictor {
  /** The side S of the sketches it takes. */
  int imageSize();

  /** The voxel grid's resolution R. */
  int resolution();

  /** R^3 logits per (4, S, S) sketch (depth, normals, silhouette), in order. */
  List<float[]> voxelLogits(List<float[]> sketches);
}
