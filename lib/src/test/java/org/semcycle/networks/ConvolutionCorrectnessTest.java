package org.semcycle.networks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * float32 convolutions compute what float64 ones do (AlignedConvolution's header: libtorch
 * 2.5.1's oneDNN is wrong on unaligned channel counts). Two checks that need no reference
 * implementation: for a loss linear in the convolution, L(x, W) = sum(conv_W(x) * c) with a fixed
 * c, both x . dL/dx and W . dL/dW equal L (Euler's identity for a bilinear map: a wrong forward
 * breaks both, a wrong input or weight gradient one of them); and whole nets' float32 parameter
 * gradients against the same nets in float64 (which libtorch does not run through oneDNN).
 */
class ConvolutionCorrectnessTest {
  /** Shapes on which the unaligned float32 convolution was measured wrong (see rawConvolutionsOnThisMachine, tag perf). */
  private static final Object[][] FAILING_SHAPES = {
    {"2d 16->1 64^2", 16, 1, new Shape(16, 16, 64, 64)},
    {"2d 16->3 64^2", 16, 3, new Shape(16, 16, 64, 64)},
    {"2d 19->16 64^2", 19, 16, new Shape(16, 19, 64, 64)},
    {"2d 8->8 64^2", 8, 8, new Shape(16, 8, 64, 64)},
    {"3d 16->1 32^3", 16, 1, new Shape(4, 16, 32, 32, 32)},
    {"3d 24->16 32^3", 24, 16, new Shape(4, 24, 32, 32, 32)},
    {"3d 8->8 32^3", 8, 8, new Shape(4, 8, 32, 32, 32)},
  };

  /**
   * Small inputs that {@link Layers#conv2d} runs unpadded (AlignedConvolution.SMALL_INPUT): the
   * stems of the image nets (RGB, 2.5D sketches of the voxel net and of the view-sketch ablation).
   */
  private static final Object[][] SMALL_INPUTS = {
    {"2d 3->16 s2 64^2", 16, 2, new Shape(16, 3, 64, 64)},
    {"2d 4->16 s2 64^2", 16, 2, new Shape(16, 4, 64, 64)},
    {"2d 5->16 s2 64^2", 16, 2, new Shape(16, 5, 64, 64)},
    {"2d 3->16 128^2", 16, 1, new Shape(4, 3, 128, 128)},
  };

  @Test
  void alignedConvolutionsSatisfyTheBilinearIdentity() {
    DjlRuntime.engine();
    List<String> failures = new ArrayList<>();
    for (Object[] c : FAILING_SHAPES) {
      int out = (Integer) c[2];
      Shape in = (Shape) c[3];
      Supplier<Block> conv =
          in.dimension() == 4 ? () -> Layers.conv2d(out, 3, 1, false)
              : () -> Layers.conv3d(out, 3, 1, 1, false);
      double worst = bilinearError(conv, in, 4);
      if (!(worst < 1e-5)) {
        failures.add(String.format(Locale.ROOT, "%s: relative error %.3g", c[0], worst));
      }
    }
    for (Object[] c : SMALL_INPUTS) {
      int out = (Integer) c[1];
      int stride = (Integer) c[2];
      double worst = bilinearError(() -> Layers.conv2d(out, 3, stride, false), (Shape) c[3], 4);
      if (!(worst < 1e-5)) {
        failures.add(String.format(Locale.ROOT, "%s (unpadded input): relative error %.3g", c[0], worst));
      }
    }
    double pointwise = bilinearError(() -> Layers.pointwiseConv1d(24), new Shape(8, 40, 512), 4);
    if (!(pointwise < 1e-5)) {
      failures.add("1d 40->24: relative error " + pointwise);
    }
    assertTrue(failures.isEmpty(), String.join("; ", failures));
  }

  @Test
  void float32NetGradientsMatchFloat64() {
    DjlRuntime.engine();
    double sketch =
        worstGradientDifference(
            () -> new SketchNet(new SketchNet.Options(64, 16, 1f)), new Shape(4, 3, 64, 64), 2);
    double voxel =
        worstGradientDifference(
            () -> new VoxelNet(VoxelNet.Options.cpuDefaults()), new Shape(4, 4, 64, 64), 2);
    double view =
        worstGradientDifference(
            () -> new ViewNet(ViewNet.Options.cpuDefaults()), new Shape(4, 3, 64, 64), 2);
    // Before AlignedConvolution: 0.10-0.70 (or NaN) on every step for both nets.
    assertTrue(sketch < 2e-2, "SketchNet float32 vs float64 gradients differ by " + sketch);
    assertTrue(voxel < 2e-2, "VoxelNet float32 vs float64 gradients differ by " + voxel);
    assertTrue(view < 2e-2, "ViewNet float32 vs float64 gradients differ by " + view);
  }

  /**
   * Worst |L - x . dL/dx| and |L - W . dL/dW| over reps random inputs of a bias-free float32
   * convolution, relative to sum |y c| (L itself is a sum of cancelling terms).
   */
  static double bilinearError(Supplier<Block> factory, Shape in, int reps) {
    Block b = factory.get();
    double worst = 0;
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(7);
      b.initialize(m, DataType.FLOAT32, in);
      for (int s = 0; s < reps; s++) {
        try (NDManager sub = m.newSubManager()) {
          NDArray x = sub.randomNormal(in);
          x.setRequiresGradient(true);
          NDArray loss;
          double scale;
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = b.forward(new ParameterStore(sub, false), new NDList(x), true).head();
            NDArray terms = y.mul(fixedWeights(y));
            loss = terms.sum();
            scale = terms.abs().sum().toType(DataType.FLOAT64, false).getDouble();
            gc.backward(loss);
          }
          double l = loss.toType(DataType.FLOAT64, false).getDouble();
          double xg = x.mul(x.getGradient()).sum().toType(DataType.FLOAT64, false).getDouble();
          double wg = 0;
          for (Pair<String, Parameter> p : b.getParameters()) {
            NDArray w = p.getValue().getArray();
            wg += w.mul(w.getGradient()).sum().toType(DataType.FLOAT64, false).getDouble();
            JniUtils.zeroGrad((PtNDArray) w);
          }
          double e = Math.max(Math.abs(l - xg), Math.abs(l - wg)) / scale;
          worst = Double.isNaN(e) ? Double.NaN : Math.max(worst, e);
          if (Double.isNaN(worst)) {
            return worst;
          }
        }
      }
    }
    return worst;
  }

  /** sin(0.37 i) over the array's elements, in its type: a fixed, sign-changing weighting. */
  private static NDArray fixedWeights(NDArray like) {
    return like.getManager().arange(0f, (float) like.size(), 1f).reshape(like.getShape())
        .mul(0.37f).sin().toType(like.getDataType(), false);
  }

  /**
   * Worst relative difference of per-parameter sum |dL/dtheta| between a float32 net and a
   * float64 copy of its weights, over reps random inputs in training mode (batch statistics), for
   * the loss sum_outputs sum(y * c).
   */
  static double worstGradientDifference(Supplier<Block> factory, Shape in, int reps) {
    double worst = 0;
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(11);
      Block f32 = factory.get();
      f32.initialize(m, DataType.FLOAT32, in);
      Block f64 = factory.get();
      f64.initialize(m, DataType.FLOAT64, in);
      boolean grad = JniUtils.isGradMode();
      JniUtils.setGradMode(false);
      var p32 = f32.getParameters();
      var p64 = f64.getParameters();
      for (int i = 0; i < p32.size(); i++) {
        p64.get(i).getValue().getArray().set(new NDIndex("..."),
            p32.get(i).getValue().getArray().toType(DataType.FLOAT64, false));
      }
      JniUtils.setGradMode(grad);
      for (int s = 0; s < reps; s++) {
        NDArray x = m.randomNormal(in);
        double[] g32 = gradientSums(f32, m, x);
        double[] g64 = gradientSums(f64, m, x.toType(DataType.FLOAT64, false));
        for (int i = 0; i < g32.length; i++) {
          double e = Math.abs(g32[i] - g64[i]) / Math.max(1e-12, Math.abs(g64[i]));
          if (!(e <= worst)) {
            worst = e;
          }
        }
      }
    }
    return worst;
  }

  private static double[] gradientSums(Block b, NDManager m, NDArray x) {
    try (NDManager sub = m.newSubManager()) {
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDList out = b.forward(new ParameterStore(sub, false), new NDList(x), true);
        NDArray loss = null;
        for (NDArray y : out) {
          NDArray t = y.mul(fixedWeights(y)).sum();
          loss = loss == null ? t : loss.add(t);
        }
        gc.backward(loss);
      }
      List<Double> sums = new ArrayList<>();
      for (Pair<String, Parameter> p : b.getParameters()) {
        if (!p.getValue().requiresGradient()) {
          continue;
        }
        NDArray w = p.getValue().getArray();
        sums.add(w.getGradient().abs().sum().toType(DataType.FLOAT64, false).getDouble());
        JniUtils.zeroGrad((PtNDArray) w);
      }
      return sums.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }

  /**
   * The libtorch defect itself, with DJL's plain convolutions (not aligned): prints the
   * bilinear-identity error per shape. A value near 1e-7 means the installed libtorch no longer
   * needs {@link AlignedConvolution}.
   */
  @Test
  @Tag("perf")
  void rawConvolutionsOnThisMachine() {
    DjlRuntime.engine();
    for (Object[] c : FAILING_SHAPES) {
      int out = (Integer) c[2];
      Shape in = (Shape) c[3];
      Supplier<Block> raw =
          in.dimension() == 4
              ? () -> Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(out)
                  .optPadding(new Shape(1, 1)).optBias(false).build()
              : () -> Conv3d.builder().setKernelShape(new Shape(3, 3, 3)).setFilters(out)
                  .optPadding(new Shape(1, 1, 1)).optBias(false).build();
      System.err.printf(Locale.ROOT, "raw %s: bilinear-identity error %.3g%n", c[0],
          bilinearError(raw, in, 4));
    }
  }
}
