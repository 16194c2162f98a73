package org.semcycle.embedding;

import java.util.SplittableRandom;

/**
 * Marks background points for the {@link ContrastiveLoss}: up to {@code count} random unlabelled
 * points farther than {@code minDistance} from every labelled point of the cloud get the label
 * {@link ContrastiveLoss#BACKGROUND}. Seeded; labels of other points are unchanged.
 */
public final class BackgroundPoints {
  private BackgroundPoints() {}

  /** A copy of {@code labels} with the background points marked. */
  public static int[] mark(float[] xyz, int[] labels, int count, double minDistance, long seed) {
    int n = labels.length;
    if (xyz.length != 3 * n) {
      throw new IllegalArgumentException(xyz.length / 3 + " points and " + n + " labels");
    }
    int[] out = labels.clone();
    int[] candidates = new int[n];
    int nc = 0;
    double min2 = minDistance * minDistance;
    for (int i = 0; i < n; i++) {
      if (labels[i] != -1) {
        continue;
      }
      boolean far = true;
      for (int j = 0; j < n && far; j++) {
        if (labels[j] >= 0) {
          double dx = xyz[3 * i] - xyz[3 * j];
          double dy = xyz[3 * i + 1] - xyz[3 * j + 1];
          double dz = xyz[3 * i + 2] - xyz[3 * j + 2];
          far = dx * dx + dy * dy + dz * dz > min2;
        }
      }
      if (far) {
        candidates[nc++] = i;
      }
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int take = Math.min(count, nc);
    for (int i = 0; i < take; i++) {
      int j = i + rng.nextInt(nc - i);
      int t = candidates[i];
      candidates[i] = candidates[j];
      candidates[j] = t;
      out[candidates[i]] = ContrastiveLoss.BACKGROUND;
    }
    return out;
  }
}
