package org.semcycle.networks;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * ResNet-18-like image encoder with a configurable base width (the reference uses 64; 16 on
 * CPU). Stem: 3x3 conv stride 2 (/2), 3x3 max pool stride 2 (/4), then four stages of two
 * residual units with widths (1, 2, 4, 8) x base and strides (1, 2, 2, 2), down to /32.
 *
 * <p>Input: one (N, C, S, S) array, S a multiple of 32. Output: the five feature maps that the
 * U-Net decoders use as skips, [stem /2, stage1 /4, stage2 /8, stage3 /16, stage4 /32].
 */
public final class ImageEncoder extends InitOnceBlock {
  private final Block stem;
  private final Block pool;
  private final Block[] stages = new Block[4];
  private final int base;

  /** An encoder for inChannels-channel images with the given base width. */
  public ImageEncoder(int inChannels, int base) {
    super((byte) 1);
    this.base = base;
    stem = addChildBlock("stem", Layers.conv2dUnit(base, 3, 2));
    pool =
        addChildBlock(
            "pool", Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
    int in = base;
    int[] widths = {base, 2 * base, 4 * base, 8 * base};
    for (int i = 0; i < 4; i++) {
      int stride = i == 0 ? 1 : 2;
      stages[i] =
          addChildBlock(
              "stage" + (i + 1),
              new InitOnceSequence()
                  .add(new ResidualUnit(in, widths[i], stride))
                  .add(new ResidualUnit(widths[i], widths[i], 1)));
      in = widths[i];
    }
  }

  /** Channels of the five outputs. */
  public int[] featureChannels() {
    return new int[] {base, base, 2 * base, 4 * base, 8 * base};
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList s = stem.forward(ps, inputs, training);
    NDList out = new NDList(s.head());
    NDList x = pool.forward(ps, s, training);
    for (Block stage : stages) {
      x = stage.forward(ps, x, training);
      out.add(x.head());
    }
    return out;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape[] out = new Shape[5];
    Shape[] s = stem.getOutputShapes(inputShapes);
    out[0] = s[0];
    s = pool.getOutputShapes(s);
    for (int i = 0; i < 4; i++) {
      s = stages[i].getOutputShapes(s);
      out[i + 1] = s[0];
    }
    return out;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    if (in.get(2) % 32 != 0 || in.get(3) % 32 != 0) {
      throw new IllegalArgumentException("image size must be a multiple of 32, got " + in);
    }
    stem.initialize(manager, dataType, inputShapes);
    Shape[] s = stem.getOutputShapes(inputShapes);
    pool.initialize(manager, dataType, s);
    s = pool.getOutputShapes(s);
    for (Block stage : stages) {
      stage.initialize(manager, dataType, s);
      s = stage.getOutputShapes(s);
    }
  }
}
