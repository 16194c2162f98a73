package org.semcycle.networks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.semcycle.viewpoint.ViewpointLabels;

/**
 * Stage 4, the viewpoint net: an image (RGB, or for the "w/o v.p. from RGB" ablation the
 * predicted 2.5D sketches: set inChannels to 5 or 4) -> log-probabilities over 24 azimuth and 12
 * elevation bins ({@link ViewpointLabels}), trained with KL divergence against soft labels.
 * {@link ImageEncoder} + global average pooling + one linear layer per angle.
 *
 * <p>Output: [azimuth log-probs (N, 24), elevation log-probs (N, 12)].
 */
public final class ViewNet extends InitOnceBlock {
  /**
   * Sizes of the viewpoint net.
   *
   * @param imageSize S, a multiple of 32
   * @param inChannels 3 for RGB; the ablation feeds 2.5D maps
   * @param base encoder base width
   */
  public record Options(int imageSize, int inChannels, int base) {
    /** CPU defaults: 64 x 64 RGB, base 16. */
    public static Options cpuDefaults() {
      return new Options(64, 3, 16);
    }
  }

  private final Options options;
  private final ImageEncoder encoder;
  private final Block pool;
  private final Block azimuth;
  private final Block elevation;

  /** A viewpoint net of the given sizes. */
  public ViewNet(Options options) {
    super((byte) 1);
    this.options = options;
    encoder = addChildBlock("encoder", new ImageEncoder(options.inChannels(), options.base()));
    pool = addChildBlock("pool", Pool.globalAvgPool2dBlock());
    azimuth =
        addChildBlock(
            "azimuth", Linear.builder().setUnits(ViewpointLabels.AZIMUTH_BINS).build());
    elevation =
        addChildBlock(
            "elevation", Linear.builder().setUnits(ViewpointLabels.ELEVATION_BINS).build());
  }

  /** The sizes this net was built with. */
  public Options options() {
    return options;
  }

  /** The input shape for a batch of n images. */
  public Shape inputShape(int n) {
    return new Shape(n, options.inChannels(), options.imageSize(), options.imageSize());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList f = encoder.forward(ps, inputs, training);
    NDList pooled = pool.forward(ps, new NDList(f.get(4)), training);
    return new NDList(
        azimuth.forward(ps, pooled, training).head().logSoftmax(1),
        elevation.forward(ps, pooled, training).head().logSoftmax(1));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long n = inputShapes[0].get(0);
    return new Shape[] {
      new Shape(n, ViewpointLabels.AZIMUTH_BINS), new Shape(n, ViewpointLabels.ELEVATION_BINS)
    };
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    encoder.initialize(manager, dataType, inputShapes);
    Shape[] f = encoder.getOutputShapes(inputShapes);
    pool.initialize(manager, dataType, f[4]);
    Shape[] p = pool.getOutputShapes(new Shape[] {f[4]});
    azimuth.initialize(manager, dataType, p);
    elevation.initialize(manager, dataType, p);
  }

  /**
   * KL(target || pred) summed over bins, averaged over the batch, for azimuth plus elevation.
   * Targets are soft labels (rows summing to 1); zero entries contribute nothing.
   */
  public static NDArray loss(NDList pred, NDArray azimuthLabels, NDArray elevationLabels) {
    return kl(pred.get(0), azimuthLabels).add(kl(pred.get(1), elevationLabels));
  }

  private static NDArray kl(NDArray logProbs, NDArray target) {
    NDArray logTarget = target.maximum(1e-12f).log();
    NDArray terms = target.mul(logTarget.sub(logProbs));
    return terms.sum().div(target.getShape().get(0));
  }
}
