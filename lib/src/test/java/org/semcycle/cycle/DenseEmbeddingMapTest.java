package org.semcycle.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DenseEmbeddingMapTest {
  @Test
  void principalComponentsFindTheDirectionsOfLargestVariance() {
    int n = 2000;
    int d = 5;
    float[] rows = new float[n * d];
    SplittableRandom rng = new SplittableRandom(3);
    double[] u = {0.6, 0.8, 0, 0, 0}; // variance 9
    double[] v = {0, 0, 0, 1, 0}; // variance 4
    for (int i = 0; i < n; i++) {
      double a = 3 * rng.nextGaussian();
      double b = 2 * rng.nextGaussian();
      for (int j = 0; j < d; j++) {
        rows[i * d + j] = (float) (a * u[j] + b * v[j] + 0.05 * rng.nextGaussian() + 7);
      }
    }
    double[][] pcs = DenseEmbeddingMap.principalComponents(rows, n, d, 2);
    assertEquals(1.0, Math.abs(dot(pcs[0], u)), 1e-3);
    assertEquals(1.0, Math.abs(dot(pcs[1], v)), 1e-3);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
