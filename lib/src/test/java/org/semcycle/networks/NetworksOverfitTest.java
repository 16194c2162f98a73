package org.semcycle.networks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.semcycle.training.Adam;
import org.semcycle.training.ArraySamples;
import org.semcycle.training.SampleSource;
import org.semcycle.training.TrainLoop;
import org.semcycle.training.TrainingTask;

/**
 * Each net must be able to overfit a tiny fixed batch: the loss falls by at least 90%.
 *
 * <p>Run in float64, which libtorch does not route through oneDNN, so these tests check the
 * networks, losses and optimiser on their own; float32 against float64 is
 * ConvolutionCorrectnessTest's job (AlignedConvolution).
 */
class NetworksOverfitTest {
  private static float[] fit(TrainingTask task, SampleSource data, int steps, float lr) {
    return fit(task, ((ArraySamples) data).withDataType(DataType.FLOAT64), steps, lr,
        DataType.FLOAT64);
  }

  private static float[] fit(TrainingTask task, SampleSource data, int steps, float lr,
      DataType type) {
    DjlRuntime.engine();
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(7);
      task.block().initialize(m, type, task.inputShapes(data.size()));
      Adam adam = new Adam(m, lr, 0.9f, 0.999f);
      int[] idx = TinyData.all(data.size());
      float first = TrainLoop.step(task, adam, m, data, idx);
      float last = first;
      float best = first;
      for (int i = 1; i < steps; i++) {
        float loss = TrainLoop.step(task, adam, m, data, idx);
        if (Float.isFinite(loss)) {
          last = loss; // a step whose gradients were garbage is skipped by Adam (see Adam#step)
          best = Math.min(best, loss);
        }
      }
      System.err.printf("%s: loss %.4g -> %.4g, %d of %d updates skipped%n", task.name(), first,
          last, adam.skipped(), steps);
      assertTrue(adam.skipped() < steps * 9 / 10, "too many skipped updates: " + adam.skipped());
      return new float[] {first, last, best};
    }
  }

  private static void assertFalls90(String what, float[] r) {
    assertTrue(r[1] <= 0.1f * r[0], what + ": loss " + r[0] + " -> " + r[1] + " (best " + r[2] + ")");
  }

  @Test
  void sketchNetOverfits() {
    SketchNet net = new SketchNet(new SketchNet.Options(32, 4, 1f));
    assertFalls90("sketch", fit(new SketchTask(net), TinyData.sketch(2, 32), 120, 1e-2f));
  }

  @Test
  void voxelNetOverfits() {
    VoxelNet net = new VoxelNet(new VoxelNet.Options(8, 4, 4, 16, 8, 4));
    assertFalls90("voxel", fit(new VoxelTask(net), TinyData.voxels(2, 8, 8), 120, 1e-2f));
  }

  @Test
  void voxelNetWithShuffleHeadOverfits() {
    VoxelNet net = new VoxelNet(new VoxelNet.Options(8, 4, 4, 16, 16, 4, true, 2, false));
    assertFalls90("voxel (shuffle head)", fit(new VoxelTask(net), TinyData.voxels(2, 8, 16), 120, 1e-2f));
  }

  @Test
  void voxelNetWithPlanarDecoderOverfits() {
    VoxelNet net = new VoxelNet(new VoxelNet.Options(8, 4, 4, 16, 16, 8, false, 1, true));
    assertFalls90("voxel (planar decoder)", fit(new VoxelTask(net), TinyData.voxels(2, 8, 16), 120, 1e-2f));
  }

  @Test
  void viewNetOverfits() {
    ViewNet net = new ViewNet(new ViewNet.Options(32, 3, 4));
    assertFalls90("view", fit(new ViewTask(net), TinyData.views(4, 3, 32), 120, 1e-2f));
  }

  @Test
  void viewNetAblationTakesSketchChannels() {
    ViewNet net = new ViewNet(new ViewNet.Options(32, 5, 4));
    assertFalls90("view (2.5D input)", fit(new ViewTask(net), TinyData.views(4, 5, 32), 120, 1e-2f));
  }

  @Test
  void criticSeparatesRealFromFake() {
    VoxelCritic critic = new VoxelCritic(new VoxelCritic.Options(8, 4));
    float[] r = fit(new CriticTask(critic, GradientPenalty.LAMBDA, 3), TinyData.critic(2, 8), 120,
        1e-3f);
    // The WGAN-GP loss is unbounded below: it must fall by at least 90% of its initial
    // magnitude, i.e. the critic scores the real grids clearly above the fake ones.
    assertTrue(r[1] < r[0] - 0.9f * Math.abs(r[0]) && r[1] < -1f, r[0] + " -> " + r[1]);
  }
}
