package org.semcycle.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.semcycle.networks.AlignedConvolution;
import org.semcycle.networks.Layers;

/**
 * Dense per-point keypoint embedding network, PointNet segmentation style (stage 5 of
 * PIPELINE.md): a shared per-point MLP (1x1 convolutions) gives a local feature; a further MLP and
 * a max-pool over the points give one global feature per cloud, which is concatenated back to
 * every point's local feature; a per-point MLP maps that to the embedding. The concatenation is
 * never built: the head's first layer takes the local features and the global one apart
 * ({@link AlignedConvolution#forwardWithConstant}), the global part once per cloud.
 *
 * <p>Input: {@code (B, N, 3)} normalised points ({@link PointNormalizer}); output: {@code (B, N,
 * D)} embeddings with D = {@link EmbedderConfig#embeddingDim()}. No nonlinearity after the last
 * layer (as the reference). Unlike the reference, no input/feature transform nets (T-Nets):
 * KeypointNet models are already aligned in ShapeNet's canonical frame.
 *
 * <p>Every operation is per point except the max-pool, so permuting the points permutes the
 * embeddings (tested).
 */
public final class KeypointEmbedder extends AbstractBlock {
  private static final byte VERSION = 1;

  private final EmbedderConfig config;
  private final SequentialBlock pointMlp;
  private final SequentialBlock globalMlp;
  private final SequentialBlock head;

  public KeypointEmbedder(EmbedderConfig config) {
    super(VERSION);
    this.config = config;
    pointMlp = addChildBlock("point_mlp", mlp(config.pointWidths(), config.batchNorm(), true));
    globalMlp = addChildBlock("global_mlp", mlp(config.globalWidths(), config.batchNorm(), true));
    int[] hw = config.headWidths();
    int[] headAll = java.util.Arrays.copyOf(hw, hw.length + 1);
    headAll[hw.length] = config.embeddingDim();
    head = addChildBlock("head", mlp(headAll, config.batchNorm(), false));
  }

  /** 1x1 conv layers; batch norm + ReLU after each, except after the last when !activateLast. */
  private static SequentialBlock mlp(int[] widths, boolean batchNorm, boolean activateLast) {
    SequentialBlock b = new SequentialBlock();
    for (int i = 0; i < widths.length; i++) {
      boolean last = i == widths.length - 1;
      b.add(Layers.pointwiseConv1d(widths[i]));
      if (!last || activateLast) {
        if (batchNorm) {
          b.add(BatchNorm.builder().build());
        }
        b.add(Activation.reluBlock());
      }
    }
    return b;
  }

  public EmbedderConfig config() {
    return config;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray points = inputs.singletonOrThrow();
    NDArray x = points.transpose(0, 2, 1); // (B, 3, N)
    NDArray local = pointMlp.forward(ps, new NDList(x), training).singletonOrThrow();
    NDArray g = globalMlp.forward(ps, new NDList(local), training).singletonOrThrow();
    NDArray pooled = g.max(new int[] {2}, true); // (B, G, 1)
    // The head's first layer on cat(local, pooled at every point), the pooled part once a cloud.
    java.util.List<Block> layers = head.getChildren().values();
    NDArray out = ((AlignedConvolution) layers.get(0)).forwardWithConstant(ps, local, pooled, training)
        .singletonOrThrow();
    for (Block layer : layers.subList(1, layers.size())) {
      out = layer.forward(ps, new NDList(out), training).singletonOrThrow();
    }
    return new NDList(out.transpose(0, 2, 1));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {new Shape(s.get(0), s.get(1), config.embeddingDim())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape s = inputShapes[0];
    long b = s.get(0);
    long n = s.get(1);
    if (s.dimension() != 3 || s.get(2) != 3) {
      throw new IllegalArgumentException("KeypointEmbedder expects (B, N, 3) points, got " + s);
    }
    pointMlp.initialize(manager, dataType, new Shape(b, 3, n));
    globalMlp.initialize(manager, dataType, new Shape(b, config.localWidth(), n));
    head.initialize(
        manager, dataType, new Shape(b, config.localWidth() + config.globalWidth(), n));
  }
}
