package org.semcycle.networks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Which channels {@link AlignedConvolution} pads, that parameters saved by a convolution that
 * padded its small input load into one that does not and compute what they computed, and that its
 * split forms (by parts, with a constant part) compute the plain convolution's function and gradients.
 */
class AlignedConvolutionTest {
  private static final Shape RGB = new Shape(2, 3, 16, 16);

  private static AlignedConvolution conv(AlignedConvolution.InputPadding padding) {
    return new AlignedConvolution(16, padding, f -> Conv2d.builder().setKernelShape(new Shape(3, 3))
        .setFilters(f).optPadding(new Shape(1, 1)).optBias(false).build());
  }

  private static Shape weightShape(Block b) {
    return b.getParameters().get(0).getValue().getArray().getShape();
  }

  private static NDArray forward(Block b, NDManager m, NDArray x) {
    return b.forward(new ParameterStore(m, false), new NDList(x), false).head();
  }

  @Test
  void smallInputsOf2dConvolutionsRunAsTheyAre() {
    DjlRuntime.engine();
    try (NDManager m = NDManager.newBaseManager()) {
      Block stem = Layers.conv2d(16, 3, 2, false);
      stem.initialize(m, DataType.FLOAT32, RGB);
      assertEquals(new Shape(16, 3, 3, 3), weightShape(stem));
      Block padded = conv(AlignedConvolution.InputPadding.EVERY_UNALIGNED);
      padded.initialize(m, DataType.FLOAT32, RGB);
      assertEquals(new Shape(16, 16, 3, 3), weightShape(padded));
      Block level = Layers.conv2d(16, 3, 1, false);
      level.initialize(m, DataType.FLOAT32, new Shape(2, 19, 16, 16));
      assertEquals(new Shape(16, 32, 3, 3), weightShape(level), "19 channels are padded to 32");
      Block head = Layers.conv2d(1, 3, 1, true);
      head.initialize(m, DataType.FLOAT32, new Shape(2, 16, 16, 16));
      assertEquals(new Shape(16, 16, 3, 3), weightShape(head), "filters are padded whatever the input");
    }
  }

