package org.semcycle.networks;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Diagnostic for the float32 NaN gradients (README, Training: known issue): backward through
 * single ops and growing parts of SketchNet, 40 identical steps each, counting steps with a NaN
 * gradient. Run with glibc to see it: {@code mvn -B -o -pl lib test -Dtest=NanOpProbeTest
 * -Dtest.excludedGroups=none -Djemalloc.path=/nonexistent}. Seen on this machine: single ops
 * (conv 3x3/1x1 at stride 1/2, batch norm, max-pool) 0/150; a ResidualUnit at 4x4 1/40; the
 * encoder 1-5/40; SketchNet 7/40.
 */
@Tag("benchmark")
class NanOpProbeTest {
  static String probe(String name, Supplier<Block> f, Shape in) {
    Block b = f.get();
    StringBuilder sb = new StringBuilder(name + ":");
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(3);
      b.initialize(m, DataType.FLOAT32, in);
      NDArray x0 = m.randomUniform(0, 1, in);
      int total = 0;
      for (int s = 0; s < 40; s++) {
        try (NDManager sub = m.newSubManager()) {
          NDArray x = x0.duplicate();
          x.tempAttach(sub);
          x.setRequiresGradient(true);
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDList outs = b.forward(new ParameterStore(sub, false), new NDList(x), true);
            NDArray loss = outs.head().square().mean();
            for (int i = 1; i < outs.size(); i++) {
              loss = loss.add(outs.get(i).square().mean());
            }
            gc.backward(loss);
          }
          int bad = x.getGradient().isNaN().any().getBoolean() ? 1 : 0;
          for (Pair<String, Parameter> p : b.getParameters()) {
            if (p.getValue().requiresGradient()) {
              NDArray a = p.getValue().getArray();
              bad += a.getGradient().isNaN().any().getBoolean() ? 1 : 0;
              JniUtils.zeroGrad((PtNDArray) a);
            }
          }
          total += bad > 0 ? 1 : 0;
        }
      }
      sb.append(" steps with NaN gradients: ").append(total).append("/40");
    }
    return sb.toString();
  }

  @Test
  void probeOps() {
    DjlRuntime.engine();
    Shape img = new Shape(2, 3, 32, 32);
    Shape small = new Shape(2, 3, 4, 4);
    System.err.println(probe("conv3x3 s2 (4x4)", () -> Layers.conv2d(8, 3, 2, false), small));
    System.err.println(probe("bn (4x4)", () -> BatchNorm.builder().build(), small));
    System.err.println(probe("conv3x3 s2 + bn (4x4)", () -> Layers.conv2dUnit(8, 3, 2), small));
    System.err.println(probe("residual s2 (4x4)", () -> new ResidualUnit(3, 8, 2), small));
    System.err.println(probe("maxpool", () -> ai.djl.nn.pooling.Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)), img));
    System.err.println(probe("encoder, all skips", () -> new ImageEncoder(3, 4), img));
    System.err.println(probe("sketchnet", () -> new SketchNet(new SketchNet.Options(32, 4, 1f)), img));
  }
}
