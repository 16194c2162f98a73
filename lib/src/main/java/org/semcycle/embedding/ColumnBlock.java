package org.semcycle.embedding;

/**
 * A block of float rows stored column by column (one array per dimension) with their squared
 * norms, and the squared L2 distances of a query to all of them as {@code ||q||^2 + ||b||^2 - 2
 * q.b}, clamped at 0.
 *
 * <p>Written here rather than taken from a library: the k-NN index and the transfer call this on
 * blocks of tens to a few thousand rows, where a JNI call into a BLAS per block costs more than
 * the block. The dot products run as four fused column updates {@code out[r] += q0 c0[r] + q1
 * c1[r] + q2 c2[r] + q3 c3[r]} over whole arrays (no offsets), the loop shape the JIT's
 * auto-vectoriser handles (measured about 2.5x a register-blocked scalar loop on one core).
 */
final class ColumnBlock {
  final int dim;
  final int size;
  private final float[][] columns;
  final float[] norms;

  private ColumnBlock(float[][] columns, float[] norms) {
    this.dim = columns.length;
    this.size = norms.length;
    this.columns = columns;
    this.norms = norms;
  }

  /** The rows {@code rows[i]} of a packed row-major table ({@code dim} floats a row). */
  static ColumnBlock of(float[] table, int dim, int[] rows) {
    float[][] cols = new float[dim][rows.length];
    float[] norms = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      int o = rows[i] * dim;
      for (int d = 0; d < dim; d++) {
        cols[d][i] = table[o + d];
      }
      norms[i] = squaredNorm(table, o, dim);
    }
    return new ColumnBlock(cols, norms);
  }

  /** All rows of a packed row-major table. */
  static ColumnBlock of(float[] table, int dim) {
    int[] all = new int[table.length / dim];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return of(table, dim, all);
  }

  /** Row r into {@code dst[0 .. dim)}. */
  void row(int r, float[] dst) {
    for (int d = 0; d < dim; d++) {
      dst[d] = columns[d][r];
    }
  }

  /** The rows {@code rows[i]} of this block, in that order. */
  ColumnBlock subset(int[] rows) {
    float[][] cols = new float[dim][rows.length];
    float[] nb = new float[rows.length];
    for (int d = 0; d < dim; d++) {
      float[] from = columns[d];
      float[] to = cols[d];
      for (int i = 0; i < rows.length; i++) {
        to[i] = from[rows[i]];
      }
    }
    for (int i = 0; i < rows.length; i++) {
      nb[i] = norms[rows[i]];
    }
    return new ColumnBlock(cols, nb);
  }

  /**
   * Squared distances of the query at {@code q[qo .. qo + dim)} (squared norm {@code qq}) to
   * every row, into {@code out[0 .. size)}.
   */
  void squaredDistances(float[] q, int qo, float qq, float[] out) {
    int m = size;
    int d = 0;
    if (dim >= 4) {
      first(q[qo], columns[0], q[qo + 1], columns[1], q[qo + 2], columns[2], q[qo + 3],
          columns[3], out, m);
      d = 4;
    } else {
      java.util.Arrays.fill(out, 0, m, 0f);
    }
    for (; d + 3 < dim; d += 4) {
      fused(q[qo + d], columns[d], q[qo + d + 1], columns[d + 1], q[qo + d + 2], columns[d + 2],
          q[qo + d + 3], columns[d + 3], out, m);
    }
    for (; d < dim; d++) {
      float s = q[qo + d];
      float[] c = columns[d];
      for (int r = 0; r < m; r++) {
        out[r] += s * c[r];
      }
    }
    float[] nb = norms;
    for (int r = 0; r < m; r++) {
      out[r] = Math.max(0f, qq + nb[r] - 2 * out[r]);
    }
  }

  private static void first(float s0, float[] c0, float s1, float[] c1, float s2, float[] c2,
      float s3, float[] c3, float[] out, int m) {
    for (int r = 0; r < m; r++) {
      out[r] = s0 * c0[r] + s1 * c1[r] + s2 * c2[r] + s3 * c3[r];
    }
  }

  private static void fused(float s0, float[] c0, float s1, float[] c1, float s2, float[] c2,
      float s3, float[] c3, float[] out, int m) {
    for (int r = 0; r < m; r++) {
      out[r] += s0 * c0[r] + s1 * c1[r] + s2 * c2[r] + s3 * c3[r];
    }
  }

  /** Squared norm of {@code a[off .. off + dim)}. */
  static float squaredNorm(float[] a, int off, int dim) {
    float s = 0;
    for (int d = 0; d < dim; d++) {
      s += a[off + d] * a[off + d];
    }
    return s;
  }

  /** Squared norms of the rows of a packed table. */
  static float[] squaredNorms(float[] table, int dim) {
    float[] out = new float[table.length / dim];
    for (int r = 0; r < out.length; r++) {
      out[r] = squaredNorm(table, r * dim, dim);
    }
    return out;
  }

  /** The largest squared norm. */
  float maxNorm() {
    float m = 0;
    for (float x : norms) {
      m = Math.max(m, x);
    }
    return m;
  }

  /**
   * A bound on the rounding error of one computed distance: {@code (dim + 6) u (||q||^2 +
   * ||b||^2)} with u the float unit round-off, doubled for safety.
   */
  static float roundingBound(int dim, float qq, float bb) {
    return 2 * (dim + 6) * 0x1p-24f * (qq + bb) + Float.MIN_NORMAL;
  }
}
