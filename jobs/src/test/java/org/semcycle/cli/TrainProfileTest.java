package org.semcycle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The voxel net's positive-class weight as the shipped profiles set it. */
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
}
