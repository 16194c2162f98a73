package org.semcycle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.semcycle.baseline.DescriptorLoss;
import org.semcycle.networks.VoxelLoss;
import org.semcycle.networks.VoxelNet;
import org.semcycle.training.TrainLoop;
import org.semcycle.training.TrainProfile;

/** The typed profile as the shipped conf sets it: voxel options, schedules, sections, types. */
class TrainProfileTest {
  private static TrainProfile profile(String name, String... overrides) {
    List<String> o = new ArrayList<>(List.of("semcycle.train.profile=" + name));
    o.addAll(Arrays.asList(overrides));
    return TrainProfile.from(SemcycleConfig.load(null, o, Map.of()));
  }

  @Test
  void standardWeightsOccupiedVoxelsQuickKeepsPlainBce() {
    assertEquals(3f, profile("standard").voxel().loss().positiveWeight());
    assertEquals(3f, profile("full").voxel().loss().positiveWeight());
    assertEquals(1f, profile("quick").voxel().loss().positiveWeight(), "absent: plain BCE");
  }

  @Test
  void standardDecaysTheLearningRateQuickKeepsItConstant() {
    TrainProfile s = profile("standard");
    TrainLoop.Options standard = s.schedule().loopOptions(s.epochs("sketch"), TrainProfile.Betas.ADAM, 1L, 0,
        DataType.FLOAT32);
    assertEquals(20, standard.epochs());
    assertEquals(1e-3f, standard.learningRate(1), 1e-9f);
    assertEquals(1e-3 * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * 19 / 20))), standard.learningRate(20), 1e-9);
    TrainLoop.Options quick = profile("quick").schedule().loopOptions(7, TrainProfile.Betas.ADAM, 1L, 0, DataType.FLOAT32);
    assertEquals(7, quick.epochs());
    assertEquals(quick.learningRate(1), quick.learningRate(7));
  }

  @Test
  void voxelNetOptionsFollowTheProfile() {
    assertEquals(new VoxelNet.Options(64, 4, 16, 200, 32, 32, false, 1, true), profile("standard").voxelNetOptions());
    assertEquals(new VoxelNet.Options(64, 4, 8, 128, 32, 4, false, 1, false), profile("quick").voxelNetOptions());
    TrainProfile wide = profile("standard", "semcycle.train.profiles.standard.voxel-shuffle-head=true",
        "semcycle.train.profiles.standard.voxel-encoder-base=24", "semcycle.train.profiles.standard.voxel-encoder-depth=2",
        "semcycle.train.profiles.standard.voxel-planar-decoder=false");
    assertEquals(new VoxelNet.Options(64, 4, 24, 200, 32, 32, true, 2, false), wide.voxelNetOptions());
    assertEquals(1f, profile("standard").voxel().loss().iouWeight());
    assertEquals(0f, profile("quick").voxel().loss().iouWeight());
    assertEquals(0.5f, profile("quick", "semcycle.train.profiles.quick.voxel-iou-weight=0.5").voxel().loss().iouWeight());
    assertEquals(true, profile("standard").voxel().mirror());
    assertEquals(false, profile("quick").voxel().mirror());
  }

  @Test
  void fineTuningKeepsTheVoxelLossAndAddsTheNaturalnessTerm() {
    assertEquals(new VoxelLoss.Options(3f, 1f, 0f), profile("standard").voxel().loss());
    assertEquals(new VoxelLoss.Options(3f, 1f, 1e-3f), profile("standard").finetuneLoss());
    assertEquals(new VoxelLoss.Options(1f, 0f, 1e-3f), profile("quick").finetuneLoss());
  }

  @Test
  void aNetsOwnEpochsOverrideTheProfilesForThatNetOnly() {
    TrainProfile s = profile("standard");
    assertEquals(12, s.epochs("voxel"));
    assertEquals(20, s.epochs("sketch"));
    assertEquals(20, s.epochs("view-sketch"));
    assertEquals(4, profile("quick").epochs("voxel"));
    TrainProfile t = profile("standard", "semcycle.train.profiles.standard.view-sketch-epochs=5");
    assertEquals(5, t.epochs("view-sketch"));
    assertEquals(20, t.epochs("view"));
  }

  @Test
  void sectionsTakeTheirOwnSettingsAndFallBackWhereTheConfSaysSo() {
    TrainProfile q = profile("quick", "semcycle.train.profiles.quick.learning-rate=2e-3",
        "semcycle.train.profiles.quick.learning-rate-floor=0.1");
    TrainProfile.Embed e = q.requireEmbed();
    assertEquals(new TrainProfile.Schedule(25, 4, 2e-3f, 1f), e.schedule(),
        "embed: the profile's rate when it names none, never the profile's floor");
    assertEquals(Integer.MAX_VALUE, e.maxModels());
    TrainProfile.Dense2d d = q.requireDense2d();
    assertEquals(new TrainProfile.Schedule(8, 8, 1e-3f, 1f), d.schedule(), "dense2d: its own rate");
    assertEquals(4000, d.maxTrainSamples(), "the profile's max-train-samples when the section names none");
    assertEquals(new DescriptorLoss(1f, 3f), d.loss());
    TrainProfile s = profile("standard", "semcycle.train.profiles.standard.dense2d.max-train-samples=300",
        "semcycle.train.profiles.standard.embed.max-models=7");
    assertEquals(300, s.requireDense2d().maxTrainSamples());
    assertEquals(7, s.requireEmbed().maxModels());
  }

  @Test
  void trainWideSettingsAndParameterTypes() {
    TrainProfile q = profile("quick", "semcycle.train.dtype-per-net.view-sketch=float64");
    assertEquals(new TrainProfile.Betas(0.5f, 0.9f), q.viewBetas());
    assertEquals(new TrainProfile.Critic(10f, 1e-3f), q.critic());
    assertEquals(true, q.augment());
    assertEquals(DataType.FLOAT64, q.dataTypes().of("view-sketch"));
    assertEquals(DataType.FLOAT64, q.dataTypes().of("VIEW-SKETCH"));
    assertEquals(DataType.FLOAT32, q.dataTypes().of("view"));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> profile("quick", "semcycle.train.dtype-per-net.view=float33"));
    assertEquals("semcycle.train.dtype-per-net.view: unknown parameter type 'float33' (float32 or float64)",
        bad.getMessage());
  }

  @Test
  void anUnknownNetIsRefusedBeforeAnythingIsRead() {
    // No Spark session and no views: a recipe that read anything would fail otherwise.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainCommand.run(null, SemcycleConfig.load(null, List.of(), Map.of()), "voxels", "/nonexistent", null,
            Path.of("/nonexistent/out"), 1));
    assertEquals("--net must be one of sketch, voxel, view, view-sketch, embed, critic, voxel-finetune, dense2d,"
        + " got 'voxels'", e.getMessage());
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.err;
    int rc;
    try {
      System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
      rc = Main.run("train", "--net", "voxels", "--views", "/nonexistent", "--out", "/nonexistent/out");
    } finally {
      System.setErr(saved);
    }
    assertEquals(1, rc);
    assertEquals("semcycle train: " + e.getMessage(), err.toString(java.nio.charset.StandardCharsets.UTF_8).strip(),
        "one line, before a Spark session or any data");
  }
}
