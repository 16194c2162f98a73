package org.semcycle.networks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.IntFunction;

/**
 * A convolution (1D, 2D or 3D) whose channel counts, as libtorch's oneDNN kernels see them, are
 * multiples of {@link #ALIGNMENT}: the input is padded with zero channels up to the next multiple
 * and the convolution is built with the filter count rounded up, its extra output channels cut
 * off. The function computed is exactly that of the plain convolution with the live weights (the
 * zero channels meet weights that never matter, the extra filters feed nothing), and autograd
 * gives the padded weights zero gradient.
 *
 * <p>Why: libtorch 2.5.1's oneDNN 3.5.3 (the CPU build DJL 0.33 ships) computes wrong float32
 * results when a convolution's channel count is not a multiple of the kernel's channel block (16
 * with AVX-512, 8 with AVX2): the backward pass's input gradient when the output channels are
 * padded (16 -> 1, 16 -> 3, 8 -> 8, 16 -> 2 at 64^2 or 32^3), and even the forward pass when the
 * input channels are (19 -> 16, 24 -> 16). Errors are 5-200% or NaN, they depend on what the
 * allocator hands back (uninitialised padding), and float64 (which does not go through oneDNN) is
 * exact. ConvolutionCorrectnessTest checks the identity loss = x . dL/dx = W . dL/dW of a linear
 * loss on the shapes that fail, and SketchNet's / VoxelNet's float32 gradients against float64.
 * This was the "float32 sketch net goes NaN" of earlier notes, and it silently corrupted every
 * net's float32 gradients (voxel decoder at 8 channels and its 1-channel head, U-Net heads, the
 * 19-channel last decoder level). Padding channel-wise costs at most a few extra channels per
 * layer; convolutions whose counts are already aligned are left alone.
 *
 * <p>Inputs of fewer than {@link #SMALL_INPUT} channels (an image's 3 to 5) need no padding in
 * 2D: oneDNN runs them through its first-layer kernels, whose forward, input and weight
 * gradients match float64 for 1 to 15 input channels (libtorch 2.5.1 and 2.7.1, AVX-512;
 * ConvolutionCorrectnessTest checks the nets' shapes on the machine it runs on). Padding the
 * stem's 3 RGB channels to 16 cost a fifth of the view net's time. {@link InputPadding} says which
 * rule a convolution follows; 3D and 1D ones keep padding every unaligned count (not measured
 * there: the critic's double backward, the embedder's points).
 *
 * <p>{@link #forwardParts} convolves a channel concatenation without building it: the U-Net's
 * last level sees 16 upsampled channels and the 3 image channels, 19 in all, which would run
 * padded to 32; as two convolutions (16 aligned, 3 small) with their slices of the weight it runs
 * on 19, and the image part needs no input gradient.
 *
 * <p>{@link #forwardWithConstant} convolves, with a pointwise 1D convolution, a concatenation
 * whose second part is the same at every position (the embedder's per-point features beside the
 * cloud's pooled feature): {@code conv(cat(a, spread(g)), W) = conv(a, W_a) + spread(W_g g + b)},
 * so the constant part is multiplied once per sample instead of at each of the N positions.
 *
 * <p>The input is padded up to the weight's own input channels, so parameters saved under either
 * rule load and compute what they computed when saved (a model whose stem was trained on 16
 * padded channels keeps running at 16).
 */
public final class AlignedConvolution extends InitOnceBlock {
  /** Channel multiple every convolution is run at (oneDNN's AVX-512 block; also a multiple of 8). */
  public static final int ALIGNMENT = 16;

  /** Input channel counts below this are not padded under {@link InputPadding#FROM_SMALL_INPUT}. */
  public static final int SMALL_INPUT = 8;

  /** Which input channel counts a convolution pads up to a multiple of {@link #ALIGNMENT}. */
  public enum InputPadding {
    /** Every count that is not a multiple. */
    EVERY_UNALIGNED,
    /** Unaligned counts of {@link #SMALL_INPUT} and more; smaller inputs run as they are. */
    FROM_SMALL_INPUT;

    /** The channels a convolution is built for when its input has the given count. */
    long run(long channels) {
      return this == FROM_SMALL_INPUT && channels < SMALL_INPUT ? channels : roundUp(channels);
    }
  }

  private final int filters;
  private final int alignedFilters;
  private final InputPadding inputPadding;
  private final Block conv;
  private final Parameter weight;

  /**
   * A convolution producing filters channels, padding every unaligned input.
   *
   * @param filters output channels as the network sees them
   * @param convolution builds the underlying convolution for a (rounded up) number of filters
   */
  public AlignedConvolution(int filters, IntFunction<Block> convolution) {
    this(filters, InputPadding.EVERY_UNALIGNED, convolution);
  }

  /**
   * A convolution producing filters channels.
   *
   * @param filters output channels as the network sees them
   * @param inputPadding which input channel counts are padded
   * @param convolution builds the underlying convolution for a (rounded up) number of filters
   */
  public AlignedConvolution(int filters, InputPadding inputPadding, IntFunction<Block> convolution) {
    super((byte) 1);
    if (filters <= 0) {
      throw new IllegalArgumentException("filters must be positive, got " + filters);
    }
    this.filters = filters;
    this.alignedFilters = (int) roundUp(filters);
    this.inputPadding = inputPadding;
    Block c = convolution.apply(alignedFilters);
    // Named after the wrapped block (Conv2d, Conv3d...), so parameter names still say what it is.
    this.conv = addChildBlock(c.getClass().getSimpleName(), c);
    this.weight = c.getParameters().get("weight");
    if (weight == null) {
      throw new IllegalArgumentException(c.getClass().getSimpleName() + " has no parameter named weight");
    }
  }

