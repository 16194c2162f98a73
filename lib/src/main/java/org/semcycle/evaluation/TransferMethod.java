package org.semcycle.evaluation;

import java.util.Locale;
import org.semcycle.embedding.KeypointTransfer;

/**
 * How {@link EmbeddingBenchmark3d} places each keypoint on the sampled points: the two modes of
 * {@link KeypointTransfer}; {@link #POSITION_PRIOR}, an embedding-free baseline: the sampled
 * point nearest to the id's mean position over the database keypoints (same frame); and {@link
 * #NEAREST_SAMPLE}, the ground-truth reference: the sampled point nearest to the true keypoint,
 * the best any transfer can do on that sampling.
 */
public enum TransferMethod {
  MEAN,
  KNN_VOTE,
  POSITION_PRIOR,
  NEAREST_SAMPLE;

  /** Lower-case name used in CSV columns and JSON keys. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
