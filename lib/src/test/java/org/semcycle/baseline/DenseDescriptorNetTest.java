package org.semcycle.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.networks.DjlRuntime;
import org.semcycle.training.Adam;
import org.semcycle.training.ArraySamples;
import org.semcycle.training.ModelFiles;
import org.semcycle.training.TrainLoop;

/**
 * The descriptor net: unit descriptors, overfits a tiny batch of view pairs, and saves/loads
 * exactly. Float64, as the other nets' tests (NetworksOverfitTest).
 */
class DenseDescriptorNetTest {
  static final int S = 32;

  /** Noise images; B is A moved by (dx, dy) = (3, -2) pixels, so (x, y) in A is (x + 3, y - 2) in B. */
  static ArraySamples shiftedPairs(int n, int k) {
    SplittableRandom r = new SplittableRandom(11);
    int p = S * S;
    float[] a = new float[n * 3 * p];
    float[] b = new float[n * 3 * p];
    float[] pairs = new float[n * k * 4];
    float[] valid = new float[n * k];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3 * p; j++) {
        a[i * 3 * p + j] = (float) r.nextDouble();
        b[i * 3 * p + j] = (float) r.nextDouble();
      }
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < S; y++) {
          for (int x = 0; x < S; x++) {
            int bx = x + 3, by = y - 2;
            if (bx < S && by >= 0) {
              b[i * 3 * p + c * p + by * S + bx] = a[i * 3 * p + c * p + y * S + x];
            }
          }
        }
      }
      for (int j = 0; j < k; j++) {
        int x = 4 + r.nextInt(S - 8), y = 4 + r.nextInt(S - 8);
        int o = (i * k + j) * 4;
        pairs[o] = x;
        pairs[o + 1] = y;
        pairs[o + 2] = x + 3;
        pairs[o + 3] = y - 2;
        valid[i * k + j] = j < k - 2 ? 1 : 0; // two padding rows
      }
    }
    return new ArraySamples(n)
        .withDataType(DataType.FLOAT64)
        .input("rgb_a", new Shape(3, S, S), a)
        .input("rgb_b", new Shape(3, S, S), b)
        .label("pairs", new Shape(k, 4), pairs)
        .label("valid", new Shape(k), valid);
  }

  @Test
  void overfitsATinyBatch() {
    DjlRuntime.trainingMode();
    Dense2dTask task = new Dense2dTask(new DenseDescriptorNet(new DenseDescriptorNet.Options(S, 4, 16)), DescriptorLoss.defaults());
    ArraySamples data = shiftedPairs(2, 32);
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(7);
      task.block().initialize(m, DataType.FLOAT64, task.inputShapes(2));
      Adam adam = new Adam(m, 1e-2f, 0.9f, 0.999f);
      int[] idx = {0, 1};
      float first = TrainLoop.step(task, adam, m, data, idx);
      float last = first;
      for (int i = 1; i < 120; i++) {
        float l = TrainLoop.step(task, adam, m, data, idx);
        if (Float.isFinite(l)) {
          last = l;
        }
      }
      System.err.printf("dense2d: loss %.4g -> %.4g, %d skipped%n", first, last, adam.skipped());
      assertTrue(last <= 0.1f * first, "loss " + first + " -> " + last);
    }
  }

  @Test
  void descriptorsAreUnitVectorsAndSaveLoadIsExact(@TempDir Path dir) throws Exception {
    DjlRuntime.inferenceMode();
    DenseDescriptorNet.Options o = new DenseDescriptorNet.Options(S, 4, 8);
    DenseDescriptorNet net = new DenseDescriptorNet(o);
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(3);
      net.initialize(m, DataType.FLOAT64, net.inputShape(2));
      NDArray x = ArraySamples.owned(m, noise(2 * 3 * S * S, 9), net.inputShape(2), DataType.FLOAT64);
      NDArray before = net.forward(new ParameterStore(m, false), new NDList(x), false).head();
      assertEquals(new Shape(2, 8, S, S), before.getShape());
      double[] norms = before.square().sum(new int[] {1}).sqrt().toDoubleArray();
      int zero = 0;
      for (double n : norms) {
        if (n == 0) {
          zero++; // every feature of a pixel switched off by the ReLUs: nothing to normalise
        } else {
          assertEquals(1, n, 1e-9);
        }
      }
      assertTrue(zero < norms.length / 100, zero + " zero descriptors");
      ModelFiles.save(net, o, dir, Baseline2dMatcher.NAME);
      assertEquals(o, ModelFiles.options(dir, Baseline2dMatcher.NAME, DenseDescriptorNet.Options.class));
      try (Model model = ModelFiles.load(dir, Baseline2dMatcher.NAME, DenseDescriptorNet.Options.class, DenseDescriptorNet::new)) {
        NDArray after = model.getBlock().forward(new ParameterStore(m, false), new NDList(x), false).head();
        assertArrayEquals(before.toDoubleArray(), after.toDoubleArray(), 0);
      }
    } finally {
      DjlRuntime.trainingMode();
    }
  }

  static float[] noise(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) r.nextDouble();
    }
    return a;
  }
}
