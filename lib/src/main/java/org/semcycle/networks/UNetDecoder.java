package org.semcycle.networks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * U-Net style decoder over {@link ImageEncoder} features: five levels of (nearest x2 upsample,
 * concatenate the skip of that resolution, conv-BN-ReLU), the last skip being the network input
 * itself, then a 3x3 output convolution (with bias, no activation).
 *
 * <p>Input: [image, stem /2, stage1 /4, stage2 /8, stage3 /16, stage4 /32]. Output: one
 * (N, outChannels, S, S) map.
 */
public final class UNetDecoder extends InitOnceBlock {
  private final SequentialBlock[] levels = new SequentialBlock[5];
  private final Block head;
  private final int outChannels;

  /** A decoder producing outChannels maps; widths (4, 2, 1, 1, 1) x base from coarse to fine. */
  public UNetDecoder(int base, int outChannels) {
    super((byte) 1);
    this.outChannels = outChannels;
    int[] widths = {4 * base, 2 * base, base, base, base};
    for (int i = 0; i < 5; i++) {
      levels[i] = addChildBlock("up" + (i + 1), Layers.conv2dUnit(widths[i], 3, 1));
    }
    head = addChildBlock("out", Layers.conv2d(outChannels, 3, 1, true));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(5);
    for (int i = 0; i < 5; i++) {
      NDArray skip = inputs.get(4 - i);
      x = level(i, ps, new NDList(Layers.upsample2d(x), skip), training).head();
    }
    return head.forward(ps, new NDList(x), training);
  }

  /** Level i's conv unit on the concatenation of parts (its convolution takes them apart). */
  private NDList level(int i, ParameterStore ps, NDList parts, boolean training) {
    BlockList unit = levels[i].getChildren();
    NDList x = ((AlignedConvolution) unit.get(0).getValue()).forwardParts(ps, parts, training);
    for (int k = 1; k < unit.size(); k++) {
      x = unit.get(k).getValue().forward(ps, x, training);
    }
    return x;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {new Shape(in.get(0), outChannels, in.get(2), in.get(3))};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape x = inputShapes[5];
    for (int i = 0; i < 5; i++) {
      Shape skip = inputShapes[4 - i];
      Shape cat = new Shape(x.get(0), x.get(1) + skip.get(1), skip.get(2), skip.get(3));
      levels[i].initialize(manager, dataType, cat);
      x = levels[i].getOutputShapes(new Shape[] {cat})[0];
    }
    head.initialize(manager, dataType, x);
  }
}
