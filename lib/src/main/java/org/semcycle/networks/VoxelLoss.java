package org.semcycle.networks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;

/**
 * The voxel net's loss on logits (N, R, R, R) against a {0, 1} occupancy grid: the binary
 * cross-entropy with occupied voxels weighted {@link Options#positiveWeight()} ({@link #bce}),
 * plus {@link Options#iouWeight()} times the soft-IoU loss ({@link #softIoU}), plus, in
 * ShapeHD's fine-tuning with a frozen {@link VoxelCritic}, the naturalness term
 * {@link #naturalness} of weight {@link Options#naturalnessWeight()}.
 */
public final class VoxelLoss {
  /**
   * The loss's weights.
   *
   * @param positiveWeight occupied voxels' weight in the BCE (1: plain BCE), finite and > 0
   * @param iouWeight the soft-IoU term's weight (0: none), finite and >= 0
   * @param naturalnessWeight the critic's naturalness term's weight (0: none; reference 1e-3),
   *     finite and >= 0; a loss with a non-zero weight needs a critic
   */
  public record Options(float positiveWeight, float iouWeight, float naturalnessWeight) {
    public Options {
      if (!(positiveWeight > 0) || Float.isInfinite(positiveWeight)) {
        throw new IllegalArgumentException("positive weight must be finite and > 0, got " + positiveWeight);
      }
      if (!(iouWeight >= 0) || Float.isInfinite(iouWeight)) {
        throw new IllegalArgumentException("soft-IoU weight must be finite and >= 0, got " + iouWeight);
      }
      if (!(naturalnessWeight >= 0) || Float.isInfinite(naturalnessWeight)) {
        throw new IllegalArgumentException("naturalness weight must be finite and >= 0, got " + naturalnessWeight);
      }
    }

    /** The plain BCE. */
    public static Options bce() {
      return new Options(1f, 0f, 0f);
    }

    /** These weights with the naturalness term's weight w. */
    public Options withNaturalnessWeight(float w) {
      return new Options(positiveWeight, iouWeight, w);
    }
  }

  private final Options options;
  private final VoxelCritic critic;

  /** A loss without a critic (the options' naturalness weight must be 0). */
  public VoxelLoss(Options options) {
    this(options, null);
  }

  /**
   * A loss with a critic for the naturalness term (null: none); the critic is frozen here (its
   * parameters stop requiring gradients).
   */
  public VoxelLoss(Options options, VoxelCritic critic) {
    if (critic == null && options.naturalnessWeight() != 0f) {
      throw new IllegalArgumentException("a naturalness weight needs a critic, got " + options.naturalnessWeight());
    }
    this.options = options;
    this.critic = critic;
    if (critic != null) {
      critic.freezeParameters(true);
    }
  }

  public Options options() {
    return options;
  }

  /** The loss of a batch's logits against its occupancy. */
  public NDArray loss(ParameterStore ps, NDArray logits, NDArray occupancy) {
    NDArray loss = bce(logits, occupancy, options.positiveWeight());
    if (options.iouWeight() != 0f) {
      loss = loss.add(softIoU(logits, occupancy).mul(options.iouWeight()));
    }
    if (critic != null && options.naturalnessWeight() != 0f) {
      loss = loss.add(naturalness(critic, ps, logits, options.naturalnessWeight()));
    }
    return loss;
  }

  /**
   * Mean binary cross-entropy with logits where occupied voxels count positiveWeight times:
   * mean[(1 - y) softplus(x) + w y softplus(-x)]. Shapes are mostly empty space (a 32^3 chair
   * fills a few percent of its grid), so with w = 1 the net first learns "all empty" and its
   * probabilities stay below 0.5; w > 1 rebalances the classes. w = 1 is the plain BCE.
   */
  public static NDArray bce(NDArray logits, NDArray occupancy, float positiveWeight) {
    if (!(positiveWeight > 0) || Float.isInfinite(positiveWeight)) {
      throw new IllegalArgumentException("positive weight must be finite and > 0, got " + positiveWeight);
    }
    // (1 - y) softplus(x) + w y softplus(-x) = softplus(x) (1 + (w - 1) y) - w x y, with softplus(-x)
    // = softplus(x) - x: one fused softplus (libtorch's, stable for any |x|) and two products, the
    // label factors computed without gradient.
    NDArray softplus = Activation.softPlus(logits);
    if (positiveWeight == 1f) {
      return softplus.sub(logits.mul(occupancy)).mean();
    }
    NDArray each = occupancy.mul(positiveWeight - 1f).add(1f);
    return softplus.mul(each).sub(logits.mul(occupancy.mul(positiveWeight))).mean();
  }

  /**
   * The soft-IoU (Jaccard) loss: 1 - mean over the batch of sum(p y) / sum(p + y - p y), with p =
   * sigmoid(logits) and y the {0, 1} occupancy (N, R, R, R). It scores the whole shape at once,
   * as the IoU metric does, so a thin part of a few voxels weighs as much as its share of the
   * shape's volume, not of the grid's (where the per-voxel BCE puts it). 0 for a perfect,
   * confident prediction. An empty target scores 1 whatever is predicted (no gradient), so the term
   * is meant to be added to the BCE, not used alone.
   */
  public static NDArray softIoU(NDArray logits, NDArray occupancy) {
    NDArray p = Activation.sigmoid(logits);
    int[] axes = new int[logits.getShape().dimension() - 1];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i + 1;
    }
    NDArray intersection = p.mul(occupancy).sum(axes);
    NDArray union = p.sum(axes).add(occupancy.sum(axes)).sub(intersection).add(1e-6f);
    return intersection.div(union).mean().neg().add(1f);
  }

  /**
   * The naturalness term for fine-tuning with a frozen {@link VoxelCritic}:
   * -weight x mean D(sigmoid(logits)) (reference weight 1e-3).
   */
  public static NDArray naturalness(VoxelCritic critic, ParameterStore ps, NDArray logits, float weight) {
    // The critic may have been trained in another precision (semcycle.train.dtype-per-net): feed
    // it its own type and bring the score back to the voxel net's type.
    DataType criticType = critic.getParameters().valueAt(0).getArray().getDataType();
    NDArray p = Activation.sigmoid(logits).toType(criticType, false);
    NDArray d = critic.forward(ps, new NDList(p), false).head();
    return d.mean().mul(-weight).toType(logits.getDataType(), false);
  }
}
