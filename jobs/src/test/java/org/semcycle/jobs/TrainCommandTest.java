package org.semcycle.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.cli.RenderCommand;
import org.semcycle.cli.SemcycleConfig;
import org.semcycle.cli.TestSpecs;
import org.semcycle.cli.TrainCommand;
import org.semcycle.embedding.EmbeddingNet;
import org.semcycle.io.LocalDataSink;
import org.semcycle.spark.SparkTestSession;
import org.semcycle.synthetic.SyntheticWorld;
import org.semcycle.networks.ViewNet;
import org.semcycle.training.ModelFiles;
import org.semcycle.training.TrainLoop;
import org.semcycle.training.TrainingLog;

/** train reads the render job's real Parquet (and KeypointNet files), logs, saves and resumes. */
class TrainCommandTest {

  static Config config() {
    return SemcycleConfig.load(
        null,
        List.of(
            "semcycle.train.profiles.quick.image-size=32",
            // One net in float64, to cover the per-net override.
            "semcycle.train.dtype-per-net.view=float64",
            "semcycle.train.profiles.quick.base=4",
            "semcycle.train.profiles.quick.batch-size=4",
            "semcycle.train.profiles.quick.voxel-resolution=16",
            "semcycle.train.profiles.quick.embed.points=256",
            "semcycle.train.profiles.quick.embed.background=16",
            "semcycle.synth.split.train=0.5",
            "semcycle.synth.split.val=0.25"),
        Map.of(
            "semcycle.render.views-per-model", 2,
            "semcycle.render.image-size", 32,
            "semcycle.render.supersampling", 1,
            "semcycle.render.voxel-resolution", 16,
            "semcycle.render.preview", 0,
            "semcycle.spark.partitions", 2));
  }

  /** A model folder's training log without its two timing columns. */
  static List<String> logWithoutTimings(Path modelDir) throws java.io.IOException {
    return Files.readAllLines(modelDir.resolve("training-log.csv")).stream()
        .map(l -> l.substring(0, l.lastIndexOf(',', l.lastIndexOf(',') - 1))).toList();
  }

  /** The numbers of a run's rows (epoch, losses, metrics; not the timings). */
  static List<List<Double>> numbers(TrainLoop.Summary s) {
    return s.rows().stream().map(r -> {
      List<Double> v = new java.util.ArrayList<>(List.of((double) r.epoch(), r.trainLoss(), r.valLoss()));
      for (double m : r.metrics()) {
        v.add(m);
      }
      return v;
    }).toList();
  }

  @Test
  void trainsFromRenderedParquetAndResumes(@TempDir Path tmp) throws Exception {
    // Without the RGB augmentation: its draws count the samples served by this process, so a
    // resumed run's epoch sees other pixels than an uninterrupted run's.
    Config c = config().withValue("semcycle.train.augment", ConfigValueFactory.fromAnyRef(false));
    SyntheticWorld.write(TestSpecs.synth(c, List.of("chair"), 6), new LocalDataSink(tmp.resolve("data")), 2);
    SparkSession s = SparkTestSession.get();
    String render = tmp.resolve("render").toString();
    RenderCommand.run(s, c, tmp.resolve("data").toString(), null, render);

    Path sketch = tmp.resolve("sketch");
    TrainLoop.Summary first = TrainCommand.run(s, c, "sketch", render, null, sketch, 1);
    assertEquals(1, first.firstEpoch());
    assertTrue(Files.exists(sketch.resolve("training-log.csv")));
    assertTrue(Files.exists(sketch.resolve("loss-curve.png")));
    TrainLoop.Summary second = TrainCommand.run(s, c, "sketch", render, null, sketch, 2);
    assertEquals(2, second.firstEpoch(), "a rerun resumes after the last checkpoint");
    assertEquals(3, Files.readAllLines(sketch.resolve("training-log.csv")).size(), "header + 2 epochs");
    TrainLoop.Summary straight = TrainCommand.run(s, c, "sketch", render, null, tmp.resolve("sketch-straight"), 2);
    assertEquals(numbers(straight).get(1), numbers(second).get(1), "interrupted after epoch 1 and resumed = two epochs at once");
    assertEquals(logWithoutTimings(tmp.resolve("sketch-straight")), logWithoutTimings(sketch));
    assertTrue(straight.rows().get(1).trainLoss() < straight.rows().get(0).trainLoss(),
        "the sketch net's loss falls: " + numbers(straight));

    TrainLoop.Summary view = TrainCommand.run(s, c, "view", render, null, tmp.resolve("view"), 1);
    List<String> names = List.of("view_median_deg", "view_acc_15", "view_acc_30", "view_azimuth_median_deg");
    assertEquals(names, List.of(Files.readAllLines(tmp.resolve("view").resolve("training-log.csv")).get(0)
        .split(",")).subList(3, 7));
    for (TrainingLog.Row r : view.rows()) {
      double[] m = r.metrics();
      assertTrue(m[0] >= 0 && m[0] <= 180 && m[3] >= 0 && m[3] <= 180, "angles in degrees: " + numbers(view));
      assertTrue(m[1] <= m[2], "within 15 degrees is within 30: " + numbers(view));
    }
    TrainCommand.run(s, c, "view-sketch", render, null, tmp.resolve("view-sketch"), 1);
    assertEquals(new ViewNet.Options(32, 3, 4), ModelFiles.options(tmp.resolve("view"), "view", ViewNet.Options.class),
        "view reads RGB");
    assertEquals(new ViewNet.Options(32, 5, 4),
        ModelFiles.options(tmp.resolve("view-sketch"), "view", ViewNet.Options.class), "view-sketch reads the 2.5D maps");

    Path emb = tmp.resolve("embed");
    TrainLoop.Summary e = TrainCommand.run(s, c, "embed", null, tmp.resolve("data").toString(), emb, 2);
    assertTrue(e.rows().get(1).trainLoss() < e.rows().get(0).trainLoss(), "the embedder's loss falls: " + numbers(e));
    try (EmbeddingNet net = EmbeddingNet.load(emb)) {
      assertEquals(64, net.dim(), "kpdb can load what train --net embed saved");
    }
  }

