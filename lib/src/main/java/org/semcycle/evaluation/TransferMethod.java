package org.semcycle.evaluation;

import java.util.Locale;
import org.semcycle.embedding.KeypointTransfer;

/**
 * How {@link EmbeddingBenchmark3d} places each keypoint on the sampled points: the two modes of
 * {@link KeypointTransfer}, and {@link #NEAREST_SAMPLE}, the ground-truth reference: the sampled
 * point nearest to the true keypoint, the best any transfer can do on that sampling.
 */
public enum TransferMethod {
  MEAN,
  KNN_VOTE,
  NEAREST_SAMPLE;

  /** Lower-case name used in CSV columns and JSON keys. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
