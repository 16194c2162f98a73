package org.semcycle.evaluation;

import java.util.Locale;

/**
 * The shape a keypoint transfer is evaluated on in {@link EmbeddingBenchmark3d}: the true mesh
 * ({@link #CLEAN}), or the true mesh degraded the way a predicted shape is ({@link #CORRUPTED},
 * see {@link PredictionLikeCorruption}).
 */
public enum ShapeCondition {
  CLEAN,
  CORRUPTED;

  /** Lower-case name used in CSV columns and JSON keys. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
