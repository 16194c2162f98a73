package org.semcycle.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The WGAN-GP penalty's second-order gradients against central finite differences, in float64 on
 * a tiny critic (8^3, one conv level).
 */
class GradientPenaltyTest {
  private static double critic(VoxelCritic c, ParameterStore ps, NDArray x) {
    boolean grad = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      return c.forward(ps, new NDList(x), false).head().sum().getDouble();
    } finally {
      JniUtils.setGradMode(grad);
    }
  }

  private static double penalty(VoxelCritic c, ParameterStore ps, NDArray x) {
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      return GradientPenalty.penalty(c, ps, x).getDouble();
    }
  }

  @Test
  void inputGradientAndPenaltyGradientMatchFiniteDifferences() {
    DjlRuntime.engine();
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(11);
      VoxelCritic c = new VoxelCritic(new VoxelCritic.Options(8, 2));
      c.initialize(m, DataType.FLOAT64, new Shape(2, 8, 8, 8));
      ParameterStore ps = new ParameterStore(m, false);
      SplittableRandom r = new SplittableRandom(5);
      double[] xs = new double[2 * 512];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = r.nextDouble();
      }
      NDArray x = m.create(xs, new Shape(2, 8, 8, 8));

      // 1. grad_x sum D(x) by autograd vs central differences on 40 random coordinates.
      double[] g;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        g = GradientPenalty.inputGradient(c, ps, x).toDoubleArray();
      }
      double h = 1e-5;
      double sq = 0;
      for (double v : g) {
        sq += v * v;
      }
      assertTrue(sq > 1e-8, "gradient vanishes");
      for (int t = 0; t < 40; t++) {
        int i = r.nextInt(xs.length);
        double[] plus = xs.clone();
        double[] minus = xs.clone();
        plus[i] += h;
        minus[i] -= h;
        double fd =
            (critic(c, ps, m.create(plus, x.getShape())) - critic(c, ps, m.create(minus, x.getShape())))
                / (2 * h);
        assertEquals(fd, g[i], 1e-6 + 1e-4 * Math.abs(fd), "d D / d x[" + i + "]");
      }

      // 2. d penalty / d theta for two parameters: the first conv weight and bias entries.
      for (String name : new String[] {"weight", "bias"}) {
        Parameter p =
            c.getParameters().stream()
                .filter(e -> e.getKey().contains("Conv3d") && e.getKey().endsWith(name))
                .findFirst().orElseThrow().getValue();
        NDArray w = p.getArray();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray gp = GradientPenalty.penalty(c, ps, x);
          gc.backward(gp);
        }
        double auto = w.getGradient().toDoubleArray()[0];
        GradientPenalty.zeroGradients(c);
        NDIndex first = new NDIndex(new long[w.getShape().dimension()]);
        double base = w.get(first).getDouble();
        double eps = 1e-5;
        setFirst(w, first, base + eps);
        double up = penalty(c, ps, x);
        setFirst(w, first, base - eps);
        double down = penalty(c, ps, x);
        setFirst(w, first, base);
        GradientPenalty.zeroGradients(c);
        double fd = (up - down) / (2 * eps);
        assertTrue(Math.abs(fd) > 1e-9 || Math.abs(auto) < 1e-9, name + ": trivial check");
        assertEquals(fd, auto, 1e-7 + 1e-4 * Math.abs(fd), "d GP / d " + name + "[0]");
      }
    }
  }

  private static void setFirst(NDArray w, NDIndex index, double value) {
    boolean grad = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      w.set(index, value);
    } finally {
      JniUtils.setGradMode(grad);
    }
  }
}
