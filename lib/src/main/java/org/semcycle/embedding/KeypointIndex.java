package org.semcycle.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The k-NN structure over one synset's keypoint database rows: an inverted file of k-means
 * cells, each holding rows of one semantic id only, searched with exact distances inside the
 * cells it probes.
 *
 * <p><b>Build</b> ({@link #build}, once per database and synset; {@link KeypointDatabase#index}
 * caches it): the rows of each semantic id are split by k-means ({@link KMeansCells}, no random
 * choices) into about {@code n_id / s} cells, where the target cell size is {@code s = max(}
 * {@value #MIN_CELL_ROWS}{@code , ceil(sqrt(n)))} for n rows in the synset, so there are about
 * {@code C = sqrt(n)} cells. Each cell keeps its rows column by column ({@link ColumnBlock}), its
 * centroid and radius (largest distance of its rows to the centroid). Cost: {@code O(n C dim /
 * ids)} time for the final assignment plus {@code O(iterations x 64 (C / ids)^2 dim)} per id to
 * train; {@code O(n dim)} memory.
 *
 * <p><b>Query</b> ({@link #search}): distances from the query to the C centroids, then
 * <ul>
 *   <li>{@code probes < C} (approximate, the usual inverted file): the rows of the {@code probes}
 *       cells with the nearest centroids (more while they hold fewer than k or {@code probes x}
 *       {@value #MIN_CELL_ROWS} rows), {@code O((C +
 *       probes n / C) dim)} per query, about {@code (1 + probes) sqrt(n) dim};
 *   <li>{@code probes >= C} (exact): cells in ascending order of the lower bound {@code (|q -
 *       centroid| - radius)^2} on their rows' distances, until that bound exceeds the current
 *       k-th distance (allowing for the float rounding of the distances, {@link
 *       ColumnBlock#roundingBound}): the k nearest that a scan of every row with the same kernel
 *       finds; {@code O(n dim)} per query at worst, which is what it costs on embeddings as
 *       diffuse as those of an untrained or lightly trained embedder.
 * </ul>
 * Neighbours come ascending by (squared distance, row), rows numbered as in {@link
 * KeypointDatabase#rows(String)}. Pure Java over float arrays: no JNI call per query or per cell
 * (cells hold tens to a few thousand rows). Immutable and thread-safe once built.
 */
public final class KeypointIndex {
  /** Smallest target cell size (rows); a search probes at least this many rows per probe. */
  static final int MIN_CELL_ROWS = 32;
  /** Cells an exact search scans first, to find the k-th distance that prunes the others. */
  static final int EXACT_FIRST_PROBES = 8;

  final int dim;
  final int size;
  /** Semantic ids, ascending; a row's slot is its id's position here. */
  final int[] ids;
  /** Slot of each row, by row number. */
  final int[] rowSlot;
  final ColumnBlock means;
  final ColumnBlock[] cells;
  /** Row numbers of each cell's rows, in the cell's order. */
  final int[][] cellRows;
  final int[] cellSlot;
  final ColumnBlock centroids;
  final float[] radius;
  private final float maxNorm;
  private final float maxCentroidNorm;

  private KeypointIndex(int dim, int[] ids, int[] rowSlot, ColumnBlock means,
      ColumnBlock[] cells, int[][] cellRows, int[] cellSlot, ColumnBlock centroids,
      float[] radius) {
    this.dim = dim;
    this.size = rowSlot.length;
    this.ids = ids;
    this.rowSlot = rowSlot;
    this.means = means;
    this.cells = cells;
    this.cellRows = cellRows;
    this.cellSlot = cellSlot;
    this.centroids = centroids;
    this.radius = radius;
    float m = 0;
    for (ColumnBlock c : cells) {
      m = Math.max(m, c.maxNorm());
    }
    this.maxNorm = m;
    this.maxCentroidNorm = centroids.maxNorm();
  }

  /**
   * The index of one synset's rows (in the database's order) with their per-id statistics (the
   * id means serve {@link KeypointTransfer}).
   */
  static KeypointIndex build(List<KeypointRecord> rows,
      Map<Integer, KeypointDatabase.IdStats> stats) {
    return build(rows, stats, Math.max(MIN_CELL_ROWS, (int) Math.ceil(Math.sqrt(rows.size()))));
  }

  /** {@link #build} aiming at cells of {@code target} rows. */
  static KeypointIndex build(List<KeypointRecord> rows,
      Map<Integer, KeypointDatabase.IdStats> stats, int target) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no rows to index");
    }
    int dim = rows.get(0).embedding().length;
    int n = rows.size();
    int[] ids = stats.keySet().stream().mapToInt(Integer::intValue).toArray();
    float[] meanTable = new float[ids.length * dim];
    for (int j = 0; j < ids.length; j++) {
      System.arraycopy(stats.get(ids[j]).mean(), 0, meanTable, j * dim, dim);
    }
    float[] table = new float[n * dim];
    int[] rowSlot = new int[n];
    int[] idRows = new int[ids.length];
    for (int r = 0; r < n; r++) {
      rows.get(r).copyEmbedding(table, r * dim);
      rowSlot[r] = java.util.Arrays.binarySearch(ids, rows.get(r).semanticId());
      idRows[rowSlot[r]]++;
    }
    float[] norms = ColumnBlock.squaredNorms(table, dim);
    List<int[]> members = new ArrayList<>();
    List<Integer> slots = new ArrayList<>();
    for (int j = 0; j < ids.length; j++) {
      int[] of = new int[idRows[j]];
      for (int r = 0, m = 0; r < n; r++) {
        if (rowSlot[r] == j) {
          of[m++] = r;
        }
      }
      int want = Math.max(1, Math.round(of.length / (float) target));
      int[] cell = KMeansCells.assign(table, norms, dim, of, want);
      int count = 0;
      for (int c : cell) {
        count = Math.max(count, c + 1);
      }
      for (int c = 0; c < count; c++) {
        int size = 0;
        for (int x : cell) {
          size += x == c ? 1 : 0;
        }
        int[] in = new int[size];
        for (int m = 0, i = 0; m < of.length; m++) {
          if (cell[m] == c) {
            in[i++] = of[m];
          }
        }
        members.add(in);
        slots.add(j);
      }
    }
    int cells = members.size();
    ColumnBlock[] blocks = new ColumnBlock[cells];
    int[] cellSlot = new int[cells];
    float[] centroidTable = new float[cells * dim];
    float[] radius = new float[cells];
    for (int c = 0; c < cells; c++) {
      blocks[c] = ColumnBlock.of(table, dim, members.get(c));
      cellSlot[c] = slots.get(c);
      radius[c] = centroidAndRadius(table, dim, members.get(c), centroidTable, c);
    }
    return new KeypointIndex(dim, ids, rowSlot, ColumnBlock.of(meanTable, dim), blocks,
        members.toArray(new int[0][]), cellSlot, ColumnBlock.of(centroidTable, dim), radius);
  }

  /**
   * Cell c's centroid (mean in double, stored as float) into {@code centroids}; its radius to
   * that float centroid, in double, rounded up.
   */
  private static float centroidAndRadius(float[] table, int dim, int[] rows, float[] centroids,
      int c) {
    double[] sum = new double[dim];
    for (int r : rows) {
      for (int d = 0; d < dim; d++) {
        sum[d] += table[r * dim + d];
      }
    }
    for (int d = 0; d < dim; d++) {
      centroids[c * dim + d] = (float) (sum[d] / rows.length);
    }
    double worst = 0;
    for (int r : rows) {
      double s = 0;
      for (int d = 0; d < dim; d++) {
        double t = (double) table[r * dim + d] - centroids[c * dim + d];
        s += t * t;
      }
      worst = Math.max(worst, s);
    }
    return Math.nextUp((float) Math.sqrt(worst));
  }

  /** Rows indexed. */
  public int size() {
    return size;
  }

  /** Embedding size. */
  public int dim() {
    return dim;
  }

  /** Number of cells (a search probing at least this many is exact). */
  public int cells() {
    return cells.length;
  }

  /** Semantic ids, ascending. */
  public int[] ids() {
    return ids.clone();
  }

  /** Semantic id of a row (by row number). */
  public int semanticId(int row) {
    return ids[rowSlot[row]];
  }

  /**
   * The k nearest rows (k capped at the row count) of each of the packed queries, probing
   * {@code probes} cells per query; {@code probes >= }{@link #cells()} is exact.
   */
  public NearestNeighbours.Result search(float[] queries, int k, int probes) {
    if (queries.length % dim != 0) {
      throw new IllegalArgumentException(
          "queries: " + queries.length + " floats are not rows of " + dim);
    }
    if (k < 1 || probes < 1) {
      throw new IllegalArgumentException("need k >= 1 and probes >= 1: " + k + ", " + probes);
    }
    return new Search(queries, k, probes).all();
  }

  /**
   * One search, cell by cell: each cell's rows against the queries that probe it, either each
   * query over the cell's columns or, when more queries probe the cell than it has rows, each
   * row over those queries' columns (the kernel's loop runs over the longer side). Both give the
   * same float distances. Not shared between threads.
   */
  private final class Search {
    private final float[] queries;
    private final ColumnBlock block;
    private final int n;
    private final int kk;
    private final boolean exact;
    private final int probes;
    /** Squared distances of every query to each centroid, {@code [cell][query]}. */
    private final float[][] centroidDist;
    private final int[] nnRow;
    private final float[] nnDist;
    private final int[] have;
    private final float[] worst;
    private final float[] distances;
    private final float[] row;

    Search(float[] queries, int k, int probes) {
      this.queries = queries;
      this.block = ColumnBlock.of(queries, dim);
      this.n = block.size;
      this.kk = Math.min(k, size);
      this.exact = probes >= cells.length;
      this.probes = Math.min(probes, cells.length);
      this.centroidDist = new float[cells.length][n];
      this.nnRow = new int[n * kk];
      this.nnDist = new float[n * kk];
      this.have = new int[n];
      this.worst = new float[n];
      int widest = n;
      for (ColumnBlock c : cells) {
        widest = Math.max(widest, c.size);
      }
      this.distances = new float[widest];
      this.row = new float[dim];
      java.util.Arrays.fill(nnDist, Float.POSITIVE_INFINITY);
      java.util.Arrays.fill(nnRow, Integer.MAX_VALUE);
      java.util.Arrays.fill(worst, Float.POSITIVE_INFINITY);
      for (int c = 0; c < cells.length; c++) {
        centroids.row(c, row);
        block.squaredDistances(row, 0, centroids.norms[c], centroidDist[c]);
      }
    }

    NearestNeighbours.Result all() {
      int first = exact ? Math.min(cells.length, EXACT_FIRST_PROBES) : probes;
      int[][] probed = probedCells(first);
      // Each query's nearest cell first, so that its k-th distance is tight before the others.
      int[][] nearest = new int[n][];
      int[][] others = new int[n][];
      for (int p = 0; p < n; p++) {
        nearest[p] = java.util.Arrays.copyOf(probed[p], 1);
        others[p] = java.util.Arrays.copyOfRange(probed[p], 1, probed[p].length);
      }
      scanAll(nearest);
      scanAll(others);
      if (exact) {
        scanAll(unprobedInReach(probed));
      }
      return new NearestNeighbours.Result(n, kk, nnRow, nnDist);
    }

    /** Scans, cell by cell, the cells {@code perQuery[p]} of every query p. */
    private void scanAll(int[][] perQuery) {
      int[][] lists = invert(perQuery);
      for (int c = 0; c < cells.length; c++) {
        scan(c, lists[c]);
      }
    }

    /**
     * Per query, the {@code count} cells with the nearest centroids (ties to the lower cell),
     * more while they hold fewer than k or {@code count x }{@value #MIN_CELL_ROWS} rows (a small
     * database's cells hold a few rows each: probing that many rows keeps its search as good as
     * a large one's).
     */
    private int[][] probedCells(int count) {
      int[] top = new int[n * count];
      float[] topDist = new float[n * count];
      int[] filled = new int[n];
      float[] cut = new float[n];
      java.util.Arrays.fill(cut, Float.POSITIVE_INFINITY);
      for (int c = 0; c < cells.length; c++) {
        float[] cd = centroidDist[c];
        for (int p = 0; p < n; p++) {
          float d = cd[p];
          if (!(d < cut[p])) {
            continue;
          }
          int base = p * count;
          int m = filled[p];
          int i = m < count ? m++ : count - 1;
          while (i > 0 && d < topDist[base + i - 1]) {
            top[base + i] = top[base + i - 1];
            topDist[base + i] = topDist[base + i - 1];
            i--;
          }
          top[base + i] = c;
          topDist[base + i] = d;
          filled[p] = m;
          if (m == count) {
            cut[p] = topDist[base + count - 1];
          }
        }
      }
      int[][] out = new int[n][];
      long least = Math.max(kk, (long) count * MIN_CELL_ROWS);
      for (int p = 0; p < n; p++) {
        int[] mine = java.util.Arrays.copyOfRange(top, p * count, (p + 1) * count);
        int rows = 0;
        for (int c : mine) {
          rows += cells[c].size;
        }
        out[p] = rows >= least ? mine : enoughRows(p, least);
      }
      return out;
    }

    /** Cells by centroid distance to query p, as many as hold {@code least} rows (or all). */
    private int[] enoughRows(int p, long least) {
      long[] keys = new long[cells.length];
      for (int c = 0; c < cells.length; c++) {
        keys[c] = sortKey(centroidDist[c][p], c);
      }
      java.util.Arrays.sort(keys);
      int m = 0;
      for (long rows = 0; rows < least && m < cells.length; m++) {
        rows += cells[(int) keys[m]].size;
      }
      int[] out = new int[m];
      for (int i = 0; i < m; i++) {
        out[i] = (int) keys[i];
      }
      return out;
    }

    /**
     * Per query, the cells it has not scanned that may still hold a row nearer than its k-th
     * neighbour: those whose lower bound {@code (|q - centroid| - radius)^2}, less the rounding
     * allowances, does not exceed the k-th distance found so far.
     */
    private int[][] unprobedInReach(int[][] probed) {
      int[][] out = new int[n][];
      boolean[] seen = new boolean[cells.length];
      int[] keep = new int[cells.length];
      for (int p = 0; p < n; p++) {
        for (int c : probed[p]) {
          seen[c] = true;
        }
        float qq = block.norms[p];
        float centroidSlack = ColumnBlock.roundingBound(dim, qq, maxCentroidNorm);
        float rowSlack = ColumnBlock.roundingBound(dim, qq, maxNorm);
        float reach = nnDist[p * kk + kk - 1] + rowSlack;
        int m = 0;
        for (int c = 0; c < cells.length; c++) {
          if (seen[c]) {
            continue;
          }
          float gap = (float) Math.sqrt(Math.max(0f, centroidDist[c][p] - centroidSlack))
              - radius[c];
          if (!(gap > 0 && gap * gap > reach)) {
            keep[m++] = c;
          }
        }
        out[p] = java.util.Arrays.copyOf(keep, m);
        for (int c : probed[p]) {
          seen[c] = false;
        }
      }
      return out;
    }

    /** Query lists per cell from cell lists per query. */
    private int[][] invert(int[][] perQuery) {
      int[] count = new int[cells.length];
      for (int[] cs : perQuery) {
        for (int c : cs) {
          count[c]++;
        }
      }
      int[][] out = new int[cells.length][];
      for (int c = 0; c < cells.length; c++) {
        out[c] = new int[count[c]];
        count[c] = 0;
      }
      for (int p = 0; p < n; p++) {
        for (int c : perQuery[p]) {
          out[c][count[c]++] = p;
        }
      }
      return out;
    }

    /** Cell c's rows against the queries {@code list}. */
    private void scan(int c, int[] list) {
      if (list.length == 0) {
        return;
      }
      ColumnBlock cell = cells[c];
      int[] rows = cellRows[c];
      float[] dist = distances;
      if (list.length > cell.size) {
        ColumnBlock sub = block.subset(list);
        for (int r = 0; r < cell.size; r++) {
          cell.row(r, row);
          sub.squaredDistances(row, 0, cell.norms[r], dist);
          int number = rows[r];
          for (int i = 0; i < list.length; i++) {
            if (!(dist[i] > worst[list[i]])) {
              offer(list[i], dist[i], number);
            }
          }
        }
      } else {
        for (int p : list) {
          cell.squaredDistances(queries, p * dim, block.norms[p], dist);
          for (int r = 0; r < cell.size; r++) {
            if (!(dist[r] > worst[p])) {
              offer(p, dist[r], rows[r]);
            }
          }
        }
      }
    }

    /** Row {@code number} at squared distance d into query p's sorted neighbour list. */
    private void offer(int p, float d, int number) {
      int base = p * kk;
      int last = base + kk - 1;
      if (have[p] == kk && !before(d, number, nnDist[last], nnRow[last])) {
        return;
      }
      int at = have[p] == kk ? kk - 1 : have[p]++;
      while (at > 0 && before(d, number, nnDist[base + at - 1], nnRow[base + at - 1])) {
        nnDist[base + at] = nnDist[base + at - 1];
        nnRow[base + at] = nnRow[base + at - 1];
        at--;
      }
      nnDist[base + at] = d;
      nnRow[base + at] = number;
      if (have[p] == kk) {
        worst[p] = nnDist[last];
      }
    }
  }

  /** Sorts as (key, cell) for a non-negative key (non-negative floats order as their bits). */
  private static long sortKey(float key, int cell) {
    return ((long) Float.floatToIntBits(Math.max(0f, key)) << 32) | cell;
  }

  private static boolean before(float d, int row, float d2, int row2) {
    return d < d2 || (d == d2 && row < row2);
  }
}
