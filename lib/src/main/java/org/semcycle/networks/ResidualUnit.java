package org.semcycle.networks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** ResNet basic block: two 3x3 convs with batch norm, identity or 1x1-projection shortcut. */
public final class ResidualUnit extends InitOnceBlock {
  private final Block body;
  private final Block shortcut;

  /** A unit mapping inChannels to filters channels, downsampling by stride. */
  public ResidualUnit(int inChannels, int filters, int stride) {
    super((byte) 1);
    body =
        addChildBlock(
            "body",
            new InitOnceSequence()
                .add(Layers.conv2d(filters, 3, stride, false))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Layers.conv2d(filters, 3, 1, false))
                .add(BatchNorm.builder().build()));
    shortcut =
        stride != 1 || inChannels != filters
            ? addChildBlock(
                "shortcut",
                new InitOnceSequence()
                    .add(Layers.conv2d(filters, 1, stride, false))
                    .add(BatchNorm.builder().build()))
            : null;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.head();
    NDArray y = body.forward(ps, inputs, training).head();
    NDArray s = shortcut == null ? x : shortcut.forward(ps, inputs, training).head();
    return new NDList(Activation.relu(y.add(s)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return body.getOutputShapes(inputShapes);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    body.initialize(manager, dataType, inputShapes);
    if (shortcut != null) {
      shortcut.initialize(manager, dataType, inputShapes);
    }
  }
}
