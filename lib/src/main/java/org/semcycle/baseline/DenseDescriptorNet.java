package org.semcycle.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.semcycle.networks.ImageEncoder;
import org.semcycle.networks.UNetDecoder;

/**
 * The 2D-2D baseline's dense descriptor net: RGB (N, 3, S, S) -> L2-normalised descriptors
 * (N, D, S, S) at full resolution. The cycle's {@link ImageEncoder} (ResNet-18-like, down to
 * S/32) and {@link UNetDecoder} (nearest x2 upsampling + convolution at each level, skips of
 * every resolution, the last being the image itself; the PyTorch engine has no transposed
 * convolution), whose D output maps are divided by their Euclidean norm over channels at each
 * pixel, so that a dot product of two descriptors is their cosine similarity.
 *
 * <p>Two coordinate planes (x and y in [-1, 1] across the image, as CoordConv) are appended to the
 * RGB input inside the net: the matcher's crops frame the object alike in both images, so
 * position in the crop is informative (the no-learning guess "same crop position" beat the
 * quick-profile net without them, and still does with them: docs/baseline2d.md).
 */
public final class DenseDescriptorNet extends AbstractBlock {
  /**
   * Sizes of the descriptor net.
   *
   * @param imageSize S, a multiple of 32 (the object crop the matcher feeds)
   * @param base encoder/decoder base width
   * @param dim descriptor dimension D
   */
  public record Options(int imageSize, int base, int dim) {
    public Options {
      if (imageSize <= 0 || imageSize % 32 != 0 || base <= 0 || dim <= 0) {
        throw new IllegalArgumentException(
            "dense2d needs imageSize a positive multiple of 32, base and dim > 0: " + imageSize + ", " + base + ", " + dim);
      }
    }

    /** CPU defaults: 64 px, base 8, 32-dimensional descriptors. */
    public static Options cpuDefaults() {
      return new Options(64, 8, 32);
    }
  }

  private static final float EPS = 1e-12f;

  private final Options options;
  private final ImageEncoder encoder;
  private final UNetDecoder decoder;

  /** A descriptor net of the given sizes. */
  public DenseDescriptorNet(Options options) {
    super((byte) 1);
    this.options = options;
    encoder = addChildBlock("encoder", new ImageEncoder(3 + 2, options.base()));
    decoder = addChildBlock("decoder", new UNetDecoder(options.base(), options.dim()));
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
    NDArray x = withCoordinates(inputs.head());
    NDList skips = new NDList(x);
    skips.addAll(encoder.forward(ps, new NDList(x), training));
    NDArray d = decoder.forward(ps, skips, training).head();
    return new NDList(normalize(d));
  }

  /** (N, C, H, W) -> (N, C + 2, H, W): the input with x and y planes in [-1, 1]. */
  static NDArray withCoordinates(NDArray x) {
    Shape s = x.getShape();
    long n = s.get(0), h = s.get(2), w = s.get(3);
    NDManager m = x.getManager();
    NDArray xs = m.linspace(-1f, 1f, (int) w).toType(x.getDataType(), false).reshape(1, 1, 1, w).broadcast(n, 1, h, w);
    NDArray ys = m.linspace(-1f, 1f, (int) h).toType(x.getDataType(), false).reshape(1, 1, h, 1).broadcast(n, 1, h, w);
    return NDArrays.concat(new NDList(x, xs, ys), 1);
  }

  /** Divides each pixel's channel vector of an (N, D, H, W) array by its norm. */
  public static NDArray normalize(NDArray d) {
    return d.div(d.square().sum(new int[] {1}, true).add(EPS).sqrt());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {new Shape(in.get(0), options.dim(), in.get(2), in.get(3))};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    Shape withXy = new Shape(in.get(0), in.get(1) + 2, in.get(2), in.get(3));
    encoder.initialize(manager, dataType, withXy);
    Shape[] f = encoder.getOutputShapes(new Shape[] {withXy});
    Shape[] skips = new Shape[6];
    skips[0] = withXy;
    System.arraycopy(f, 0, skips, 1, 5);
    decoder.initialize(manager, dataType, skips);
  }
}
