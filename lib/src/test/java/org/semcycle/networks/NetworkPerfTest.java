package org.semcycle.networks;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.semcycle.training.Adam;
import org.semcycle.training.ArraySamples;
import org.semcycle.training.Batch;
import org.semcycle.training.SampleSource;
import org.semcycle.training.TrainLoop;
import org.semcycle.training.TrainingTask;

/**
 * Training throughput of each net at the CPU defaults, and a diagnostic counting NaN gradients
 * over identical steps (0 since AlignedConvolution; ConvolutionCorrectnessTest checks values). Run with
 * {@code mvn -B -o -pl lib test -Dtest=NetworkPerfTest -Dtest.excludedGroups=none}
 * (and say which allocator: glibc unless LD_PRELOAD names jemalloc).
 */
@Tag("perf")
class NetworkPerfTest {
  private static final int BATCH = 8;

  private static void measure(TrainingTask task, ArraySamples samples, DataType type) {
    SampleSource data = samples.withDataType(type);
    DjlRuntime.engine();
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(1);
      task.block().initialize(m, type, task.inputShapes(BATCH));
      Adam adam = new Adam(m, 1e-3f, 0.9f, 0.999f);
      int[] idx = TinyData.all(BATCH);
      for (int i = 0; i < 2; i++) {
        TrainLoop.step(task, adam, m, data, idx);
      }
      int steps = 5;
      long t0 = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        TrainLoop.step(task, adam, m, data, idx);
      }
      double s = (System.nanoTime() - t0) / 1e9;
      System.err.printf(Locale.ROOT,
          "PERF %s %s: %.1f samples/s (batch %d, %.0f ms/step, skipped %d, allocator %s)%n",
          task.name(), type, steps * BATCH / s, BATCH, 1000 * s / steps, adam.skipped(),
          System.getenv().getOrDefault("LD_PRELOAD", "glibc default"));
    }
  }

  @Test
  void trainingThroughputAtCpuDefaults() {
    for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
      measure(new SketchTask(new SketchNet(SketchNet.Options.cpuDefaults())),
          TinyData.sketch(BATCH, 64), type);
      measure(new VoxelTask(new VoxelNet(VoxelNet.Options.cpuDefaults())),
          TinyData.voxels(BATCH, 64, 32), type);
      measure(new CriticTask(new VoxelCritic(VoxelCritic.Options.cpuDefaults()), 10f, 1),
          TinyData.critic(BATCH, 32), type);
      measure(new ViewTask(new ViewNet(ViewNet.Options.cpuDefaults())),
          TinyData.views(BATCH, 3, 64), type);
    }
  }

  /**
   * Repeats the same forward/backward of a tiny sketch net without updating anything and counts
   * the parameters whose gradient holds NaN: any non-zero count means the backward read garbage.
   */
  @Test
  void convolutionBackwardNanDiagnostic() {
    DjlRuntime.engine();
    SketchNet net = new SketchNet(new SketchNet.Options(32, 4, 1f));
    SampleSource data = TinyData.sketch(2, 32);
    StringBuilder sb = new StringBuilder("NaN-gradient parameters per identical step:");
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(7);
      net.initialize(m, DataType.FLOAT32, net.inputShape(2));
      for (int s = 0; s < 20; s++) {
        try (NDManager sub = m.newSubManager()) {
          Batch b = data.batch(sub, TinyData.all(2));
          ParameterStore ps = new ParameterStore(sub, false);
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(SketchNet.loss(net.forward(ps, b.inputs(), true), b.labels(), 1f));
          }
          int bad = 0;
          for (Pair<String, Parameter> p : net.getParameters()) {
            if (!p.getValue().requiresGradient()) {
              continue;
            }
            NDArray a = p.getValue().getArray();
            bad += a.getGradient().isNaN().any().getBoolean() ? 1 : 0;
            JniUtils.zeroGrad((PtNDArray) a);
          }
          sb.append(' ').append(bad);
        }
      }
    }
    System.err.println(sb);
  }
}