  @Test
  void criticTrainsOnVoxelPredictionsAndFineTunes(@TempDir Path tmp) throws Exception {
    // The critic in float64 (voxel-finetune then reads a critic of another precision). Its float32
    // NaN of earlier runs was the unaligned-convolution fault (README, Training), now avoided.
    Config c =
        config().withValue("semcycle.train.dtype-per-net.critic", ConfigValueFactory.fromAnyRef("float64"));
    SyntheticWorld.write(TestSpecs.synth(c, List.of("chair"), 6), new LocalDataSink(tmp.resolve("data")), 2);
    SparkSession s = SparkTestSession.get();
    String render = tmp.resolve("render").toString();
    RenderCommand.run(s, c, tmp.resolve("data").toString(), null, render);

    Path voxel = tmp.resolve("voxel");
    TrainLoop.Summary vs = TrainCommand.run(s, c, "voxel", render, null, voxel, 1);
    java.awt.image.BufferedImage examples = javax.imageio.ImageIO.read(voxel.resolve("val-examples.png").toFile());
    assertEquals(7 * (96 + 2) + 2, examples.getWidth(), "input + 3 true + 3 predicted views per row");
    com.fasterxml.jackson.databind.JsonNode diag =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(voxel.resolve("voxel-diagnostics.json").toFile());
    for (String split : new String[] {"val", "train"}) {
      double iou = diag.get(split).get("iou").asDouble();
      double shifted = diag.get(split).get("bestShiftIoU").asDouble();
      assertTrue(iou >= 0 && shifted >= iou && shifted <= 1, split + ": " + diag);
    }
    assertEquals(1.0, diag.get("train").get("nearestShapeIoU").asDouble(), 1e-12,
        "a training view's own shape is among the training shapes");
    Path critic = tmp.resolve("critic");
    TrainLoop.Summary cs = TrainCommand.run(s, c, "critic", render, null, critic, 2, voxel, null);
    assertEquals(2, cs.rows().size());
    assertTrue(cs.rows().get(1).metrics()[0] > cs.rows().get(0).metrics()[0] && cs.rows().get(1).metrics()[0] > 0,
        "the critic learns to tell true grids from predicted ones (its Wasserstein estimate grows): " + numbers(cs));
    assertEquals(-cs.rows().get(1).valLoss(), cs.rows().get(1).metrics()[0], 1e-6, "wasserstein = -val loss");
    assertTrue(Files.exists(critic.resolve("critic.options.json")));
    assertTrue(Files.readAllLines(critic.resolve("training-log.csv")).get(0).contains("wasserstein"));

    Path tuned = tmp.resolve("tuned");
    TrainLoop.Summary ts = TrainCommand.run(s, c, "voxel-finetune", render, null, tuned, 1, voxel, critic);
    assertTrue(ts.rows().get(0).trainLoss() < vs.rows().get(0).trainLoss(),
        "fine-tuning starts from the trained voxel net, not from a fresh one: " + numbers(ts) + " vs " + numbers(vs));
    assertTrue(Files.exists(tuned.resolve("voxel.options.json")), "the fine-tuned voxel net is saved to --out");
    assertEquals("--critic is required for --net voxel-finetune", assertThrows(IllegalArgumentException.class,
        () -> TrainCommand.run(s, c, "voxel-finetune", render, null, tmp.resolve("x"), 1, voxel, null)).getMessage());
  }
}
