package org.semcycle.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PointAugmentTest {
  @Test
  void sameSeedSameCloudAndNoiseIsClipped() {
    SyntheticTables.Table t = SyntheticTables.table("t", 1, 0.6, 0.7, 500, 2);
    PointAugment a = new PointAugment(0.015f, 0.05f, 0f, 500, true);
    PointAugment.Cloud c1 = a.apply(t.xyz(), t.labels(), 99);
    PointAugment.Cloud c2 = a.apply(t.xyz(), t.labels(), 99);
    assertArrayEquals(c1.xyz(), c2.xyz(), 0f);
    assertFalse(Arrays.equals(c1.xyz(), a.apply(t.xyz(), t.labels(), 100).xyz()));
    // No dropout, same size: every point kept once; labelled ones first in order.
    double sum = 0;
    double max = 0;
    for (int i = 0; i < 8; i++) {
      assertEquals(i, c1.labels()[i]);
      for (int k = 0; k < 3; k++) {
        double d = c1.xyz()[3 * i + k] - t.xyz()[3 * i + k];
        max = Math.max(max, Math.abs(d));
      }
    }
    // Noise spread over all coordinates: nearest original point within the clip per axis.
    int clipped = 0;
    for (int i = 0; i < 500; i++) {
      double best = Double.POSITIVE_INFINITY;
      for (int j = 0; j < 500; j++) {
        double d = 0;
        for (int k = 0; k < 3; k++) {
          d = Math.max(d, Math.abs(c1.xyz()[3 * i + k] - t.xyz()[3 * j + k]));
        }
        best = Math.min(best, d);
      }
      assertTrue(best <= 0.05 + 1e-6, "point " + i + " moved " + best);
      sum += best;
      if (best > 0.049) {
        clipped++;
      }
    }
    assertTrue(max > 0 && max <= 0.05 + 1e-6);
    assertTrue(sum / 500 > 0.003, "noise applied: mean " + sum / 500);
    assertTrue(clipped < 25, "few clipped: " + clipped);
  }

  @Test
  void dropoutAndResamplingKeepLabelledPoints() {
    SyntheticTables.Table t = SyntheticTables.table("t", 1, 0.6, 0.7, 300, 2);
    PointAugment a = new PointAugment(0f, 0f, 0.9f, 400, true);
    for (long seed = 0; seed < 5; seed++) {
      PointAugment.Cloud c = a.apply(t.xyz(), t.labels(), seed);
      assertEquals(400, c.labels().length);
      assertEquals(1200, c.xyz().length);
      long labelled = Arrays.stream(c.labels()).filter(l -> l >= 0).count();
      assertEquals(8, labelled, "padding copies are unlabelled, originals kept");
      // sigma 0: every point is one of the originals.
      for (int i = 0; i < 400; i++) {
        boolean found = false;
        for (int j = 0; j < 300 && !found; j++) {
          found = c.xyz()[3 * i] == t.xyz()[3 * j] && c.xyz()[3 * i + 1] == t.xyz()[3 * j + 1]
              && c.xyz()[3 * i + 2] == t.xyz()[3 * j + 2];
        }
        assertTrue(found);
      }
    }
    PointAugment down = new PointAugment(0f, 0f, 0.5f, 50, true);
    PointAugment.Cloud c = down.apply(t.xyz(), t.labels(), 3);
    assertEquals(50, c.labels().length);
    assertEquals(8, Arrays.stream(c.labels()).filter(l -> l >= 0).count());
  }
}
