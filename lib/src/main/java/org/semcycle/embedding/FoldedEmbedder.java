package org.semcycle.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.norm.BatchNorm;
import java.util.ArrayList;
import java.util.List;
import org.semcycle.networks.AlignedConvolution;

/**
 * A {@link KeypointEmbedder}'s inference form: every 1x1 convolution and the batch norm after it
 * folded into one convolution, {@code W' = W s}, {@code b' = (b - mu) s + beta} with {@code s =
 * gamma / sqrt(var + eps)} per output channel (the norm's running statistics, as inference uses
 * them), followed by its ReLU. The same function as the block's forward with {@code training =
 * false}, in 7 convolutions, 6 activations, a max and an add for the standard widths instead of
 * also 6 batch norms, the input transpose and padding concat and the output transpose (those two
 * done here in Java while packing and unpacking).
 *
 * <p>Channel counts stay as the block runs them: the input is packed with the zero channels the
 * first convolution's weight was built for ({@link AlignedConvolution} pads 3 point coordinates
 * to 16), so oneDNN sees the shapes it is known to compute correctly on. Built only when every
 * width is a multiple of {@link AlignedConvolution#ALIGNMENT} (every configuration this project
 * ships); {@link #of} returns null otherwise and the block's own forward is used.
 *
 * <p>The folded arrays are a snapshot of the parameters: built for a loaded (inference) net, not
 * for one being trained.
 */
final class FoldedEmbedder implements AutoCloseable {
  /** DJL's BatchNorm epsilon (its builder's default, which {@link KeypointEmbedder} keeps). */
  static final float BATCH_NORM_EPSILON = 1e-5f;

  /** A pointwise convolution's kernel, stride and dilation (1) and padding (0). */
  private static final Shape ONE = new Shape(1);
  private static final Shape ZERO = new Shape(0);

  /** One folded layer: weight (out, in, 1), bias (out), and whether a ReLU follows. */
  private record Layer(NDArray weight, NDArray bias, boolean relu) {}

  private final NDManager manager;
  private final List<Layer> pointMlp;
  private final List<Layer> globalMlp;
  /** The head's first layer split: the per-point part (no bias) and the pooled part (bias). */
  private final Layer headLocal;
  private final Layer headGlobal;
  private final List<Layer> headRest;
  private final int inputChannels;
  private final int dim;

  private FoldedEmbedder(NDManager manager, List<Layer> pointMlp, List<Layer> globalMlp,
      Layer headLocal, Layer headGlobal, List<Layer> headRest, int inputChannels, int dim) {
    this.manager = manager;
    this.pointMlp = pointMlp;
    this.globalMlp = globalMlp;
    this.headLocal = headLocal;
    this.headGlobal = headGlobal;
    this.headRest = headRest;
    this.inputChannels = inputChannels;
    this.dim = dim;
  }

  /**
   * The folded form of an initialised block's current parameters, its arrays in a sub-manager of
   * {@code parent}; null when a width is not a multiple of the alignment.
   */
  static FoldedEmbedder of(KeypointEmbedder block, NDManager parent) {
    EmbedderConfig c = block.config();
    for (int[] ws : new int[][] {c.pointWidths(), c.globalWidths(), c.headWidths(),
        {c.embeddingDim()}}) {
      for (int w : ws) {
        if (w % AlignedConvolution.ALIGNMENT != 0) {
          return null;
        }
      }
    }
    NDManager m = parent.newSubManager();
    List<Block> parts = block.getChildren().values();
    List<Layer> point = fold((SequentialBlock) parts.get(0), m);
    List<Layer> global = fold((SequentialBlock) parts.get(1), m);
    List<Layer> head = fold((SequentialBlock) parts.get(2), m);
    Layer first = head.get(0);
    long local = c.localWidth();
    Layer headLocal = new Layer(
        first.weight().get(new NDIndex(":, :{}", local)).duplicate(), null, first.relu());
    Layer headGlobal = new Layer(
        first.weight().get(new NDIndex(":, {}:", local)).duplicate(), first.bias(), false);
    headLocal.weight().attach(m);
    headGlobal.weight().attach(m);
    int in = (int) point.get(0).weight().getShape().get(1);
    return new FoldedEmbedder(m, point, global, headLocal, headGlobal,
        head.subList(1, head.size()), in, c.embeddingDim());
  }

