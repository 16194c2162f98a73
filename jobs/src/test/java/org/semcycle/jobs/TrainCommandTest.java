package org.semcycle.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
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

  @Test
  void trainsFromRenderedParquetAndResumes(@TempDir Path tmp) throws Exception {
    Config c = config();
    SyntheticWorld.write(TestSpecs.synth(c, List.of("chair"), 6), new LocalDataSink(tmp.resolve("data")), 2);
    SparkSession s = SparkTestSession.get();
    RenderCommand.run(s, c, tmp.resolve("data").toString(), null, tmp.resolve("render").toString());

    Path sketch = tmp.resolve("sketch");
    TrainLoop.Summary first = TrainCommand.run(s, c, "sketch", tmp.resolve("render").toString(), null, sketch, 1);
    assertEquals(1, first.firstEpoch());
    assertTrue(Files.exists(sketch.resolve("training-log.csv")));
    assertTrue(Files.exists(sketch.resolve("loss-curve.png")));
    TrainLoop.Summary second = TrainCommand.run(s, c, "sketch", tmp.resolve("render").toString(), null, sketch, 2);
    assertEquals(2, second.firstEpoch(), "a rerun resumes after the last checkpoint");
    assertEquals(3, Files.readAllLines(sketch.resolve("training-log.csv")).size(), "header + 2 epochs");
    double iou = second.rows().get(1).metrics()[0];
    assertTrue(Double.isFinite(iou) || Double.isNaN(iou));

    TrainLoop.Summary view = TrainCommand.run(s, c, "view", tmp.resolve("render").toString(), null, tmp.resolve("view"), 1);
    assertEquals(1, view.rows().size());
    assertTrue(Double.isFinite(view.rows().get(0).trainLoss()), "view loss is a number");

    Path emb = tmp.resolve("embed");
    TrainLoop.Summary e = TrainCommand.run(s, c, "embed", null, tmp.resolve("data").toString(), emb, 2);
    assertTrue(e.rows().get(1).trainLoss() < e.rows().get(0).trainLoss() * 1.5, "embedder trains");
    try (EmbeddingNet net = EmbeddingNet.load(emb)) {
      assertEquals(64, net.dim(), "kpdb can load what train --net embed saved");
    }
  }

  @Test
  void criticTrainsOnVoxelPredictionsAndFineTunes(@TempDir Path tmp) throws Exception {
    // The critic in float64 (voxel-finetune then reads a critic of another precision). Its float32
    // NaN of earlier runs was the unaligned-convolution fault (README, Training), now avoided.
    Config c =
        config().withValue("semcycle.train.dtype-per-net.critic", com.typesafe.config.ConfigValueFactory.fromAnyRef("float64"));
    SyntheticWorld.write(TestSpecs.synth(c, List.of("chair"), 6), new LocalDataSink(tmp.resolve("data")), 2);
    SparkSession s = SparkTestSession.get();
    String render = tmp.resolve("render").toString();
    RenderCommand.run(s, c, tmp.resolve("data").toString(), null, render);

    Path voxel = tmp.resolve("voxel");
    TrainCommand.run(s, c, "voxel", render, null, voxel, 1);
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
    for (TrainingLog.Row r : cs.rows()) {
      assertTrue(Double.isFinite(r.trainLoss()), "critic train loss is finite: " + r.trainLoss());
      assertTrue(Double.isFinite(r.valLoss()), "critic val loss is finite: " + r.valLoss());
      assertTrue(Double.isFinite(r.metrics()[0]), "Wasserstein estimate is finite");
    }
    assertTrue(Files.exists(critic.resolve("critic.options.json")));
    assertTrue(Files.readAllLines(critic.resolve("training-log.csv")).get(0).contains("wasserstein"));

    Path tuned = tmp.resolve("tuned");
    TrainLoop.Summary ts = TrainCommand.run(s, c, "voxel-finetune", render, null, tuned, 1, voxel, critic);
    assertTrue(Double.isFinite(ts.rows().get(0).trainLoss()), "fine-tuning loss is finite");
    assertTrue(Files.exists(tuned.resolve("voxel.options.json")), "the fine-tuned voxel net is saved to --out");
    assertThrows(IllegalArgumentException.class,
        () -> TrainCommand.run(s, c, "voxel-finetune", render, null, tmp.resolve("x"), 1, voxel, null));
  }
}
