package org.semcycle.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.semcycle.networks.DjlRuntime;

class KeypointIndexTest {
  @BeforeAll
  static void engine() {
    DjlRuntime.engine(1);
  }

  /** {@code rows} Gaussian rows of {@code ids} ids (unclustered: the triangle inequality prunes little). */
  private static KeypointDatabase gaussian(int rows, int ids, int dim, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<KeypointRecord> out = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      float[] e = new float[dim];
      for (int d = 0; d < dim; d++) {
        e[d] = (float) r.nextGaussian();
      }
      out.add(new KeypointRecord("s", "m" + i / ids, i % ids, new float[3], e));
    }
    return KeypointDatabase.of(out);
  }

  private static float[] gaussianQueries(int n, int dim, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] q = new float[n * dim];
    for (int i = 0; i < q.length; i++) {
      q[i] = (float) (1.2 * r.nextGaussian());
    }
    return q;
  }

  @Test
  void exactSearchReturnsTheBruteForceNeighbours() {
    // dim 10: not a multiple of the kernel's 4 columns; 3000 rows of 21 ids: 63 cells.
    for (int dim : new int[] {10, 64}) {
      KeypointDatabase db = gaussian(3000, 21, dim, 3);
      KeypointIndex index = db.index("s");
      assertTrue(index.cells() > KeypointIndex.EXACT_FIRST_PROBES, "cells " + index.cells());
      float[] q = gaussianQueries(150, dim, 4);
      float[] table = KeypointTransferPerf.packed(db.rows("s"), dim);
      NearestNeighbours.Result want = NearestNeighbours.bruteForce(q, table, dim, 8);
      for (int probes : new int[] {index.cells(), Integer.MAX_VALUE}) {
        NearestNeighbours.Result got = index.search(q, 8, probes);
        assertArrayEquals(want.indices(), got.indices(), "dim " + dim);
        assertArrayEquals(want.squaredDistances(), got.squaredDistances(), 1e-4f * dim);
      }
    }
  }

  @Test
  void smallDatabasesAreSearchedExactlyAndKIsCapped() {
    // 40 rows of 4 ids: one cell per id, fewer cells than the default probes.
    KeypointDatabase db = gaussian(40, 4, 6, 5);
    KeypointIndex index = db.index("s");
    assertEquals(4, index.cells());
    float[] q = gaussianQueries(30, 6, 6);
    float[] table = KeypointTransferPerf.packed(db.rows("s"), 6);
    assertDefaultProbesAreTheBruteForce(db, q, 6);
    // k above the row count: every row, ascending.
    NearestNeighbours.Result all = index.search(q, 99, 1);
    assertEquals(40, all.k());
    assertArrayEquals(NearestNeighbours.bruteForce(q, table, 6, 99).indices(), all.indices());
    // One probe of a 10-row cell holds fewer than k = 12 (and 32) rows: further cells make up.
    NearestNeighbours.Result twelve = index.search(q, 12, 1);
    for (int i = 0; i < twelve.indices().length; i++) {
      assertTrue(twelve.indices()[i] >= 0 && twelve.indices()[i] < 40);
      assertTrue(Float.isFinite(twelve.squaredDistances()[i]));
    }
  }

  @Test
  void aDemoSizedDatabaseIsSearchedWholeAtTheDefaultProbes() {
    // 105 rows of 21 ids: 21 cells of 5 rows, more cells than the default probes, but those
    // probes take at least 32 rows each (128), which covers every row: the brute force's search.
    KeypointDatabase db = gaussian(105, 21, 6, 8);
    assertEquals(21, db.index("s").cells());
    assertDefaultProbesAreTheBruteForce(db, gaussianQueries(200, 6, 9), 6);
  }

  /** The default probes' 8 nearest of the queries {@code q} are the brute force's. */
  private static void assertDefaultProbesAreTheBruteForce(KeypointDatabase db, float[] q,
      int dim) {
    float[] table = KeypointTransferPerf.packed(db.rows("s"), dim);
    assertArrayEquals(NearestNeighbours.bruteForce(q, table, dim, 8).indices(),
        db.index("s").search(q, 8, KeypointTransfer.Search.DEFAULT_PROBES).indices());
  }

  @Test
  void exactMatchesAreAtDistanceZeroAndTiesGoToTheLowerRow() {
    List<KeypointRecord> rows = List.of(
        new KeypointRecord("s", "a", 0, new float[3], new float[] {1, 2}),
        new KeypointRecord("s", "b", 1, new float[3], new float[] {3, 4}),
        new KeypointRecord("s", "c", 0, new float[3], new float[] {1, 2}));
    NearestNeighbours.Result r = KeypointDatabase.of(rows).index("s")
        .search(new float[] {1, 2}, 3, 1);
    assertArrayEquals(new int[] {0, 2, 1}, r.indices());
    assertEquals(0f, r.squaredDistance(0, 0));
    assertEquals(0f, r.squaredDistance(0, 1));
    assertEquals(8f, r.squaredDistance(0, 2), 1e-5f);
  }

  /**
   * 21 ids x 1000 models of clustered 64-d rows (147 cells): against the brute force (in double),
   * the default probes find >= 95% of the 8 nearest, one probe fewer, and probing every cell
   * finds exactly the brute force's neighbours.
   */
  @Test
  void recallOnAClusteredDatabaseAndExactWithEveryCellProbed() {
    ClusteredEmbeddings data = ClusteredEmbeddings.of(21, 1000, 64, 11);
    KeypointDatabase db = KeypointDatabase.of(data.records());
    KeypointIndex index = db.index(ClusteredEmbeddings.SYNSET);
    assertTrue(index.cells() > 4 * KeypointTransfer.Search.DEFAULT_PROBES,
        "cells " + index.cells());
    float[] q = data.queries(256, 12);
    NearestNeighbours.Result truth = NearestNeighbours.bruteForce(q,
        KeypointTransferPerf.packed(db.rows(ClusteredEmbeddings.SYNSET), 64), 64, 8);
    double recall = KeypointTransferPerf.recall(
        index.search(q, 8, KeypointTransfer.Search.DEFAULT_PROBES), truth);
    double one = KeypointTransferPerf.recall(index.search(q, 8, 1), truth);
    System.out.printf(java.util.Locale.ROOT, "INDEX 21000 clustered rows, %d cells: recall@8"
        + " %.4f at %d probes, %.4f at 1%n", index.cells(), recall,
        KeypointTransfer.Search.DEFAULT_PROBES, one);
    assertTrue(recall >= 0.95, "recall " + recall);
    assertTrue(one < recall, "one probe is approximate: " + one);
    NearestNeighbours.Result all = index.search(q, 8, index.cells());
    assertArrayEquals(truth.indices(), all.indices());
    assertArrayEquals(truth.squaredDistances(), all.squaredDistances(), 1e-4f);
  }

  @Test
  void theSameDatabaseGivesTheSameIndexAndAnswers() throws Exception {
    ClusteredEmbeddings data = ClusteredEmbeddings.of(21, 200, 16, 7);
    KeypointDatabase a = KeypointDatabase.of(data.records());
    KeypointDatabase b = KeypointDatabase.of(data.records());
    KeypointIndex ia = a.index(ClusteredEmbeddings.SYNSET);
    KeypointIndex ib = b.index(ClusteredEmbeddings.SYNSET);
    assertNotSame(ia, ib);
    assertArrayEquals(ia.cellRows, ib.cellRows);
    assertArrayEquals(ia.radius, ib.radius);
    float[] q = data.queries(300, 8);
    for (int probes : new int[] {1, 3, Integer.MAX_VALUE}) {
      assertArrayEquals(ia.search(q, 8, probes).indices(), ib.search(q, 8, probes).indices());
      assertArrayEquals(ia.search(q, 8, probes).squaredDistances(),
          ib.search(q, 8, probes).squaredDistances());
    }
    // Built once per database, whichever thread asks first.
    KeypointDatabase c = KeypointDatabase.of(data.records());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<KeypointIndex>> got = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        got.add(pool.submit(() -> c.index(ClusteredEmbeddings.SYNSET)));
      }
      for (Future<KeypointIndex> f : got) {
        assertSame(got.get(0).get(), f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertArrayEquals(ia.cellRows, c.index(ClusteredEmbeddings.SYNSET).cellRows);
  }

  @Test
  void everyRowIsInOneCellOfItsOwnIdWithinTheCellsRadius() {
    ClusteredEmbeddings data = ClusteredEmbeddings.of(5, 300, 8, 9);
    List<KeypointRecord> rows = data.records();
    KeypointIndex index = KeypointDatabase.of(rows).index(ClusteredEmbeddings.SYNSET);
    boolean[] seen = new boolean[rows.size()];
    float[] centroid = new float[8];
    for (int c = 0; c < index.cells(); c++) {
      index.centroids.row(c, centroid);
      for (int r : index.cellRows[c]) {
        assertTrue(!seen[r], "row " + r + " in two cells");
        seen[r] = true;
        assertEquals(index.ids[index.cellSlot[c]], rows.get(r).semanticId());
        double s = 0;
        for (int d = 0; d < 8; d++) {
          double t = rows.get(r).embedding()[d] - centroid[d];
          s += t * t;
        }
        assertTrue(Math.sqrt(s) <= index.radius[c], "row " + r + " outside cell " + c);
      }
    }
    for (boolean s : seen) {
      assertTrue(s);
    }
  }

  @Test
  void columnDistancesAreWithinTheirRoundingBound() {
    SplittableRandom r = new SplittableRandom(13);
    int dim = 37;
    float[] table = new float[50 * dim];
    float[] q = new float[dim];
    for (int i = 0; i < table.length; i++) {
      table[i] = (float) (3 * r.nextGaussian());
    }
    for (int i = 0; i < dim; i++) {
      q[i] = (float) (3 * r.nextGaussian());
    }
    ColumnBlock block = ColumnBlock.of(table, dim);
    float[] out = new float[50];
    float qq = ColumnBlock.squaredNorm(q, 0, dim);
    block.squaredDistances(q, 0, qq, out);
    for (int row = 0; row < 50; row++) {
      double s = 0;
      for (int d = 0; d < dim; d++) {
        double t = (double) q[d] - table[row * dim + d];
        s += t * t;
      }
      assertEquals(s, out[row], ColumnBlock.roundingBound(dim, qq, block.norms[row]));
    }
  }

  @Test
  void badQueriesAreRefused() {
    KeypointIndex index = gaussian(40, 4, 6, 5).index("s");
    assertThrows(IllegalArgumentException.class, () -> index.search(new float[7], 8, 1));
    assertThrows(IllegalArgumentException.class, () -> index.search(new float[6], 0, 1));
    assertThrows(IllegalArgumentException.class, () -> index.search(new float[6], 8, 0));
    assertThrows(IllegalArgumentException.class,
        () -> gaussian(40, 4, 6, 5).index("other"));
    assertThrows(IllegalArgumentException.class, () -> KeypointTransfer.Search.index(0));
  }
}
