package org.semcycle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.semcycle.networks.VoxelNet;
import org.semcycle.training.TrainLoop;

/** The voxel net's options and the learning-rate schedule as the shipped profiles set them. */
class TrainProfileTest {
  private static Config profile(String name) {
    return SemcycleConfig.load(null, List.of(), Map.of()).getConfig("semcycle.train.profiles." + name);
  }

  @Test
  void standardWeightsOccupiedVoxelsQuickKeepsPlainBce() {
    assertEquals(3f, TrainCommand.positiveWeight(profile("standard")));
    assertEquals(3f, TrainCommand.positiveWeight(profile("full")));
    assertEquals(1f, TrainCommand.positiveWeight(profile("quick")));
    assertEquals(1f, TrainCommand.positiveWeight(ConfigFactory.empty()));
  }

  @Test
  void standardDecaysTheLearningRateQuickKeepsItConstant() {
    TrainLoop.Options standard = TrainCommand.loopOptions(profile("standard"), null, 16, 0.9f, 0.999f, 1L, 0,
        DataType.FLOAT32);
    assertEquals(20, standard.epochs());
    assertEquals(1e-3f, standard.learningRate(1), 1e-9f);
    assertEquals(1e-3 * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * 19 / 20))), standard.learningRate(20), 1e-9);
    TrainLoop.Options quick = TrainCommand.loopOptions(profile("quick"), 7, 8, 0.9f, 0.999f, 1L, 0, DataType.FLOAT32);
    assertEquals(7, quick.epochs());
    assertEquals(quick.learningRate(1), quick.learningRate(7));
  }

  @Test
  void voxelNetOptionsFollowTheProfile() {
    assertEquals(new VoxelNet.Options(64, 4, 16, 200, 32, 32, false, 1, true), TrainCommand.voxelNetOptions(profile("standard")));
    assertEquals(new VoxelNet.Options(64, 4, 8, 128, 32, 4, false, 1, false), TrainCommand.voxelNetOptions(profile("quick")));
    Config wide = ConfigFactory.parseString(
        "voxel-decoder-base = 32, voxel-shuffle-head = true, voxel-encoder-base = 24, voxel-encoder-depth = 2,"
            + " voxel-planar-decoder = false")
        .withFallback(profile("standard"));
    assertEquals(new VoxelNet.Options(64, 4, 24, 200, 32, 32, true, 2, false), TrainCommand.voxelNetOptions(wide));
    assertEquals(1f, TrainCommand.iouWeight(profile("standard")));
    assertEquals(0f, TrainCommand.iouWeight(profile("quick")));
    assertEquals(true, TrainCommand.mirror(profile("standard")));
    assertEquals(12, TrainCommand.netEpochs(profile("standard"), "voxel"));
    assertEquals(null, TrainCommand.netEpochs(profile("standard"), "sketch"));
    assertEquals(null, TrainCommand.netEpochs(profile("quick"), "voxel"));
    assertEquals(false, TrainCommand.mirror(profile("quick")));
    assertEquals(0.5f, TrainCommand.iouWeight(ConfigFactory.parseString("voxel-iou-weight = 0.5")));
  }
}
