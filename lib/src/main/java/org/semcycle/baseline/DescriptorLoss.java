package org.semcycle.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Margin ranking loss on corresponding pixels of view pairs, with hardest negatives (as D2-Net
 * and HardNet) taken densely: for the K correspondences (a_k, b_k) of a pair, with unit
 * descriptors so that {@code |a - b| = sqrt(2 - 2 a.b)},
 *
 * <pre>
 *   l_k = (relu(m + |a_k - b_k| - |a_k - b*|) + relu(m + |a_k - b_k| - |b_k - a*|)) / 2
 * </pre>
 *
 * where b* is the descriptor nearest to a_k among all pixels of B's map (object and background)
 * farther than {@code negativeRadius} pixels from b_k, i.e. the wrong match that nearest-neighbour
 * search over the whole target crop would find, and a* likewise over A's map for b_k. The loss
 * is the mean of l_k over valid correspondences.
 *
 * @param margin m, a distance between unit vectors (in [0, 2])
 * @param negativeRadius pixels: closer pixels are not used as negatives
 */
public record DescriptorLoss(float margin, float negativeRadius) {
  private static final float EXCLUDED = 8f;

  public DescriptorLoss {
    if (!(margin > 0) || !(negativeRadius >= 0)) {
      throw new IllegalArgumentException("margin must be > 0 and negative radius >= 0: " + margin + ", " + negativeRadius);
    }
  }

  /** Margin 1, negatives farther than 3 pixels. */
  public static DescriptorLoss defaults() {
    return new DescriptorLoss(1f, 3f);
  }

  /**
   * The loss of a batch.
   *
   * @param descA descriptors of the A images (N, D, S, S), unit length over D
   * @param descB descriptors of the B images
   * @param pairs (N, K, 4): ax, ay, bx, by, integer pixel coordinates
   * @param valid (N, K): 1 for a real correspondence, 0 for padding
   */
  public NDArray loss(NDArray descA, NDArray descB, NDArray pairs, NDArray valid) {
    NDArray ax = pairs.get(new NDIndex(":, :, 0"));
    NDArray ay = pairs.get(new NDIndex(":, :, 1"));
    NDArray bx = pairs.get(new NDIndex(":, :, 2"));
    NDArray by = pairs.get(new NDIndex(":, :, 3"));
    NDArray a = gather(descA, ax, ay);
    NDArray b = gather(descB, bx, by);
    NDArray pos = a.mul(b).sum(new int[] {2});
    NDArray hardB = hardest(a, descB, bx, by);
    NDArray hardA = hardest(b, descA, ax, ay);
    NDArray dPos = distance(pos);
    NDArray terms = rank(dPos, hardB).add(rank(dPos, hardA)).mul(0.5);
    NDArray w = valid.toType(pos.getDataType(), false);
    return terms.mul(w).sum().div(w.sum().maximum(1));
  }

  /**
   * (N, K): for each query q_k (N, K, D), the highest similarity over the pixels of map (N, D,
   * H, W) farther than the radius from (x_k, y_k).
   */
  private NDArray hardest(NDArray q, NDArray map, NDArray x, NDArray y) {
    Shape s = map.getShape();
    long n = s.get(0), d = s.get(1), h = s.get(2), w = s.get(3);
    NDArray sim = q.matMul(map.reshape(n, d, h * w)); // (N, K, P)
    NDArray idx = x.getManager().arange(0f, (float) (h * w)).toType(x.getDataType(), false);
    NDArray gy = idx.div(w).floor();
    NDArray gx = idx.sub(gy.mul(w));
    NDArray dx = gx.reshape(1, 1, h * w).sub(x.expandDims(2));
    NDArray dy = gy.reshape(1, 1, h * w).sub(y.expandDims(2));
    NDArray near = dx.square().add(dy.square()).lte(negativeRadius * negativeRadius);
    return sim.sub(near.toType(sim.getDataType(), false).mul(EXCLUDED)).max(new int[] {2});
  }

  /** relu(m + d_pos - d_neg) for the hardest negative's cosine similarity s. */
  private NDArray rank(NDArray dPos, NDArray s) {
    return dPos.add(margin).sub(distance(s)).maximum(0);
  }

  /** The distance sqrt(2 - 2 s) of unit vectors with cosine similarity s (kept off 0 for the gradient). */
  private static NDArray distance(NDArray s) {
    return s.mul(-2).add(2).maximum(0).add(1e-6).sqrt();
  }

  /** The descriptors (N, K, D) at integer pixels (x, y) (N, K) of a map (N, D, H, W). */
  public static NDArray gather(NDArray desc, NDArray x, NDArray y) {
    Shape s = desc.getShape();
    long n = s.get(0), d = s.get(1), h = s.get(2), w = s.get(3);
    NDArray flat = desc.reshape(n, d, h * w).transpose(0, 2, 1);
    NDArray idx = y.round().clip(0, h - 1).mul(w).add(x.round().clip(0, w - 1)).toType(DataType.INT64, false);
    return flat.gather(idx.expandDims(2).repeat(2, d), 1);
  }
}