  /** The convolutions of an MLP with the batch norm after each folded in. */
  private static List<Layer> fold(SequentialBlock mlp, NDManager m) {
    List<Layer> out = new ArrayList<>();
    List<Block> layers = mlp.getChildren().values();
    for (int i = 0; i < layers.size(); i++) {
      if (!(layers.get(i) instanceof AlignedConvolution conv)) {
        throw new IllegalStateException("expected a convolution at layer " + i + " of " + mlp);
      }
      // The wrapped Conv1d's parameters (AlignedConvolution builds it with the filter count).
      Block inner = conv.getChildren().values().get(0);
      NDArray w = inner.getParameters().get("weight").getArray();
      NDArray b = inner.getParameters().get("bias").getArray();
      boolean relu = false;
      if (i + 1 < layers.size() && layers.get(i + 1) instanceof BatchNorm bn) {
        NDArray s = param(bn, "gamma").div(param(bn, "runningVar").add(BATCH_NORM_EPSILON).sqrt());
        w = w.mul(s.reshape(-1, 1, 1));
        b = b.sub(param(bn, "runningMean")).mul(s).add(param(bn, "beta"));
        i++;
      } else {
        w = w.duplicate();
        b = b.duplicate();
      }
      if (i + 1 < layers.size() && !(layers.get(i + 1) instanceof AlignedConvolution)) {
        relu = true; // the block's activation (ReLU, KeypointEmbedder's only kind)
        i++;
      }
      w.attach(m);
      b.attach(m);
      out.add(new Layer(w, b, relu));
    }
    return out;
  }

  private static NDArray param(BatchNorm bn, String name) {
    Parameter p = bn.getParameters().get(name);
    return p.getArray();
  }

  /**
   * Embeddings of B normalised clouds of N points each, packed {@code (B, N, 3)}: {@code B * N *
   * D} floats, point-major, computed with arrays of {@code step} (closed by the caller).
   */
  float[] embed(NDManager step, float[] xyz, int batch, int points) {
    float[] packed = new float[batch * inputChannels * points];
    for (int b = 0; b < batch; b++) {
      int from = b * points * 3;
      int to = b * inputChannels * points;
      for (int p = 0; p < points; p++) {
        packed[to + p] = xyz[from + 3 * p];
        packed[to + points + p] = xyz[from + 3 * p + 1];
        packed[to + 2 * points + p] = xyz[from + 3 * p + 2];
      }
    }
    NDArray x = step.create(packed, new Shape(batch, inputChannels, points));
    NDArray local = run(pointMlp, x);
    NDArray pooled = run(globalMlp, local).max(new int[] {2}, true);
    NDArray y = apply(headLocal, local).add(apply(headGlobal, pooled));
    if (headLocal.relu()) {
      y = Activation.relu(y);
    }
    y = run(headRest, y);
    float[] channelMajor = y.toFloatArray();
    float[] out = new float[batch * points * dim];
    for (int b = 0; b < batch; b++) {
      int base = b * points * dim;
      for (int d = 0; d < dim; d++) {
        int from = base + d * points;
        for (int p = 0; p < points; p++) {
          out[base + p * dim + d] = channelMajor[from + p];
        }
      }
    }
    return out;
  }

  private static NDArray run(List<Layer> layers, NDArray x) {
    for (Layer l : layers) {
      x = apply(l, x);
      if (l.relu()) {
        x = Activation.relu(x);
      }
    }
    return x;
  }

  private static NDArray apply(Layer l, NDArray x) {
    return Conv1d.conv1d(x, l.weight(), l.bias(), ONE, ZERO, ONE, 1).head();
  }

  @Override
  public void close() {
    manager.close();
  }
}
