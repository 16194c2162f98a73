package org.semcycle.networks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Stage 3, the naturalness critic of ShapeHD: a WGAN-GP critic on voxel grids. 3D convolutions
 * (kernel 4, stride 2, padding 1) with LeakyReLU 0.2 and no batch norm (the gradient penalty is
 * per sample, batch norm would couple samples), from R down to 4^3, then a linear layer to one
 * score. Widths base x 1, 2, 4, 8, 8...
 *
 * <p>Input: (N, R, R, R) occupancy probabilities (real grids in {0, 1}, generated ones
 * sigmoid(logits)). Output: (N) scores. Training: {@link GradientPenalty}.
 */
public final class VoxelCritic extends InitOnceBlock {
  /**
   * Sizes of the critic.
   *
   * @param resolution R (power of two, at least 4)
   * @param base width of the first level
   */
  public record Options(int resolution, int base) {
    /** CPU defaults: 32^3, base 8. */
    public static Options cpuDefaults() {
      return new Options(32, 8);
    }
  }

  private final Options options;
  private final SequentialBlock body;

  /** A critic of the given sizes. */
  public VoxelCritic(Options options) {
    super((byte) 1);
    this.options = options;
    int levels = Layers.log2(options.resolution(), "resolution") - 2;
    if (levels < 0) {
      throw new IllegalArgumentException("resolution must be at least 4");
    }
    SequentialBlock b = new InitOnceSequence();
    int width = options.base();
    for (int i = 0; i < levels; i++) {
      b.add(Layers.conv3d(width, 4, 2, 1, true)).add(Activation.leakyReluBlock(0.2f));
      width = Math.min(width * 2, options.base() * 8);
    }
    b.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(1).build());
    body = addChildBlock("body", b);
  }

  /** The sizes this critic was built with. */
  public Options options() {
    return options;
  }

  /** The input shape for a batch of n grids. */
  public Shape inputShape(int n) {
    long r = options.resolution();
    return new Shape(n, r, r, r);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.head();
    Shape s = x.getShape();
    NDArray grid = x.reshape(s.get(0), 1, s.get(1), s.get(2), s.get(3));
    return new NDList(body.forward(ps, new NDList(grid), training).head().reshape(s.get(0)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0))};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape s = inputShapes[0];
    body.initialize(manager, dataType, new Shape(s.get(0), 1, s.get(1), s.get(2), s.get(3)));
  }
}
