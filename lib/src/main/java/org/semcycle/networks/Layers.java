package org.semcycle.networks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Small building blocks shared by the cycle's networks. Upsampling is written here because the
 * PyTorch engine has no transposed convolution (docs/notes/djl.md): nearest-neighbour upsampling by a
 * factor of 2, libtorch's upsample_nearest2d / 3d (output cell (2i + a, 2j + b) is input cell (i,
 * j); the gradient sums each 2x2 / 2x2x2 block), followed in the decoders by an ordinary
 * convolution. The same map written as reshape + broadcast + reshape cost 5-6 times as much
 * forward and backward (the broadcast's backward is a strided reduction): 12 ms against 2 ms
 * per step for a (16, 16, 32, 32) input on one core.
 */
public final class Layers {
  /** The engine's code for nearest-neighbour interpolation (JniUtils.interpolate's mode). */
  private static final int NEAREST = 0;

  private Layers() {}

  /**
   * A 2D convolution (stride s, "same" padding for odd k), run at aligned channel counts
   * ({@link AlignedConvolution}: libtorch's oneDNN kernels are wrong otherwise), inputs of fewer
   * than {@link AlignedConvolution#SMALL_INPUT} channels as they are.
   */
  public static Block conv2d(int filters, int kernel, int stride, boolean bias) {
    return new AlignedConvolution(filters, AlignedConvolution.InputPadding.FROM_SMALL_INPUT, f -> Conv2d.builder()
        .setKernelShape(new Shape(kernel, kernel))
        .setFilters(f)
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(kernel / 2, kernel / 2))
        .optBias(bias)
        .build());
  }

  /** A 1D convolution with kernel 1 (a per-point linear layer), aligned as {@link #conv2d}. */
  public static Block pointwiseConv1d(int filters) {
    return new AlignedConvolution(filters, f -> Conv1d.builder()
        .setKernelShape(new Shape(1))
        .setFilters(f)
        .build());
  }

  /** Conv (no bias) + batch norm + ReLU. */
  public static SequentialBlock conv2dUnit(int filters, int kernel, int stride) {
    return new InitOnceSequence()
        .add(conv2d(filters, kernel, stride, false))
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock());
  }

  /** A 3D convolution with explicit kernel, stride and padding, aligned as {@link #conv2d}. */
  public static Block conv3d(int filters, int kernel, int stride, int padding, boolean bias) {
    return new AlignedConvolution(filters, f -> Conv3d.builder()
        .setKernelShape(new Shape(kernel, kernel, kernel))
        .setFilters(f)
        .optStride(new Shape(stride, stride, stride))
        .optPadding(new Shape(padding, padding, padding))
        .optBias(bias)
        .build());
  }

  /** 3x3x3 conv (no bias) + batch norm + ReLU. */
  public static SequentialBlock conv3dUnit(int filters) {
    return new InitOnceSequence()
        .add(conv3d(filters, 3, 1, 1, false))
        .add(BatchNorm.builder().build())
        .add(Activation.reluBlock());
  }

  /** Nearest-neighbour x2 upsampling of an (N, C, H, W) array. */
  public static NDArray upsample2d(NDArray x) {
    Shape s = x.getShape();
    if (s.dimension() != 4) {
      throw new IllegalArgumentException("upsample2d needs (N, C, H, W), got " + s);
    }
    return JniUtils.interpolate((PtNDArray) x, new long[] {2 * s.get(2), 2 * s.get(3)}, NEAREST, false);
  }

  /** {@link #upsample2d} on the head of a list (for SequentialBlock lambdas). */
  public static NDList upsample2dList(NDList x) {
    return new NDList(upsample2d(x.head()));
  }

  /** Nearest-neighbour x2 upsampling of an (N, C, D, H, W) array. */
  public static NDArray upsample3d(NDArray x) {
    Shape s = x.getShape();
    if (s.dimension() != 5) {
      throw new IllegalArgumentException("upsample3d needs (N, C, D, H, W), got " + s);
    }
    return JniUtils.interpolate((PtNDArray) x, new long[] {2 * s.get(2), 2 * s.get(3), 2 * s.get(4)}, NEAREST, false);
  }

  /** {@link #upsample3d} on the head of a list (for SequentialBlock lambdas). */
  public static NDList upsample3dList(NDList x) {
    return new NDList(upsample3d(x.head()));
  }

  /** log2 of a power of two, or an exception naming what. */
  static int log2(int v, String what) {
    if (v <= 0 || Integer.bitCount(v) != 1) {
      throw new IllegalArgumentException(what + " must be a power of two, got " + v);
    }
    return Integer.numberOfTrailingZeros(v);
  }
}
