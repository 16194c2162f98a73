package org.semcycle.embedding;

import java.util.SplittableRandom;

/**
 * Training augmentation of a labelled cloud (stage 5 of PIPELINE.md), seeded: random point
 * dropout (a dropout ratio drawn uniformly in [0, {@code maxDropout}] per call; labelled points are
 * kept when {@code keepLabelled}), resampling to {@code numPoints} (random subset, or padding with
 * copies of random kept points whose labels are set to -1 so they add no duplicate pairs), then
 * Gaussian noise on every coordinate, {@code clip(sigma * N(0, 1), -clip, clip)}: the reference's
 * {@code add_noise} (sigma 0.015, clip 0.05), which the reference defines but never calls and
 * which we apply, as the paper says (it lets embeddings survive noisy predicted surfaces).
 *
 * <p>Coordinates are in the cloud's own frame (ShapeNet-normalised, diagonal about 1), so sigma
 * is in those units. Labels of noisy points are unchanged.
 */
public record PointAugment(
    float sigma, float clip, float maxDropout, int numPoints, boolean keepLabelled) {

  public PointAugment {
    if (sigma < 0 || clip < 0 || maxDropout < 0 || maxDropout >= 1 || numPoints < 1) {
      throw new IllegalArgumentException(
          "need sigma, clip >= 0, maxDropout in [0, 1), numPoints >= 1");
    }
  }

  /** Reference noise (0.015, clipped at 0.05), up to 20% dropout, resampled to {@code n}. */
  public static PointAugment defaults(int n) {
    return new PointAugment(0.015f, 0.05f, 0.2f, n, true);
  }

  /** An augmented cloud: packed xyz and one label per point. */
  public record Cloud(float[] xyz, int[] labels) {}

  /** Augments one cloud; the same seed gives the same result. */
  public Cloud apply(float[] xyz, int[] labels, long seed) {
    int n = labels.length;
    if (xyz.length != 3 * n || n == 0) {
      throw new IllegalArgumentException(xyz.length / 3 + " points and " + n + " labels");
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double ratio = maxDropout * rng.nextDouble();
    // Dropout: labelled points first (kept when keepLabelled), then survivors in random order.
    int[] kept = new int[n];
    int nLab = 0;
    int nKept = 0;
    if (keepLabelled) {
      for (int i = 0; i < n; i++) {
        if (labels[i] >= 0) {
          kept[nKept++] = i;
          nLab++;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      boolean forced = keepLabelled && labels[i] >= 0;
      if (!forced && rng.nextDouble() >= ratio) {
        kept[nKept++] = i;
      }
    }
    if (nKept == 0) {
      kept[nKept++] = rng.nextInt(n);
    }
    shuffle(kept, nLab, nKept, rng);
    int m = numPoints;
    int[] pick = new int[m];
    boolean[] copy = new boolean[m];
    if (nKept >= m) {
      // Labelled points (at the front) survive when they fit; the rest is a random subset.
      System.arraycopy(kept, 0, pick, 0, m);
    } else {
      System.arraycopy(kept, 0, pick, 0, nKept);
      for (int i = nKept; i < m; i++) {
        pick[i] = kept[rng.nextInt(nKept)];
        copy[i] = true;
      }
    }
    float[] outXyz = new float[3 * m];
    int[] outLab = new int[m];
    for (int i = 0; i < m; i++) {
      int p = pick[i];
      outLab[i] = copy[i] ? -1 : labels[p];
      for (int a = 0; a < 3; a++) {
        double noise = Math.max(-clip, Math.min(clip, sigma * rng.nextGaussian()));
        outXyz[3 * i + a] = (float) (xyz[3 * p + a] + noise);
      }
    }
    return new Cloud(outXyz, outLab);
  }

  private static void shuffle(int[] a, int from, int to, SplittableRandom rng) {
    for (int i = to - 1; i > from; i--) {
      int j = from + rng.nextInt(i - from + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
