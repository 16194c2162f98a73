package org.semcycle.training;

import ai.djl.ndarray.NDManager;

/**
 * A finite, indexable set of training samples that can assemble mini-batches. No files, no
 * Spark: the caller (the {@code semcycle train} command) decodes its Parquet rows into float
 * arrays and wraps them, e.g. with {@link ArraySamples}.
 */
public interface SampleSource {
  /** Number of samples. */
  int size();

  /** The samples at the given indices as one batch whose arrays belong to the manager. */
  Batch batch(NDManager manager, int[] indices);

  /**
   * Called by {@link TrainLoop} before each training epoch (1-based). Augmenting sources key
   * their random draws by it, so a run resumed at epoch e draws what an uninterrupted run draws
   * there; plain sources ignore it.
   */
  default void startEpoch(int epoch) {}
}
