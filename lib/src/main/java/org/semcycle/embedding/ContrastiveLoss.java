package org.semcycle.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Online contrastive loss with hard-negative mining (stage 5 of PIPELINE.md, as the reference's
 * {@code OnlineContrastiveLoss(1, HardNegativePairSelector())}).
 *
 * <p>Over the labelled points of a whole batch (label >= 0; -1 = not a keypoint):
 *
 * <ul>
 *   <li><b>positives</b>: every unordered pair {i, j} of labelled points with the same semantic
 *       id, within one model and across the models of the batch (the reference pairs keypoints
 *       across the batch; one model normally labels one point per id, but our labels may mark
 *       several points per id, and those pairs count too). Term: squared L2 distance
 *       {@code ||e_i - e_j||^2}.
 *   <li><b>negatives</b>: the different-id pairs with the smallest embedding distance, as many as
 *       there are positives (all of them if fewer exist); ties broken by (i, j) for determinism.
 *       Term: {@code relu(margin - d)^2} with {@code d = sqrt(||e_i - e_j||^2 + 1e-6)}, the
 *       <b>plain (not squared)</b> L2 distance; the 1e-6 keeps the gradient finite at d = 0.
 * </ul>
 *
 * <b>Beyond the reference</b> (optional): points labelled {@link #BACKGROUND} (-2) are surface
 * points away from every keypoint ({@link BackgroundPoints}). They form no positive pair and no
 * pair with each other, but each keypoint-background pair joins the negative candidates, so
 * the hardest negatives may push ordinary surface points away from keypoint embeddings. The
 * reference constrains keypoint points only, which leaves the rest of the surface free to land
 * near a keypoint's embedding. Without -2 labels the loss is exactly the reference's.
 *
 * <p>The loss is the mean over all selected pair terms, positives and negatives together
 * ({@code (sum pos + sum neg) / (P + Nneg)}), as the reference's {@code cat(...).mean()}. With no
 * positive pair the loss is 0 (still attached to the graph). Pair selection runs in Java on the
 * detached distances; the terms are NDArray operations, so autograd flows through them.
 */
public final class ContrastiveLoss {
  /** Reference margin. */
  public static final float DEFAULT_MARGIN = 1f;

  /** Label of a background point: a negative for every keypoint, nothing else. */
  public static final int BACKGROUND = -2;

  private static final float EPS = 1e-6f;

  private final float margin;

  public ContrastiveLoss() {
    this(DEFAULT_MARGIN);
  }

  public ContrastiveLoss(float margin) {
    if (!(margin > 0)) {
      throw new IllegalArgumentException("margin must be > 0: " + margin);
    }
    this.margin = margin;
  }

  public float margin() {
    return margin;
  }

  /** Indexes (into the labelled points) of the selected positive and negative pairs. */
  public record PairSelection(int[] posA, int[] posB, int[] negA, int[] negB) {
    public int positives() {
      return posA.length;
    }

    public int negatives() {
      return negA.length;
    }
  }

  /** The loss value with the pair counts that made it. */
  public record Terms(NDArray loss, int positives, int negatives) {}

  /**
   * Loss of dense embeddings {@code (B, N, D)} (or {@code (M, D)}) with one label per point
   * ({@code B * N} ints: semantic id >= 0, -1 = ignored, {@link #BACKGROUND}).
   */
  public Terms compute(NDArray embeddings, int[] labels) {
    long d = embeddings.getShape().get(embeddings.getShape().dimension() - 1);
    NDArray flat = embeddings.reshape(-1, d);
    if (flat.getShape().get(0) != labels.length) {
      throw new IllegalArgumentException(
          "labels: " + labels.length + " for " + flat.getShape().get(0) + " points");
    }
    int m = 0;
    for (int l : labels) {
      if (l >= 0 || l == BACKGROUND) {
        m++;
      }
    }
    long[] rows = new long[m];
    int[] ids = new int[m];
    for (int i = 0, k = 0; i < labels.length; i++) {
      if (labels[i] >= 0 || labels[i] == BACKGROUND) {
        rows[k] = i;
        ids[k++] = labels[i];
      }
    }
    if (m < 2) {
      return new Terms(flat.sum().mul(0f), 0, 0);
    }
    NDManager mgr = flat.getManager();
    NDArray keys = flat.get(mgr.create(rows));
    return computeLabelled(keys, ids);
  }

  /**
   * Loss of the labelled points' embeddings {@code (M, D)} with their semantic ids (or
   * {@link #BACKGROUND}).
   */
  public Terms computeLabelled(NDArray keys, int[] ids) {
    int m = ids.length;
    int d = (int) keys.getShape().get(1);
    float[] e = keys.toFloatArray();
    PairSelection sel = selectPairs(squaredDistances(e, m, d), ids);
    if (sel.positives() == 0) {
      return new Terms(keys.sum().mul(0f), 0, 0);
    }
    NDManager mgr = keys.getManager();
    NDArray posDiff =
        keys.get(mgr.create(toLong(sel.posA()))).sub(keys.get(mgr.create(toLong(sel.posB()))));
    NDArray total = posDiff.square().sum();
    if (sel.negatives() > 0) {
      NDArray negDiff =
          keys.get(mgr.create(toLong(sel.negA()))).sub(keys.get(mgr.create(toLong(sel.negB()))));
      NDArray dist = negDiff.square().sum(new int[] {1}).add(EPS).sqrt();
      NDArray hinge = dist.neg().add(margin).maximum(0f);
      total = total.add(hinge.square().sum());
    }
    NDArray loss = total.div((float) (sel.positives() + sel.negatives()));
    return new Terms(loss, sel.positives(), sel.negatives());
  }

  /** Squared L2 distances of M packed D-vectors: an M x M row-major matrix. */
  static float[] squaredDistances(float[] e, int m, int d) {
    float[] out = new float[m * m];
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          double t = (double) e[i * d + k] - e[j * d + k];
          s += t * t;
        }
        out[i * m + j] = (float) s;
        out[j * m + i] = (float) s;
      }
    }
    return out;
  }

  /**
   * All same-id pairs, and as many of the closest different-id pairs (by the given squared
   * distances, M x M) as there are same-id pairs. {@link #BACKGROUND} points pair only with
   * keypoints, as negatives.
   */
  public static PairSelection selectPairs(float[] sqDist, int[] ids) {
    int m = ids.length;
    if ((long) m * m > 0xffffffffL) {
      throw new IllegalArgumentException("too many labelled points for one batch: " + m);
    }
    List<int[]> pos = new ArrayList<>();
    int nNeg = 0;
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        if (ids[i] < 0 && ids[j] < 0) {
          continue;
        }
        if (ids[i] == ids[j]) {
          pos.add(new int[] {i, j});
        } else {
          nNeg++;
        }
      }
    }
    // Key: distance bits (non-negative floats order like their bits) then pair index i * m + j,
    // so one primitive sort orders by distance with ties broken by (i, j).
    long[] neg = new long[nNeg];
    int k = 0;
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        if (ids[i] != ids[j] && (ids[i] >= 0 || ids[j] >= 0)) {
          float d = Math.max(0f, sqDist[i * m + j]);
          neg[k++] = ((long) Float.floatToIntBits(d) << 32) | ((long) i * m + j);
        }
      }
    }
    Arrays.sort(neg);
    int take = Math.min(pos.size(), nNeg);
    int[] posA = new int[pos.size()];
    int[] posB = new int[pos.size()];
    for (int i = 0; i < pos.size(); i++) {
      posA[i] = pos.get(i)[0];
      posB[i] = pos.get(i)[1];
    }
    int[] negA = new int[take];
    int[] negB = new int[take];
    for (int i = 0; i < take; i++) {
      long pair = neg[i] & 0xffffffffL;
      negA[i] = (int) (pair / m);
      negB[i] = (int) (pair % m);
    }
    return new PairSelection(posA, posB, negA, negB);
  }

  private static long[] toLong(int[] a) {
    long[] out = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }
}
