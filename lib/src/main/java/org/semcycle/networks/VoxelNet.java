package org.semcycle.networks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Stage 2, the voxel net (MarrNet-2 style): depth + normals (4 channels, background zeroed by the
 * caller) -> logits of a canonical-frame occupancy grid of R^3 cells.
 *
 * <p>Encoder: stride-2 conv-BN-ReLU units from S down to 4 x 4 (widths base x 1, 2, 4, 8, 8...),
 * each followed by encoderDepth - 1 stride-1 units of the same width,
 * flatten, linear to the latent code (200-d in the reference). Decoder: linear + ReLU to
 * (c0, 4, 4, 4), then per doubling a nearest x2 upsample followed by a 3x3x3 conv-BN-ReLU
 * (the reference's stride-2 transposed convs do not exist in the PyTorch engine, docs/notes/djl.md),
 * then a 3x3x3 conv to one channel. c0 = decoderBase x 2^levels, halving at each level. With
 * {@link Options#shuffleHead} the last doubling is a voxel shuffle of an 8-channel head instead.
 *
 * <p>With {@link Options#planarDecoder} the decoder is two-dimensional instead: linear + ReLU to
 * (c0, 4, 4), per doubling a nearest x2 upsample and a 3x3 conv-BN-ReLU over the (y, z) plane, then
 * a 3x3 conv to R channels, one per x slice of the grid. The x axis (left-right, across the
 * chair's symmetry plane) is then predicted by a learned map at each (y, z) cell instead of by
 * convolution: a fraction of the 3D decoder's work (a 32^3 grid's last 3D level alone convolves
 * 32 times as many cells as the planar decoder's last level).
 *
 * <p>Output: (N, R, R, R) logits with axes (x, y, z) as docs/CONVENTIONS.md (row-major flat index
 * (i R + j) R + k matches the packed occupancy).
 */
public final class VoxelNet extends InitOnceBlock {
  /**
   * Sizes of the voxel net.
   *
   * @param imageSize S of the 2.5D input (power of two, at least 8)
   * @param inChannels 4 (depth + normals)
   * @param base encoder base width
   * @param latent code size (200 in the reference)
   * @param resolution R (power of two, at least 4): 32 on CPU, 64/128 by configuration
   * @param decoderBase width of the finest decoder level
   * @param shuffleHead the last doubling is a voxel shuffle: the (R/2)^3 level's head predicts
   *     the 2 x 2 x 2 children of each cell as 8 channels, rearranged into R^3 ({@link
   *     #voxelShuffle}), instead of an upsample, a conv unit and a head at R^3 (the costliest
   *     level: two thirds of the net's work at 32^3). The reference's last stride-2 transposed
   *     convolution in a form the PyTorch engine has; false in models saved before it existed.
   * @param encoderDepth conv units per encoder level: the stride-2 one, then depth - 1 at
   *     stride 1 (0 in models saved before it existed: read as 1)
   * @param planarDecoder the decoder works on the (y, z) plane with the R x slices as the last
   *     conv's channels (class comment); false in models saved before it existed
   */
  public record Options(
      int imageSize, int inChannels, int base, int latent, int resolution, int decoderBase,
      boolean shuffleHead, int encoderDepth, boolean planarDecoder) {
    /** One conv unit per encoder level, without the shuffle head (upsample + conv unit at every level). */
    public Options(int imageSize, int inChannels, int base, int latent, int resolution, int decoderBase) {
      this(imageSize, inChannels, base, latent, resolution, decoderBase, false, 1, false);
    }

    /** Conv units per encoder level, at least 1 (0, a model saved before the field: 1). */
    public int convsPerLevel() {
      return Math.max(1, encoderDepth);
    }

    /** CPU defaults: 64^2 input, base 16, 200-d code, 32^3 output, decoder base 8. */
    public static Options cpuDefaults() {
      return new Options(64, 4, 16, 200, 32, 8);
    }
  }

  private final Options options;
  private final SequentialBlock encoder;
  private final Block toLatent;
  private final Block fromLatent;
  private final SequentialBlock decoder;
  private final Block head;
  private final int c0;
  private final int upLevels;

  /** A voxel net of the given sizes. */
  public VoxelNet(Options options) {
    super((byte) 1);
    this.options = options;
    int downLevels = Layers.log2(options.imageSize(), "imageSize") - 2;
    upLevels = Layers.log2(options.resolution(), "resolution") - 2;
    if (downLevels < 1 || upLevels < 0) {
      throw new IllegalArgumentException("imageSize >= 8 and resolution >= 4 required");
    }
    if (options.shuffleHead() && upLevels < 1) {
      throw new IllegalArgumentException("a shuffle head needs resolution >= 8");
    }
    if (options.shuffleHead() && options.planarDecoder()) {
      throw new IllegalArgumentException("the shuffle head is a 3D decoder's: not with a planar decoder");
    }
    SequentialBlock enc = new InitOnceSequence();
    int width = options.base();
    for (int i = 0; i < downLevels; i++) {
      enc.add(Layers.conv2dUnit(width, 3, 2));
      for (int k = 1; k < options.convsPerLevel(); k++) {
        enc.add(Layers.conv2dUnit(width, 3, 1));
      }
      width = Math.min(width * 2, options.base() * 8);
    }
    enc.add(Blocks.batchFlattenBlock());
    encoder = addChildBlock("encoder", enc);
    toLatent = addChildBlock("latent", Linear.builder().setUnits(options.latent()).build());
    c0 = options.decoderBase() << upLevels;
    fromLatent =
        addChildBlock(
            "fromLatent",
            new InitOnceSequence()
                .add(Linear.builder().setUnits(firstGrid(1).size()).build())
                .add(Activation.reluBlock()));
    SequentialBlock dec = new InitOnceSequence();
    int c = c0;
    int convLevels = options.shuffleHead() ? upLevels - 1 : upLevels;
    for (int i = 0; i < convLevels; i++) {
      c /= 2;
      if (options.planarDecoder()) {
        dec.add(Layers::upsample2dList).add(Layers.conv2dUnit(c, 3, 1));
      } else {
        dec.add(Layers::upsample3dList).add(Layers.conv3dUnit(c));
      }
    }
    decoder = addChildBlock("decoder", dec);
    head =
        addChildBlock(
            "out",
            options.planarDecoder()
                ? Layers.conv2d(options.resolution(), 3, 1, true)
                : Layers.conv3d(options.shuffleHead() ? 8 : 1, 3, 1, 1, true));
  }

  /** The decoder's first grid: (c0, 4, 4, 4), or (c0, 4, 4) for the planar decoder. */
  private Shape firstGrid(long n) {
    return options.planarDecoder() ? new Shape(n, c0, 4, 4) : new Shape(n, c0, 4, 4, 4);
  }

  /** The sizes this net was built with. */
  public Options options() {
    return options;
  }

  /** The input shape for a batch of n 2.5D sketches. */
  public Shape inputShape(int n) {
    return new Shape(n, options.inChannels(), options.imageSize(), options.imageSize());
  }

  /** The latent code of a batch of sketches (N, latent). */
  public NDArray encode(ParameterStore ps, NDArray sketches, boolean training) {
    NDList f = encoder.forward(ps, new NDList(sketches), training);
    return toLatent.forward(ps, f, training).head();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray code = encode(ps, inputs.head(), training);
    NDArray x = fromLatent.forward(ps, new NDList(code), training).head();
    x = x.reshape(firstGrid(x.getShape().get(0)));
    NDList y = decoder.forward(ps, new NDList(x), training);
    NDArray logits = head.forward(ps, y, training).head();
    if (options.planarDecoder()) {
      return new NDList(logits); // (N, R x slices, R, R) is already (N, x, y, z)
    }
    return new NDList(options.shuffleHead() ? voxelShuffle(logits) : logits.squeeze(1));
  }

  /**
   * (N, 8, h, h, h) -> (N, 2h, 2h, 2h): channel (a 2 + b) 2 + c of cell (X, Y, Z) becomes voxel
   * (2X + a, 2Y + b, 2Z + c), the 3D form of a pixel shuffle.
   */
  public static NDArray voxelShuffle(NDArray x) {
    Shape s = x.getShape();
    if (s.dimension() != 5 || s.get(1) != 8) {
      throw new IllegalArgumentException("voxel shuffle needs (N, 8, h, h, h), got " + s);
    }
    long n = s.get(0);
    long h = s.get(2);
    return x.reshape(n, 2, 2, 2, h, s.get(3), s.get(4))
        .transpose(0, 4, 1, 5, 2, 6, 3)
        .reshape(n, 2 * h, 2 * s.get(3), 2 * s.get(4));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long r = options.resolution();
    return new Shape[] {new Shape(inputShapes[0].get(0), r, r, r)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    encoder.initialize(manager, dataType, inputShapes);
    Shape[] s = encoder.getOutputShapes(inputShapes);
    toLatent.initialize(manager, dataType, s);
    s = toLatent.getOutputShapes(s);
    fromLatent.initialize(manager, dataType, s);
    long n = inputShapes[0].get(0);
    Shape grid = firstGrid(n);
    decoder.initialize(manager, dataType, grid);
    head.initialize(manager, dataType, decoder.getOutputShapes(new Shape[] {grid}));
  }
}
