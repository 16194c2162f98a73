package org.semcycle.networks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Nearest x2 upsampling copies cell (i, j[, k]) to the 2 x 2 (x 2) block at (2i, 2j[, 2k]), and
 * its gradient sums each block: checked element by element against index arithmetic.
 */
class UpsampleTest {
  /** Values and gradient of up(x) under the loss sum(up(x) * c) for a fixed, distinct c. */
  private static double[][] run(UnaryOperator<NDArray> up, Shape in) {
    DjlRuntime.trainingMode();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.arange(0f, (float) in.size(), 1f).reshape(in).toType(DataType.FLOAT64, false);
      x.setRequiresGradient(true);
      NDArray y;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        y = up.apply(x);
        NDArray c = m.arange(0f, (float) y.size(), 1f).reshape(y.getShape()).toType(DataType.FLOAT64, false);
        gc.backward(y.mul(c).sum());
      }
      return new double[][] {y.toDoubleArray(), x.getGradient().toDoubleArray(),
        {y.getShape().get(2), y.getShape().get(3)}};
    }
  }

  @Test
  void upsample2dRepeatsEachPixelAndSumsItsGradient() {
    int n = 2;
    int c = 3;
    int h = 4;
    int w = 5;
    double[][] r = run(Layers::upsample2d, new Shape(n, c, h, w));
    assertEquals(2 * h, (int) r[2][0]);
    assertEquals(2 * w, (int) r[2][1]);
    double[] want = new double[n * c * 4 * h * w];
    double[] grad = new double[n * c * h * w];
    for (int p = 0; p < n * c; p++) {
      for (int i = 0; i < 2 * h; i++) {
        for (int j = 0; j < 2 * w; j++) {
          int out = (p * 2 * h + i) * 2 * w + j;
          int src = (p * h + i / 2) * w + j / 2;
          want[out] = src;
          grad[src] += out; // d/dx of sum(y * c) with c = the output's flat index
        }
      }
    }
    assertArrayEquals(want, r[0], 0);
    assertArrayEquals(grad, r[1], 0);
  }

  @Test
  void upsample3dRepeatsEachCellAndSumsItsGradient() {
    int d = 3;
    double[][] r = run(Layers::upsample3d, new Shape(1, 2, d, d, d));
    double[] want = new double[2 * 8 * d * d * d];
    double[] grad = new double[2 * d * d * d];
    int e = 2 * d;
    for (int ch = 0; ch < 2; ch++) {
      for (int i = 0; i < e; i++) {
        for (int j = 0; j < e; j++) {
          for (int k = 0; k < e; k++) {
            int out = ((ch * e + i) * e + j) * e + k;
            int src = ((ch * d + i / 2) * d + j / 2) * d + k / 2;
            want[out] = src;
            grad[src] += out;
          }
        }
      }
    }
    assertArrayEquals(want, r[0], 0);
    assertArrayEquals(grad, r[1], 0);
  }
}
