package org.semcycle.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KMeansCellsTest {
  /**
   * {@code blobs} blobs of {@code each} rows in {@code dim} dimensions: blob b centred at 10 b on
   * every axis, rows within 0.5 of the centre per axis, blob after blob.
   */
  private static float[] blobs(int blobs, int each, int dim, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] t = new float[blobs * each * dim];
    for (int i = 0; i < blobs * each; i++) {
      for (int d = 0; d < dim; d++) {
        t[i * dim + d] = (float) (10.0 * (i / each) + r.nextDouble(-0.5, 0.5));
      }
    }
    return t;
  }

  private static int[] all(int n) {
    int[] m = new int[n];
    Arrays.setAll(m, i -> i);
    return m;
  }

  @Test
  void wellSeparatedBlobsAreTheCells() {
    // Blobs 10 apart per axis with rows within 0.5: the even-spaced seeds take one row of each
    // blob and Lloyd's steps keep each blob whole, so the cells are the blobs in their order.
    int dim = 6;
    float[] table = blobs(4, 50, dim, 1);
    int[] cell = KMeansCells.assign(table, ColumnBlock.squaredNorms(table, dim), dim, all(200), 4);
    for (int i = 0; i < 200; i++) {
      assertEquals(i / 50, cell[i], "row " + i);
    }
  }

  @Test
  void eachMemberIsInTheCellOfItsNearestCellMean() {
    // Lloyd's fixed point on diffuse data: with every row in the training sample (200 <= 64 x
    // cells) and converged iterations, a row's cell mean is its nearest (allowing float ties).
    SplittableRandom r = new SplittableRandom(2);
    int dim = 5;
    int n = 200;
    float[] table = new float[n * dim];
    for (int i = 0; i < table.length; i++) {
      table[i] = (float) r.nextGaussian();
    }
    int[] cell = KMeansCells.assign(table, ColumnBlock.squaredNorms(table, dim), dim, all(n), 6);
    int cells = Arrays.stream(cell).max().getAsInt() + 1;
    double[] mean = new double[cells * dim];
    int[] count = new int[cells];
    for (int i = 0; i < n; i++) {
      count[cell[i]]++;
      for (int d = 0; d < dim; d++) {
        mean[cell[i] * dim + d] += table[i * dim + d];
      }
    }
    for (int c = 0; c < cells; c++) {
      assertTrue(count[c] > 0, "cell " + c + " is empty");
      for (int d = 0; d < dim; d++) {
        mean[c * dim + d] /= count[c];
      }
    }
    int moved = 0;
    for (int i = 0; i < n; i++) {
      double own = distance(table, i, mean, cell[i], dim);
      for (int c = 0; c < cells; c++) {
        moved += distance(table, i, mean, c, dim) < own - 1e-4 ? 1 : 0;
      }
    }
    assertTrue(moved <= n / 50, moved + " rows nearer another cell's mean");
  }

  private static double distance(float[] table, int row, double[] mean, int c, int dim) {
    double s = 0;
    for (int d = 0; d < dim; d++) {
      double t = table[row * dim + d] - mean[c * dim + d];
      s += t * t;
    }
    return s;
  }

  @Test
  void membersAreASubsetAndCoincidentRowsLeaveNoEmptyCell() {
    // Rows 0-9 all at (1, 1), rows 10-19 at (5, 5); members are the even rows only: five
    // distinct cells asked of two distinct values gives two cells numbered 0 and 1.
    int dim = 2;
    float[] table = new float[20 * dim];
    for (int i = 0; i < 20; i++) {
      Arrays.fill(table, i * dim, (i + 1) * dim, i < 10 ? 1f : 5f);
    }
    int[] members = new int[10];
    Arrays.setAll(members, i -> 2 * i);
    int[] cell = KMeansCells.assign(table, ColumnBlock.squaredNorms(table, dim), dim, members, 5);
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, cell);
  }

  @Test
  void oneCellOrOneMemberIsCellZeroAndTheSameInputGivesTheSameCells() {
    float[] table = blobs(3, 40, 4, 3);
    float[] norms = ColumnBlock.squaredNorms(table, 4);
    assertArrayEquals(new int[120], KMeansCells.assign(table, norms, 4, all(120), 1));
    assertArrayEquals(new int[1], KMeansCells.assign(table, norms, 4, new int[] {7}, 3));
    int[] a = KMeansCells.assign(table, norms, 4, all(120), 7);
    assertArrayEquals(a, KMeansCells.assign(table.clone(), norms.clone(), 4, all(120), 7));
    assertEquals(7, Arrays.stream(a).max().getAsInt() + 1);
  }
}
