package org.semcycle.embedding;

/**
 * Lloyd's k-means over a subset of packed float rows, without random choices: the first
 * centroids are members evenly spaced through the subset (in the order given), training uses an
 * evenly strided sample of at most {@value #TRAIN_PER_CELL} members per cell, and ties go to
 * the lower cell. The same members in the same order give the same cells.
 *
 * <p>Hand-written (Apache Commons Math's {@code KMeansPlusPlusClusterer} wants one boxed
 * {@code double[]} per point and random seeding): the cells partition a keypoint database of up
 * to millions of rows, so the members stay in the database's own float table and the distances
 * go through {@link ColumnBlock}. Cost: {@code O(iterations x sample x cells x dim)} to train,
 * {@code O(members x cells x dim)} for the final assignment.
 */
final class KMeansCells {
  /** Training sample size per cell. */
  static final int TRAIN_PER_CELL = 64;
  /** Lloyd iterations at most (they stop earlier when no assignment changes). */
  static final int MAX_ITERATIONS = 20;

  private KMeansCells() {}

  /**
   * Splits {@code members} (row indices into {@code table}, squared norms {@code norms}) into at
   * most {@code cells} cells: the cell of each member, numbered {@code 0 .. c - 1} with no empty
   * cell (c may be smaller than {@code cells} when members coincide).
   */
  static int[] assign(float[] table, float[] norms, int dim, int[] members, int cells) {
    int n = members.length;
    int[] cell = new int[n];
    if (cells <= 1 || n <= 1) {
      return cell;
    }
    int c = Math.min(cells, n);
    int sampleSize = Math.min(n, TRAIN_PER_CELL * c);
    int[] sample = new int[sampleSize];
    for (int i = 0; i < sampleSize; i++) {
      sample[i] = members[(int) ((long) i * n / sampleSize)];
    }
    float[] centroids = new float[c * dim];
    for (int j = 0; j < c; j++) {
      int s = sample[(int) ((2L * j + 1) * sampleSize / (2L * c))];
      System.arraycopy(table, s * dim, centroids, j * dim, dim);
    }
    int[] sampleCell = new int[sampleSize];
    java.util.Arrays.fill(sampleCell, -1);
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      if (!nearest(table, norms, dim, sample, centroids, sampleCell)) {
        break;
      }
      means(table, dim, sample, sampleCell, centroids);
    }
    java.util.Arrays.fill(cell, -1);
    nearest(table, norms, dim, members, centroids, cell);
    return renumber(cell, c);
  }

  /** Each row's nearest centroid (the first on ties) into {@code cell}; whether any changed. */
  private static boolean nearest(float[] table, float[] norms, int dim, int[] rows,
      float[] centroids, int[] cell) {
    ColumnBlock block = ColumnBlock.of(centroids, dim);
    float[] d2 = new float[block.size];
    boolean changed = false;
    for (int i = 0; i < rows.length; i++) {
      block.squaredDistances(table, rows[i] * dim, norms[rows[i]], d2);
      int best = 0;
      for (int j = 1; j < d2.length; j++) {
        if (d2[j] < d2[best]) {
          best = j;
        }
      }
      changed |= cell[i] != best;
      cell[i] = best;
    }
    return changed;
  }

  /** Centroids as their rows' means (double sums); an empty cell keeps its centroid. */
  private static void means(float[] table, int dim, int[] rows, int[] cell, float[] centroids) {
    int c = centroids.length / dim;
    double[] sum = new double[c * dim];
    int[] count = new int[c];
    for (int i = 0; i < rows.length; i++) {
      count[cell[i]]++;
      for (int d = 0; d < dim; d++) {
        sum[cell[i] * dim + d] += table[rows[i] * dim + d];
      }
    }
    for (int j = 0; j < c; j++) {
      if (count[j] > 0) {
        for (int d = 0; d < dim; d++) {
          centroids[j * dim + d] = (float) (sum[j * dim + d] / count[j]);
        }
      }
    }
  }

  /** Cell numbers with the empty cells removed, keeping their order. */
  private static int[] renumber(int[] cell, int c) {
    int[] count = new int[c];
    for (int x : cell) {
      count[x]++;
    }
    int[] next = new int[c];
    int used = 0;
    for (int j = 0; j < c; j++) {
      next[j] = count[j] > 0 ? used++ : -1;
    }
    for (int i = 0; i < cell.length; i++) {
      cell[i] = next[cell[i]];
    }
    return cell;
  }
}
