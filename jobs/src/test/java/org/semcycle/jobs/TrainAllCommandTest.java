package org.semcycle.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import com.typesafe.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.cli.SemcycleConfig;
import org.semcycle.cli.TrainAllCommand;
import org.semcycle.cycle.CycleNets;
import org.semcycle.jobs.train.NetCheck;
import org.semcycle.cycle.nets.LoadedNet;
import org.semcycle.networks.SketchNet;
import org.semcycle.spark.SparkTestSession;

/**
 * train-all on a tiny quick profile: every net of one category and the shared ones are trained,
 * exported in float16 (about half the bytes, the same outputs within float16's precision) into
 * the per-category layout the cycle loads, with a model card; a rerun skips every step.
 */
class TrainAllCommandTest {
  static Config config() {
    return SemcycleConfig.load(null, List.of(
        "semcycle.train.profiles.quick.image-size=32",
        "semcycle.train.profiles.quick.base=4",
        "semcycle.train.profiles.quick.batch-size=4",
        "semcycle.train.profiles.quick.epochs=1",
        "semcycle.train.profiles.quick.voxel-resolution=16",
        "semcycle.train.profiles.quick.embed.epochs=1",
        "semcycle.train.profiles.quick.embed.points=256",
        "semcycle.train.profiles.quick.embed.background=16",
        "semcycle.train.profiles.quick.dense2d.epochs=1",
        "semcycle.train.profiles.quick.dense2d.image-size=32",
        "semcycle.train.profiles.quick.dense2d.min-correspondences=4",
        "semcycle.synth.split.train=0.5",
        "semcycle.synth.split.val=0.25"),
        Map.of("semcycle.train.profile", "quick",
            "semcycle.synth.categories", List.of("chair"),
            "semcycle.train-all.models-per-category", 6,
            "semcycle.train-all.views-per-model", 2,
            "semcycle.render.supersampling", 1,
            "semcycle.render.voxel-resolution", 16,
            "semcycle.spark.partitions", 2));
  }

  @Test
  void trainsExportsInHalfPrecisionAndResumes(@TempDir Path tmp) throws Exception {
    Config c = config();
    TrainAllCommand.run(SparkTestSession.get(), c, tmp, "bin/semcycle train-all --out " + tmp);
    Path models = tmp.resolve("models");
    for (String net : List.of("chair/sketch", "chair/voxel", "chair/view", "chair/view-sketch", "embed", "dense2d")) {
      assertTrue(Files.isDirectory(models.resolve(net)), net);
      assertTrue(Files.exists(models.resolve(net).resolve("training-log.csv")), net);
      try (var files = Files.list(models.resolve(net))) {
        assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("checkpoint")), net + ": no checkpoints");
      }
    }
    long full = Files.size(tmp.resolve("work/chair/sketch/sketch-0000.params"));
    long half = Files.size(models.resolve("chair/sketch/sketch-0000.params"));
    assertTrue(half < 0.6 * full, "float16 weights: " + half + " bytes of " + full);
    // The check record: every per-category net scored on a fresh synth, reproducibly.
    NetCheck.Record check = NetCheck.read(models.resolve(NetCheck.FILE));
    assertEquals(List.of("chair/sketch", "chair/voxel", "chair/view", "chair/view-sketch"),
        check.nets().stream().map(NetCheck.Scored::name).toList());
    double iou = check.nets().get(0).metrics().get("silhouette_iou");
    assertTrue(iou >= 0 && iou <= 1, "silhouette IoU " + iou);
    assertEquals(check.nets(), NetCheck.score(SparkTestSession.get(), TrainAllCommand.stepConfig(c), models,
        tmp.resolve("check/render").toString(), List.of("chair")), "the check rescored on its own views");
    String card = Files.readString(models.resolve("MODEL_CARD.md"));
    assertTrue(card.contains("bin/semcycle train-all --out") && card.contains("chair/voxel") && card.contains("embed"), card);

    // The shipped sketch net computes what the trained one does, within float16's precision.
    try (LoadedNet<SketchNet.Options> a = LoadedNet.load(tmp.resolve("work/chair/sketch"), "sketch",
            SketchNet.Options.class, SketchNet::new, Device.cpu());
        LoadedNet<SketchNet.Options> b = LoadedNet.load(models.resolve("chair/sketch"), "sketch",
            SketchNet.Options.class, SketchNet::new, Device.cpu())) {
      int s = a.options().imageSize();
      float[] x = new float[3 * s * s];
      for (int i = 0; i < x.length; i++) {
        x[i] = (i % 17) / 17f;
      }
      float[] ya = a.forward(x, new Shape(1, 3, s, s))[0];
      float[] yb = b.forward(x, new Shape(1, 3, s, s))[0];
      double worst = 0;
      double scale = 1e-6;
      for (int i = 0; i < ya.length; i++) {
        worst = Math.max(worst, Math.abs(ya[i] - yb[i]));
        scale = Math.max(scale, Math.abs(ya[i]));
      }
      assertTrue(worst <= 0.02 * scale + 1e-3, "float16 export changes outputs by " + worst + " (scale " + scale + ")");
    }
    // The cycle loads the per-category layout (the embedder from the shared folder).
    try (CycleNets nets = CycleNets.load(n -> Files.isDirectory(models.resolve("chair/" + n))
        ? models.resolve("chair/" + n) : models.resolve(n), "voxel", Device.cpu())) {
      assertEquals(32, nets.imageSize());
      assertTrue(nets.viewSketch() != null);
    }

    // A rerun skips every step.
    PrintStream err = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true));
    try {
      TrainAllCommand.run(SparkTestSession.get(), c, tmp, "rerun");
    } finally {
      System.setErr(err);
    }
    long skipped = log.toString().lines().filter(l -> l.contains("done before, skipped")).count();
    assertEquals(2 + 4 + 2 + 1 + 1, skipped, log.toString());
    assertTrue(Files.isDirectory(models.resolve("kpdb/keypoints")), "the shipped keypoint database");
  }
}