  @Test
  void unpaddedAndPaddedInputsComputeTheSameFunction() {
    DjlRuntime.inferenceMode();
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(5);
      Block plain = conv(AlignedConvolution.InputPadding.FROM_SMALL_INPUT);
      plain.initialize(m, DataType.FLOAT64, RGB);
      Block padded = conv(AlignedConvolution.InputPadding.EVERY_UNALIGNED);
      padded.initialize(m, DataType.FLOAT64, RGB);
      NDArray w = padded.getParameters().get(0).getValue().getArray();
      w.set(new NDIndex(":, :3"), plain.getParameters().get(0).getValue().getArray());
      NDArray x = m.randomUniform(0, 1, RGB, DataType.FLOAT64);
      assertArrayEquals(forward(padded, m, x).toDoubleArray(), forward(plain, m, x).toDoubleArray(), 1e-12);
    } finally {
      DjlRuntime.trainingMode();
    }
  }

  @Test
  void aConcatenationConvolvedByPartsIsTheConcatenationConvolved() {
    DjlRuntime.trainingMode();
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(7);
      Block conv = Layers.conv2d(3, 3, 1, true); // 19 -> 3 (run 32 -> 16): input and filters padded
      Shape upShape = new Shape(2, 16, 8, 8);
      Shape imageShape = new Shape(2, 3, 8, 8);
      conv.initialize(m, DataType.FLOAT64, new Shape(2, 19, 8, 8));
      assertEquals(new Shape(16, 32, 3, 3), weightShape(conv));
      NDArray up = m.randomUniform(-1, 1, upShape, DataType.FLOAT64);
      NDArray image = m.randomUniform(0, 1, imageShape, DataType.FLOAT64);
      NDArray c = m.randomUniform(-1, 1, new Shape(2, 3, 8, 8), DataType.FLOAT64);
      // The image is a constant part (no gradient wanted), as in the U-Net.
      double[][] byParts = gradients(m, conv, new NDArray[] {up}, c,
          (ps, x) -> ((AlignedConvolution) conv).forwardParts(ps, new NDList(x[0], image), true).head());
      double[][] whole = gradients(m, conv, new NDArray[] {up}, c,
          (ps, x) -> conv.forward(ps, new NDList(ai.djl.ndarray.NDArrays.concat(new NDList(x[0], image), 1)), true).head());
      for (int k = 0; k < whole.length; k++) {
        assertArrayEquals(whole[k], byParts[k], 1e-12, "output, then the gradients of up, weight, bias: " + k);
      }
    }
  }

  @Test
  void aPartConstantAlongThePointsIsConvolvedOnceAndComputesTheSameFunction() {
    DjlRuntime.trainingMode();
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(8);
      Block conv = Layers.pointwiseConv1d(24); // 16 + 32 -> 24 (run with 32 filters)
      conv.initialize(m, DataType.FLOAT64, new Shape(2, 48, 10));
      NDArray local = m.randomUniform(-1, 1, new Shape(2, 16, 10), DataType.FLOAT64);
      NDArray pooled = m.randomUniform(-1, 1, new Shape(2, 32, 1), DataType.FLOAT64);
      NDArray c = m.randomUniform(-1, 1, new Shape(2, 24, 10), DataType.FLOAT64);
      NDArray[] in = {local, pooled};
      double[][] split = gradients(m, conv, in, c,
          (ps, x) -> ((AlignedConvolution) conv).forwardWithConstant(ps, x[0], x[1], true).head());
      double[][] whole = gradients(m, conv, in, c, (ps, x) -> conv.forward(ps, new NDList(
          ai.djl.ndarray.NDArrays.concat(new NDList(x[0], x[1].repeat(2, x[0].getShape().get(2))), 1)), true).head());
      assertEquals(2 * 24 * 10, split[0].length);
      for (int k = 0; k < whole.length; k++) {
        assertArrayEquals(whole[k], split[k], 1e-12, "output, then the gradients of local, pooled, weight, bias: " + k);
      }
    }
  }

  /** A forward pass of the convolution on the (gradient-tracking) inputs. */
  private interface Forward {
    NDArray apply(ParameterStore ps, NDArray[] inputs);
  }

  /**
   * The output, the gradients of the inputs (copies of {@code inputs0}) and of each parameter of
   * {@code conv} under the loss sum(y * c).
   */
  private static double[][] gradients(NDManager m, Block conv, NDArray[] inputs0, NDArray c, Forward forward) {
    try (NDManager sub = m.newSubManager()) {
      NDArray[] inputs = new NDArray[inputs0.length];
      for (int i = 0; i < inputs.length; i++) {
        inputs[i] = inputs0[i].duplicate();
        inputs[i].attach(sub);
        inputs[i].setRequiresGradient(true);
      }
      NDArray y;
      ParameterStore ps = new ParameterStore(sub, false);
      try (ai.djl.training.GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        y = forward.apply(ps, inputs);
        gc.backward(y.mul(c).sum());
      }
      java.util.List<double[]> out = new java.util.ArrayList<>();
      out.add(y.toDoubleArray());
      for (NDArray x : inputs) {
        out.add(x.getGradient().toDoubleArray());
      }
      for (var p : conv.getParameters()) {
        NDArray w = p.getValue().getArray();
        out.add(w.getGradient().toDoubleArray());
        JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) w);
      }
      return out.toArray(new double[0][]);
    }
  }

  @Test
  void parametersSavedWithPaddedInputsLoadAndRunPadded() throws Exception {
    DjlRuntime.engine();
    boolean grad = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(6);
      Block saved = conv(AlignedConvolution.InputPadding.EVERY_UNALIGNED);
      saved.initialize(m, DataType.FLOAT32, RGB);
      NDArray x = m.randomUniform(0, 1, RGB);
      float[] before = forward(saved, m, x).toFloatArray();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      saved.saveParameters(new DataOutputStream(bytes));

      Block loaded = Layers.conv2d(16, 3, 1, false);
      loaded.initialize(m, DataType.FLOAT32, RGB);
      loaded.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
      assertEquals(new Shape(16, 16, 3, 3), weightShape(loaded));
      assertArrayEquals(before, forward(loaded, m, x).toFloatArray(), 0f);
    } finally {
      JniUtils.setGradMode(grad);
    }
  }
}
