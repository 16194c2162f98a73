package org.semcycle.embedding;

/**
 * Per-point embeddings of a point cloud: what keypoint transfer needs of the KeypointEmbedder
 * ({@link EmbeddingNet} is the trained one).
 */
public interface PointEmbedder {
  /** Embedding size D. */
  int dim();

  /** Embeddings of one cloud of raw points (packed xyz, any frame): {@code N * D} floats, point-major. */
  float[] embed(float[] xyz);
}
