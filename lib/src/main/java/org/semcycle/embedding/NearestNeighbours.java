package org.semcycle.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * k-nearest-neighbour search in embedding space, batched as matrix products:
 * {@code ||q - b||^2 = ||q||^2 + ||b||^2 - 2 q.b^T}, clamped at 0 against rounding. The search
 * ranks by {@code ||b||^2 - 2 q.b^T} (in place, no gradient) and adds {@code ||q||^2} to the k
 * winners only; queries go in chunks so a chunk's matrix holds at most {@value #CHUNK_ELEMENTS}
 * floats.
 */
public final class NearestNeighbours {
  /** Largest distance-matrix chunk, in elements (64 MB of floats). */
  public static final int CHUNK_ELEMENTS = 1 << 24;

  private NearestNeighbours() {}

  /** The k nearest database rows of each query: row-major {@code queries x k}, ascending. */
  public record Result(int queries, int k, int[] indices, float[] squaredDistances) {
    public int index(int query, int rank) {
      return indices[query * k + rank];
    }

    public float squaredDistance(int query, int rank) {
      return squaredDistances[query * k + rank];
    }
  }

  /** Squared L2 distances {@code (n, m)} between rows of {@code q (n, D)} and {@code db (m, D)}. */
  public static NDArray squaredDistances(NDArray q, NDArray db) {
    NDArray qq = q.square().sum(new int[] {1}, true); // (n, 1)
    NDArray bb = db.square().sum(new int[] {1}).reshape(1, -1); // (1, m)
    return qq.add(bb).sub(q.matMul(db.transpose()).mul(2f)).maximum(0f);
  }

  /** Squared distance matrix of packed float rows, {@code n x m} row-major, computed in DJL. */
  public static float[] squaredDistances(float[] q, float[] db, int dim) {
    return NoGrad.run(() -> {
      try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
        NDArray a = m.create(q, new Shape(q.length / dim, dim));
        NDArray b = m.create(db, new Shape(db.length / dim, dim));
        return squaredDistances(a, b).toFloatArray();
      }
    });
  }

  /**
   * The k nearest of {@code db} (m rows of {@code dim}) for every row of {@code q}; k is capped
   * at m.
   */
  public static Result search(float[] q, float[] db, int dim, int k) {
    return search(q, db, dim, k, CHUNK_ELEMENTS);
  }

  /** {@link #search} with another chunk bound (tests). */
  static Result search(float[] q, float[] db, int dim, int k, int chunkElements) {
    int n = q.length / dim;
    int m = db.length / dim;
    if (q.length % dim != 0 || db.length % dim != 0 || m == 0) {
      throw new IllegalArgumentException("queries/database not packed rows of " + dim);
    }
    int kk = Math.min(k, m);
    int[] idx = new int[n * kk];
    float[] dist = new float[n * kk];
    NoGrad.run(() -> {
      searchChunks(q, db, dim, kk, idx, dist, chunkElements);
      return null;
    });
    return new Result(n, kk, idx, dist);
  }

  private static void searchChunks(float[] q, float[] db, int dim, int kk, int[] idx,
      float[] dist, int chunkElements) {
    int n = q.length / dim;
    int m = db.length / dim;
    try (NDManager mgr = NDManager.newBaseManager(ai.djl.Device.cpu())) {
      NDArray b = mgr.create(db, new Shape(m, dim));
      NDArray bt = b.transpose();
      NDArray bb = b.square().sum(new int[] {1}).reshape(1, m);
      int chunk = Math.max(1, chunkElements / m);
      for (int start = 0; start < n; start += chunk) {
        int rows = Math.min(chunk, n - start);
        try (NDManager sub = mgr.newSubManager()) {
          float[] part = new float[rows * dim];
          System.arraycopy(q, start * dim, part, 0, rows * dim);
          NDArray a = sub.create(part, new Shape(rows, dim));
          NDArray rank = a.matMul(bt).muli(-2f).addi(bb);
          NDList top = rank.topK(kk, 1, false, true);
          float[] v = top.get(0).toFloatArray();
          long[] ix = top.get(1).toLongArray();
          for (int r = 0; r < rows; r++) {
            double qq = 0;
            for (int c = 0; c < dim; c++) {
              double t = part[r * dim + c];
              qq += t * t;
            }
            for (int j = 0; j < kk; j++) {
              int o = (start + r) * kk + j;
              dist[o] = (float) Math.max(0, v[r * kk + j] + qq);
              idx[o] = (int) ix[r * kk + j];
            }
          }
        }
      }
    }
  }

  /** The same search by brute force in plain Java (reference for tests, tiny inputs). */
  public static Result bruteForce(float[] q, float[] db, int dim, int k) {
    int n = q.length / dim;
    int m = db.length / dim;
    int kk = Math.min(k, m);
    int[] idx = new int[n * kk];
    float[] dist = new float[n * kk];
    for (int i = 0; i < n; i++) {
      double[] d = new double[m];
      Integer[] order = new Integer[m];
      for (int j = 0; j < m; j++) {
        double s = 0;
        for (int c = 0; c < dim; c++) {
          double t = (double) q[i * dim + c] - db[j * dim + c];
          s += t * t;
        }
        d[j] = s;
        order[j] = j;
      }
      java.util.Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
      for (int r = 0; r < kk; r++) {
        idx[i * kk + r] = order[r];
        dist[i * kk + r] = (float) d[order[r]];
      }
    }
    return new Result(n, kk, idx, dist);
  }
}
