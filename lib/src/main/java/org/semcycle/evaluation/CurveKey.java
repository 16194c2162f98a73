package org.semcycle.evaluation;

/** One curve of {@link EmbeddingBenchmark3d}: a shape condition and a transfer method. */
public record CurveKey(ShapeCondition condition, TransferMethod method) {
  public CurveKey {
    if (condition == null || method == null) {
      throw new IllegalArgumentException("condition and method are required");
    }
  }

  /** {@code condition/method}, e.g. {@code corrupted/knn_vote}. */
  public String label() {
    return condition.label() + "/" + method.label();
  }
}
