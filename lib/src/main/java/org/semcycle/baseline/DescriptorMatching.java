package org.semcycle.baseline;

/**
 * Nearest-neighbour matching of one point between two dense descriptor maps, with a mutual
 * check; plain arrays, no DJL, so it can be tested with maps whose matches are known.
 *
 * <p>Maps are channel-major {@code (D, S, S)} floats of unit descriptors. A source point at
 * continuous crop coordinates (x, y) (integers at pixel centres) takes the bilinear blend of its
 * four neighbouring descriptors, renormalised. Its match is the target pixel of highest cosine
 * similarity (ties: the first in row-major order). The mutual check searches the source map for
 * that target descriptor's nearest neighbour: when it lands {@code r} pixels from the point,
 * the confidence {@code max(0, cos)} is multiplied by 1 for {@code r <= mutualRadius} and by
 * {@code exp(-(r - mutualRadius)^2 / (2 mutualRadius^2))} beyond. No sub-pixel refinement and
 * no Hough voting: matches land on target pixel centres.
 *
 * @param dim D
 * @param size S
 * @param mutualRadius pixels of the crop within which the back-match counts as mutual
 */
public record DescriptorMatching(int dim, int size, double mutualRadius) {
  /** One match in crop coordinates. */
  public record Match(double x, double y, double similarity, double backDistance, double confidence) {}

  public DescriptorMatching {
    if (dim <= 0 || size <= 0 || !(mutualRadius > 0)) {
      throw new IllegalArgumentException("dim, size and mutual radius must be positive");
    }
  }

  /** The match of the source point (x, y). */
  public Match match(float[] source, float[] target, double x, double y) {
    check(source, "source");
    check(target, "target");
    float[] q = sample(source, x, y);
    int t = nearest(target, q);
    float[] back = column(target, t);
    int s = nearest(source, back);
    double sim = dot(q, back);
    double r = Math.hypot(s % size - x, s / size - y);
    double mutual = r <= mutualRadius ? 1 : Math.exp(-Math.pow(r - mutualRadius, 2) / (2 * mutualRadius * mutualRadius));
    double conf = Math.max(0, Math.min(1, sim)) * mutual;
    return new Match(t % size, t / size, sim, r, conf);
  }

  /** The renormalised bilinear descriptor at (x, y), clamped to the map. */
  public float[] sample(float[] map, double x, double y) {
    double cx = Math.max(0, Math.min(size - 1, x));
    double cy = Math.max(0, Math.min(size - 1, y));
    int x0 = (int) Math.floor(cx);
    int y0 = (int) Math.floor(cy);
    int x1 = Math.min(size - 1, x0 + 1);
    int y1 = Math.min(size - 1, y0 + 1);
    double fx = cx - x0;
    double fy = cy - y0;
    int p = size * size;
    float[] out = new float[dim];
    double norm = 0;
    for (int c = 0; c < dim; c++) {
      int o = c * p;
      double v = (1 - fy) * ((1 - fx) * map[o + y0 * size + x0] + fx * map[o + y0 * size + x1])
          + fy * ((1 - fx) * map[o + y1 * size + x0] + fx * map[o + y1 * size + x1]);
      out[c] = (float) v;
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (int c = 0; c < dim; c++) {
        out[c] /= (float) norm;
      }
    }
    return out;
  }

  /** The pixel index (y * S + x) of the map's descriptor most similar to q. */
  public int nearest(float[] map, float[] q) {
    int p = size * size;
    double[] score = new double[p];
    for (int c = 0; c < dim; c++) {
      double qc = q[c];
      int o = c * p;
      for (int i = 0; i < p; i++) {
        score[i] += qc * map[o + i];
      }
    }
    int best = 0;
    for (int i = 1; i < p; i++) {
      if (score[i] > score[best]) {
        best = i;
      }
    }
    return best;
  }

  private float[] column(float[] map, int i) {
    int p = size * size;
    float[] out = new float[dim];
    for (int c = 0; c < dim; c++) {
      out[c] = map[c * p + i];
    }
    return out;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  private void check(float[] map, String what) {
    if (map.length != dim * size * size) {
      throw new IllegalArgumentException(
          what + " map has " + map.length + " values, not " + dim + " x " + size + " x " + size);
    }
  }
}