  /** n rounded up to a multiple of {@link #ALIGNMENT}. */
  public static long roundUp(long n) {
    return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  }

  private Shape padded(Shape in) {
    long[] dims = in.getShape().clone();
    dims[1] = inputPadding.run(dims[1]);
    return new Shape(dims);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.head();
    Shape s = x.getShape();
    // Up to the weight's input channels: what this rule builds, or what a loaded model was saved with.
    long missing = weight.getArray().getShape().get(1) - s.get(1);
    if (missing > 0) {
      long[] dims = s.getShape().clone();
      dims[1] = missing;
      NDArray zeros = x.getManager().zeros(new Shape(dims), x.getDataType());
      x = NDArrays.concat(new NDList(x, zeros), 1);
    }
    NDArray y = conv.forward(ps, new NDList(x), training).head();
    if (alignedFilters != filters) {
      y = y.get(new NDIndex(":, :{}", filters));
    }
    return new NDList(y);
  }

  /**
   * This convolution of the channel-wise concatenation of parts (each (N, C_k, ...), in order).
   * When the concatenation's count would be padded but every part's would not, the result is the
   * sum of each part's 2D convolution with its slice of the weight ({@code conv(cat(a, b), W) =
   * conv(a, W_a) + conv(b, W_b)}, the bias added once), which is the same function; otherwise the
   * parts are concatenated and run as {@link #forward}.
   */
  public NDList forwardParts(ParameterStore ps, NDList parts, boolean training) {
    long total = 0;
    boolean partsRunAsTheyAre = true;
    for (NDArray p : parts) {
      long c = p.getShape().get(1);
      total += c;
      partsRunAsTheyAre &= inputPadding.run(c) == c;
    }
    if (parts.size() == 1 || inputPadding.run(total) == total || !partsRunAsTheyAre
        || !(conv instanceof Conv2d c2) || c2.getGroups() != 1) {
      NDArray cat = parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 1);
      return forward(ps, new NDList(cat), training);
    }
    NDArray first = parts.head();
    NDManager step = first.getManager();
    NDArray w = ps.getValue(weight, first.getDevice(), training);
    Parameter biasParameter = conv.getParameters().get("bias");
    NDArray bias = c2.isIncludeBias() ? ps.getValue(biasParameter, first.getDevice(), training) : null;
    NDArray y = null;
    long from = 0;
    for (NDArray p : parts) {
      long c = p.getShape().get(1);
      // A view of the parameter, kept with the step's arrays (not the model's manager).
      NDArray slice = w.get(new NDIndex(":, {}:{}", from, from + c));
      slice.attach(step);
      NDArray part = Conv2d.conv2d(p, slice, y == null ? bias : null, c2.getStride(), c2.getPadding(),
          c2.getDilation(), 1).head();
      y = y == null ? part : y.add(part);
      from += c;
    }
    if (alignedFilters != filters) {
      y = y.get(new NDIndex(":, :{}", filters));
    }
    return new NDList(y);
  }

  /**
   * This convolution, pointwise 1D (kernel 1, stride 1, no padding), of {@code cat(varying,
   * constant repeated along the positions)}: {@code varying} (B, C_v, N), {@code constant} (B,
   * C_c, 1). The same function as {@link #forward} on the concatenation; the constant's part of
   * the weight meets one position per sample instead of N. Falls back to the concatenation when
   * the parts do not split the weight's input channels as they are (padded inputs).
   */
  public NDList forwardWithConstant(ParameterStore ps, NDArray varying, NDArray constant, boolean training) {
    long n = varying.getShape().get(2);
    long cv = varying.getShape().get(1);
    long cc = constant.getShape().get(1);
    if (!(conv instanceof Conv1d c1) || c1.getKernelShape().get(0) != 1 || c1.getStride().get(0) != 1
        || c1.getPadding().get(0) != 0 || c1.getGroups() != 1 || constant.getShape().get(2) != 1) {
      throw new IllegalArgumentException("forwardWithConstant needs a pointwise Conv1d and a (B, C, 1) constant");
    }
    if (weight.getArray().getShape().get(1) != cv + cc) {
      return forward(ps, new NDList(NDArrays.concat(new NDList(varying, constant.repeat(2, n)), 1)), training);
    }
    NDManager step = varying.getManager();
    NDArray w = ps.getValue(weight, varying.getDevice(), training);
    NDArray bias = c1.isIncludeBias()
        ? ps.getValue(conv.getParameters().get("bias"), varying.getDevice(), training) : null;
    // Views of the parameter, kept with the step's arrays (not the model's manager).
    NDArray wv = w.get(new NDIndex(":, :{}", cv));
    NDArray wc = w.get(new NDIndex(":, {}:", cv));
    wv.attach(step);
    wc.attach(step);
    NDArray perPoint = Conv1d.conv1d(varying, wv, null, c1.getStride(), c1.getPadding(), c1.getDilation(), 1).head();
    NDArray perSample = Conv1d.conv1d(constant, wc, bias, c1.getStride(), c1.getPadding(), c1.getDilation(), 1).head();
    NDArray y = perPoint.add(perSample);
    if (alignedFilters != filters) {
      y = y.get(new NDIndex(":, :{}", filters));
    }
    return new NDList(y);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape out = conv.getOutputShapes(new Shape[] {padded(inputShapes[0])})[0];
    long[] dims = out.getShape().clone();
    dims[1] = filters;
    return new Shape[] {new Shape(dims)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    conv.initialize(manager, dataType, padded(inputShapes[0]));
  }

  /** Output channels as the network sees them. */
  public int filters() {
    return filters;
  }

  @Override
  public String toString() {
    return "AlignedConvolution(-> " + filters + ", run with " + alignedFilters + " filters)";
  }
}
