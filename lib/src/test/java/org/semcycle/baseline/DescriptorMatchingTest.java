package org.semcycle.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Matching on descriptor maps whose true matches are known. */
class DescriptorMatchingTest {
  static final int D = 8;
  static final int S = 16;

  /** A map of random unit descriptors (D, S, S). */
  static float[] randomMap(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] m = new float[D * S * S];
    for (int i = 0; i < S * S; i++) {
      double n = 0;
      double[] v = new double[D];
      for (int c = 0; c < D; c++) {
        v[c] = r.nextGaussian();
        n += v[c] * v[c];
      }
      for (int c = 0; c < D; c++) {
        m[c * S * S + i] = (float) (v[c] / Math.sqrt(n));
      }
    }
    return m;
  }

  static void set(float[] map, int x, int y, float[] v) {
    for (int c = 0; c < D; c++) {
      map[c * S * S + y * S + x] = v[c];
    }
  }

  static float[] get(float[] map, int x, int y) {
    float[] v = new float[D];
    for (int c = 0; c < D; c++) {
      v[c] = map[c * S * S + y * S + x];
    }
    return v;
  }

  @Test
  void identicalMapsReturnEveryPointWithinAPixel() {
    float[] m = randomMap(1);
    DescriptorMatching dm = new DescriptorMatching(D, S, 2);
    for (int y = 0; y < S; y++) {
      for (int x = 0; x < S; x++) {
        DescriptorMatching.Match r = dm.match(m, m, x, y);
        assertEquals(x, r.x(), 0);
        assertEquals(y, r.y(), 0);
        assertEquals(1, r.confidence(), 1e-5);
        assertEquals(0, r.backDistance(), 0);
      }
    }
  }

  /**
   * A smooth map: random Fourier features of the position (wavelengths of 8 to 40 pixels), so
   * that nearby pixels have similar descriptors, as a trained net's.
   */
  static float[] smoothMap(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] w = new double[D][3];
    for (double[] f : w) {
      double angle = r.nextDouble() * 2 * Math.PI;
      double k = 2 * Math.PI / (8 + 32 * r.nextDouble());
      f[0] = k * Math.cos(angle);
      f[1] = k * Math.sin(angle);
      f[2] = r.nextDouble() * 2 * Math.PI;
    }
    float[] m = new float[D * S * S];
    for (int y = 0; y < S; y++) {
      for (int x = 0; x < S; x++) {
        double n = 0;
        for (double[] f : w) {
          double v = Math.cos(f[0] * x + f[1] * y + f[2]);
          n += v * v;
        }
        for (int c = 0; c < D; c++) {
          m[c * S * S + y * S + x] = (float) (Math.cos(w[c][0] * x + w[c][1] * y + w[c][2]) / Math.sqrt(n));
        }
      }
    }
    return m;
  }

  @Test
  void subPixelPointsOfASmoothMapMatchTheirNearestPixel() {
    float[] m = smoothMap(9);
    DescriptorMatching dm = new DescriptorMatching(D, S, 2);
    SplittableRandom rnd = new SplittableRandom(2);
    for (int i = 0; i < 100; i++) {
      double x = rnd.nextDouble() * (S - 1);
      double y = rnd.nextDouble() * (S - 1);
      DescriptorMatching.Match r = dm.match(m, m, x, y);
      assertTrue(Math.hypot(r.x() - x, r.y() - y) <= 1, "sub-pixel point within a pixel");
    }
  }

  @Test
  void shiftedMapGivesShiftedMatches() {
    float[] src = randomMap(3);
    float[] tgt = randomMap(4);
    for (int y = 0; y + 2 < S; y++) {
      for (int x = 0; x + 3 < S; x++) {
        set(tgt, x + 3, y + 2, get(src, x, y));
      }
    }
    DescriptorMatching dm = new DescriptorMatching(D, S, 2);
    DescriptorMatching.Match r = dm.match(src, tgt, 5, 7);
    assertEquals(8, r.x(), 0);
    assertEquals(9, r.y(), 0);
  }

  @Test
  void aMatchThatIsNotMutualHasLowerConfidence() {
    float[] src = randomMap(5);
    float[] tgt = randomMap(6);
    float[] q = get(src, 3, 3);
    float[] near = q.clone();
    near[0] += 0.05f;
    double n = 0;
    for (float v : near) {
      n += v * v;
    }
    for (int c = 0; c < D; c++) {
      near[c] /= (float) Math.sqrt(n);
    }
    set(tgt, 10, 10, near); // the best match of source (3, 3)...
    set(src, 13, 12, near); // ...whose own best match in the source is far away
    DescriptorMatching dm = new DescriptorMatching(D, S, 2);
    DescriptorMatching.Match r = dm.match(src, tgt, 3, 3);
    assertEquals(10, r.x(), 0);
    assertEquals(10, r.y(), 0);
    assertEquals(Math.hypot(10, 9), r.backDistance(), 1e-9);
    assertTrue(r.similarity() > 0.99);
    assertTrue(r.confidence() < 0.01, "not mutual: " + r.confidence());
    set(src, 13, 12, get(randomMap(7), 0, 0));
    assertTrue(dm.match(src, tgt, 3, 3).confidence() > 0.99, "mutual again");
  }
}
