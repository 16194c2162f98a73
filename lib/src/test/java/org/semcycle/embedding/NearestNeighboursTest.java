package org.semcycle.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.semcycle.networks.DjlRuntime;

class NearestNeighboursTest {
  /** One intra-op thread: on 2 shared cores, 2 threads spin against other processes. */
  @BeforeAll
  static void engine() {
    DjlRuntime.engine(1);
  }
  @Test
  void matmulSearchEqualsBruteForce() {
    SplittableRandom r = new SplittableRandom(17);
    int dim = 16;
    int n = 300;
    int m = 500;
    float[] q = new float[n * dim];
    float[] db = new float[m * dim];
    for (int i = 0; i < q.length; i++) {
      q[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < db.length; i++) {
      db[i] = (float) r.nextGaussian();
    }
    NearestNeighbours.Result fast = NearestNeighbours.search(q, db, dim, 5);
    NearestNeighbours.Result slow = NearestNeighbours.bruteForce(q, db, dim, 5);
    assertEquals(5, fast.k());
    assertArrayEquals(slow.indices(), fast.indices());
    assertArrayEquals(slow.squaredDistances(), fast.squaredDistances(), 1e-3f);
    NearestNeighbours.Result chunked = NearestNeighbours.search(q, db, dim, 5, 37 * m);
    assertArrayEquals(slow.indices(), chunked.indices());
    assertArrayEquals(slow.squaredDistances(), chunked.squaredDistances(), 1e-3f);
    float[] full = NearestNeighbours.squaredDistances(q, db, dim);
    assertEquals(n * m, full.length);
    assertEquals(slow.squaredDistance(7, 0), full[7 * m + slow.index(7, 0)], 1e-3f);
  }

  @Test
  void kIsCappedAtTheDatabaseSizeAndExactMatchesAreZero() {
    float[] db = {1, 2, 3, 4};
    NearestNeighbours.Result res = NearestNeighbours.search(new float[] {3, 4}, db, 2, 9);
    assertEquals(2, res.k());
    assertArrayEquals(new int[] {1, 0}, res.indices());
    assertEquals(0f, res.squaredDistance(0, 0), 1e-6f);
    assertEquals(8f, res.squaredDistance(0, 1), 1e-5f);
  }
}
