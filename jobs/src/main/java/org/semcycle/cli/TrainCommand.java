package org.semcycle.cli;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.semcycle.jobs.train.Recipes;
import org.semcycle.jobs.train.TrainRun;
import org.semcycle.networks.DjlRuntime;
import org.semcycle.spark.Sessions;
import org.semcycle.training.TrainLoop;
import org.semcycle.training.TrainProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code semcycle train}: trains one network of the cycle from the render job's Parquet (or,
 * for the keypoint embedder, from KeypointNet-format data), with a per-epoch CSV log, a loss
 * curve, checkpoints and resume (TrainLoop). The model folder is local: DJL saves there. The
 * command parses its flags and the profile ({@link TrainProfile}) and hands the run to the net's
 * recipe ({@link Recipes}, org.semcycle.jobs.train).
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train a network: sketch (RGB -> 2.5D), voxel (2.5D -> voxels), view (RGB -> viewpoint),",
      "view-sketch (true 2.5D maps -> viewpoint, the 'w/o v.p. from RGB' ablation), embed (keypoints),",
      "critic (WGAN-GP naturalness critic on a trained voxel net's outputs, --voxel-net),",
      "voxel-finetune (the voxel net again with the frozen critic's naturalness loss, --voxel-net, --critic),",
      "dense2d (the direct 2D-2D baseline's descriptor net, on pairs of views of one model: render views-per-model >= 2).",
      "Writes OUT/training-log.csv, OUT/loss-curve.png, checkpoints and the model; rerun to resume."
    })
public final class TrainCommand implements Callable<Integer> {
  @Option(names = "--net", required = true,
      description = "sketch | voxel | view | view-sketch | embed | critic | voxel-finetune | dense2d")
  String net;

  @Option(names = "--views", description = "Render job output (with views/ and voxels/); for every net but embed.")
  String views;

  @Option(names = "--keypoints", description = "KeypointNet root or synth output folder; for --net embed.")
  String keypoints;

  @Option(names = "--voxel-net", description = "A trained voxel net's model folder; for --net critic and voxel-finetune.")
  Path voxelNet;

  @Option(names = "--critic", description = "A trained critic's model folder; for --net voxel-finetune.")
  Path critic;

  @Option(names = "--out", required = true, description = "Model folder (local path).")
  Path out;

  @Option(names = "--profile", description = "quick | standard | full (semcycle.train.profile).")
  String profile;

  @Option(names = "--epochs", description = "Override the profile's epochs.")
  Integer epochs;

  @Option(names = "--categories", split = ",", description = "Train on these categories only (semcycle.train.categories).")
  List<String> categories;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    Recipes.canonical(net);
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("semcycle.train.profile", profile);
    o.put("semcycle.train.categories", categories);
    Config c = common.load(o);
    SparkSession spark = Sessions.create(c, "train-" + net);
    try {
      run(spark, c, net, views, keypoints, out, epochs, voxelNet, critic);
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** Trains a net that needs no other trained net and returns the run's summary (the demo calls this). */
  public static TrainLoop.Summary run(
      SparkSession spark, Config c, String net, String views, String keypoints, Path out, Integer epochs)
      throws Exception {
    return run(spark, c, net, views, keypoints, out, epochs, null, null);
  }

  /**
   * Trains and returns the run's summary: the net's {@link Recipes recipe} on the profile of
   * {@code semcycle.train.profile}. An unknown net is refused before anything is read.
   *
   * @param voxelNet a trained voxel net's model folder (critic, voxel-finetune), else null
   * @param criticDir a trained critic's model folder (voxel-finetune), else null
   */
  public static TrainLoop.Summary run(
      SparkSession spark, Config c, String net, String views, String keypoints, Path out, Integer epochs,
      Path voxelNet, Path criticDir) throws Exception {
    String name = Recipes.canonical(net);
    TrainProfile profile = TrainProfile.from(c);
    DjlRuntime.trainingMode();
    return Recipes.of(name).train(new TrainRun(spark, c, profile, name, views, keypoints, voxelNet, criticDir, out,
        epochs, c.getLong("semcycle.seed")));
  }
}
