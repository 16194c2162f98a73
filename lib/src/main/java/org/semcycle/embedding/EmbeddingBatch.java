package org.semcycle.embedding;

import java.util.List;

/**
 * One training batch for the embedder: B clouds of N points each, already normalised
 * ({@link PointNormalizer}), packed {@code (B, N, 3)}, with one semantic id per point (-1 = not a
 * keypoint), packed {@code (B, N)}.
 */
public record EmbeddingBatch(float[] xyz, int[] labels, int batchSize, int numPoints) {
  public EmbeddingBatch {
    if (batchSize < 1 || numPoints < 1) {
      throw new IllegalArgumentException("empty batch: " + batchSize + " x " + numPoints);
    }
    if (xyz.length != batchSize * numPoints * 3 || labels.length != batchSize * numPoints) {
      throw new IllegalArgumentException(
          "batch " + batchSize + " x " + numPoints + " needs " + batchSize * numPoints * 3
              + " coordinates and " + batchSize * numPoints + " labels, got " + xyz.length
              + " and " + labels.length);
    }
  }

  /**
   * Packs raw clouds (any frame; each is normalised here to its bounding-box centre and max
   * extent) with their per-point labels. All clouds must have the same number of points.
   */
  public static EmbeddingBatch of(List<float[]> clouds, List<int[]> labels) {
    if (clouds.isEmpty() || clouds.size() != labels.size()) {
      throw new IllegalArgumentException(
          clouds.size() + " clouds and " + labels.size() + " label arrays");
    }
    int b = clouds.size();
    int n = clouds.get(0).length / 3;
    float[] xyz = new float[b * n * 3];
    int[] lab = new int[b * n];
    for (int i = 0; i < b; i++) {
      float[] c = clouds.get(i);
      int[] l = labels.get(i);
      if (c.length != n * 3 || l.length != n) {
        throw new IllegalArgumentException(
            "cloud " + i + " has " + c.length / 3 + " points and " + l.length + " labels, expected "
                + n);
      }
      System.arraycopy(PointNormalizer.normalise(c), 0, xyz, i * n * 3, n * 3);
      System.arraycopy(l, 0, lab, i * n, n);
    }
    return new EmbeddingBatch(xyz, lab, b, n);
  }
}
