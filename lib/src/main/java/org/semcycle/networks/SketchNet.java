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

/**
 * Stage 1, the 2.5D sketch net (MarrNet-1 style): RGB -> depth (1), surface normals (3),
 * silhouette (1), all at input resolution, plus a head regressing the depth range (zmin, zmax).
 * One shared {@link ImageEncoder}, one {@link UNetDecoder} per map, and global pooling + a linear
 * layer for the range.
 *
 * <p>Input: (N, 3, S, S). Output: [depth (N,1,S,S), normals (N,3,S,S), silhouette (N,1,S,S),
 * range (N,2)]. All outputs are linear (regression targets, MSE); the silhouette is thresholded at
 * {@link #SILHOUETTE_THRESHOLD} as in the reference.
 *
 * <p>Targets (see {@link #loss}): depth normalised per image to [0, 1] inside the silhouette
 * (the render job's 16-bit code (c - 1) / 65534), camera-frame unit normals in [-1, 1], silhouette
 * in {0, 1}, range in object units. The reference multiplies its targets by 100; this is a
 * uniform scale of the loss to which Adam is (up to epsilon) invariant, so we keep unit targets.
 */
public final class SketchNet extends InitOnceBlock {
  /** Silhouette threshold of the reference. */
  public static final float SILHOUETTE_THRESHOLD = 0.3f;

  /**
   * Sizes of the sketch net.
   *
   * @param imageSize S, a multiple of 32 (64 on CPU, 128/256 by configuration)
   * @param base encoder/decoder base width (16 on CPU, 64 in the reference)
   * @param rangeWeight weight of the depth-range MSE in the loss
   */
  public record Options(int imageSize, int base, float rangeWeight) {
    /** CPU defaults: 64 x 64, base 16, range weight 1. */
    public static Options cpuDefaults() {
      return new Options(64, 16, 1f);
    }
  }

  private final Options options;
  private final ImageEncoder encoder;
  private final UNetDecoder depth;
  private final UNetDecoder normals;
  private final UNetDecoder silhouette;
  private final Block range;

  /** A sketch net of the given sizes. */
  public SketchNet(Options options) {
    super((byte) 1);
    this.options = options;
    encoder = addChildBlock("encoder", new ImageEncoder(3, options.base()));
    depth = addChildBlock("depth", new UNetDecoder(options.base(), 1));
    normals = addChildBlock("normals", new UNetDecoder(options.base(), 3));
    silhouette = addChildBlock("silhouette", new UNetDecoder(options.base(), 1));
    range =
        addChildBlock(
            "range",
            new InitOnceSequence()
                .add(Pool.globalAvgPool2dBlock())
                .add(Linear.builder().setUnits(2).build()));
  }

  /** The sizes this net was built with. */
  public Options options() {
    return options;
  }

  /** The input shape for a batch of n images. */
  public Shape inputShape(int n) {
    return new Shape(n, 3, options.imageSize(), options.imageSize());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList features = encoder.forward(ps, inputs, training);
    NDList skips = new NDList(inputs.head());
    skips.addAll(features);
    return new NDList(
        depth.forward(ps, skips, training).head(),
        normals.forward(ps, skips, training).head(),
        silhouette.forward(ps, skips, training).head(),
        range.forward(ps, new NDList(features.get(4)), training).head());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    long n = in.get(0), h = in.get(2), w = in.get(3);
    return new Shape[] {
      new Shape(n, 1, h, w), new Shape(n, 3, h, w), new Shape(n, 1, h, w), new Shape(n, 2)
    };
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    encoder.initialize(manager, dataType, inputShapes);
    Shape[] features = encoder.getOutputShapes(inputShapes);
    Shape[] skips = new Shape[6];
    skips[0] = inputShapes[0];
    System.arraycopy(features, 0, skips, 1, 5);
    depth.initialize(manager, dataType, skips);
    normals.initialize(manager, dataType, skips);
    silhouette.initialize(manager, dataType, skips);
    range.initialize(manager, dataType, features[4]);
  }

  /**
   * The stage-1 loss: MSE of depth and normals over foreground pixels (target silhouette > 0.5),
   * MSE of the silhouette over all pixels, and rangeWeight x MSE of (zmin, zmax).
   *
   * @param pred the forward output
   * @param target [depth, normals, silhouette, range] shaped like the outputs
   */
  public static NDArray loss(NDList pred, NDList target, float rangeWeight) {
    NDArray mask = target.get(2).gt(0.5f).toType(target.get(2).getDataType(), false);
    NDArray fg = mask.sum().maximum(1f);
    NDArray depthLoss = pred.get(0).sub(target.get(0)).square().mul(mask).sum().div(fg);
    NDArray normalLoss =
        pred.get(1).sub(target.get(1)).square().mul(mask).sum().div(fg.mul(3f));
    NDArray silLoss = pred.get(2).sub(target.get(2)).square().mean();
    NDArray rangeLoss = pred.get(3).sub(target.get(3)).square().mean().mul(rangeWeight);
    return depthLoss.add(normalLoss).add(silLoss).add(rangeLoss);
  }
}
