package org.semcycle.jobs.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.semcycle.training.ArraySamples;
import org.semcycle.training.AugmentedRgbSamples;
import org.semcycle.training.SampleSource;
import org.semcycle.training.TrainLoop;
import org.semcycle.training.TrainProfile;
import org.semcycle.training.TrainingTask;
import org.semcycle.training.views.RenderedSample;

/**
 * One {@code semcycle train} run as its recipe sees it: the session and configuration (for
 * reading data), the parsed profile, the net, the command's inputs and the model folder.
 *
 * @param net the net's name as {@link Recipes} knows it
 * @param views the render job's output, or null
 * @param keypoints a KeypointNet root or synth output, or null
 * @param voxelNet a trained voxel net's model folder, or null
 * @param critic a trained critic's model folder, or null
 * @param out the model folder (local)
 * @param epochs the command's --epochs, or null for the profile's
 * @param seed semcycle.seed
 */
public record TrainRun(SparkSession spark, Config config, TrainProfile profile, String net, String views,
    String keypoints, Path voxelNet, Path critic, Path out, Integer epochs, long seed) {

  /** The parameter type of this run's net. */
  public DataType dataType() {
    return profile.dataTypes().of(net);
  }

  /** --epochs when given, else {@code profileEpochs}. */
  public int epochs(int profileEpochs) {
    return epochs != null ? epochs : profileEpochs;
  }

  /** --views; an error when the command has none. */
  public String requireViews() {
    return require(views, "--views");
  }

  /** A path option the net needs; an error naming it when absent. */
  <T> T require(T value, String option) {
    if (value == null) {
      throw new IllegalArgumentException(option + " is required for --net " + net);
    }
    return value;
  }

  /** The render job's views (with their voxel grids when asked), at most maxTrain for training. */
  public TrainingData.Split readViews(boolean withVoxels, int maxTrain) {
    return TrainingData.views(spark, config, requireViews(), withVoxels, maxTrain);
  }

  /**
   * The views of a net trained at the profile's image size (at most its max-train-samples for
   * training), with the run's progress line.
   */
  public TrainingData.Split trainingViews(boolean withVoxels) {
    TrainingData.Split data = readViews(withVoxels, profile.maxTrainSamples());
    System.err.printf("train %s: %d train / %d val views at %dpx (%s profile, %s)%n",
        net, data.train().size(), data.val().size(), profile.imageSize(), profile.name(), dataType());
    return data;
  }

  /**
   * The loop of a net on the profile's schedule: --epochs, else the profile's {@code <net>-epochs},
   * else its epochs; a progress line every 20 steps.
   */
  public TrainLoop.Options profileLoop(TrainProfile.Betas betas, DataType dtype) {
    return profile.schedule().loopOptions(epochs(profile.epochs(net)), betas, seed, 20, dtype);
  }

  /** The loop of a net on its own section's schedule (embed, dense2d): --epochs, else the section's. */
  public TrainLoop.Options sectionLoop(TrainProfile.Schedule schedule, int logEvery, DataType dtype) {
    return schedule.loopOptions(epochs(schedule.epochs()), TrainProfile.Betas.ADAM, seed, logEvery, dtype);
  }

  /** The reference's RGB augmentation on a training source's "rgb" input, when the profile enables it. */
  public SampleSource augmented(ArraySamples samples) {
    return profile.augment() ? new AugmentedRgbSamples(samples, AugmentedRgbSamples.Options.reference(), seed) : samples;
  }

  /** Trains the task with parameters in a fresh manager, into the model folder. */
  public TrainLoop.Summary fit(TrainingTask task, SampleSource train, SampleSource val, Object options,
      TrainLoop.Options loop) throws IOException {
    try (NDManager m = NDManager.newBaseManager()) {
      return new TrainLoop(loop).fit(task, train, val, out, options, m);
    }
  }

  /** The validation samples built from the validation views, null when there are none. */
  public static SampleSource validation(List<RenderedSample> val, Function<List<RenderedSample>, SampleSource> build) {
    return val.isEmpty() ? null : build.apply(val);
  }
}
