package org.semcycle.training;

import ai.djl.ndarray.types.DataType;
import com.typesafe.config.Config;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.semcycle.baseline.DescriptorLoss;
import org.semcycle.networks.VoxelLoss;
import org.semcycle.networks.VoxelNet;

/**
 * What {@code semcycle train} reads from configuration, parsed once: the chosen profile
 * ({@code semcycle.train.profiles.<semcycle.train.profile>}) and the settings of
 * {@code semcycle.train} that hold for every profile (augmentation, the viewpoint nets' Adam
 * betas, the critic's weights, the parameter types). Keys of the profile are documented in
 * conf/semcycle.conf; absent optional keys take the defaults named on each component.
 *
 * @param name the profile's name (quick, standard, full), for messages
 * @param schedule epochs, batch-size, learning-rate and learning-rate-floor (1 when absent)
 * @param netEpochs the profile's {@code <net>-epochs} keys (e.g. voxel-epochs = 12), by net
 * @param imageSize input size of the nets trained on rendered views (sketch, voxel, view)
 * @param base the nets' base width
 * @param latent the voxel net's latent size
 * @param voxelResolution the voxel net's grid resolution
 * @param maxTrainSamples training views read at most
 * @param voxel the voxel net's own keys
 * @param embed the keypoint embedder's section, when the profile has one
 * @param dense2d the 2D-2D baseline's section, when the profile has one
 * @param critic semcycle.train.critic
 * @param viewBetas semcycle.train.view-betas, Adam's betas of the viewpoint nets
 * @param augment semcycle.train.augment, the reference's RGB augmentation of the nets that read RGB
 * @param dataTypes semcycle.train.dtype and semcycle.train.dtype-per-net
 */
public record TrainProfile(
    String name,
    Schedule schedule,
    Map<String, Integer> netEpochs,
    int imageSize,
    int base,
    int latent,
    int voxelResolution,
    int maxTrainSamples,
    Voxel voxel,
    Optional<Embed> embed,
    Optional<Dense2d> dense2d,
    Critic critic,
    Betas viewBetas,
    boolean augment,
    DataTypes dataTypes) {

  /**
   * A run's schedule: the loop settings of a profile or of one of its sections.
   *
   * @param learningRateFloor the cosine schedule's end ({@link TrainLoop.Options}); 1: constant
   */
  public record Schedule(int epochs, int batchSize, float learningRate, float learningRateFloor) {
    /** The loop options of a run of {@code epochs} epochs (this schedule's own or a net's). */
    public TrainLoop.Options loopOptions(int epochs, Betas betas, long seed, int logEvery, DataType dataType) {
      return new TrainLoop.Options(epochs, batchSize, learningRate, betas.beta1(), betas.beta2(), seed,
          logEvery, dataType, learningRateFloor);
    }

    /** epochs, batch-size, learning-rate (or {@code learningRate} when absent) and learning-rate-floor of a section. */
    static Schedule of(Config section, Optional<Float> learningRate) {
      float rate = section.hasPath("learning-rate") || learningRate.isEmpty()
          ? (float) section.getDouble("learning-rate") : learningRate.get();
      return new Schedule(section.getInt("epochs"), section.getInt("batch-size"), rate,
          section.hasPath("learning-rate-floor") ? (float) section.getDouble("learning-rate-floor") : 1f);
    }
  }

  /** Adam's betas. */
  public record Betas(float beta1, float beta2) {
    /** Adam's usual (0.9, 0.999). */
    public static final Betas ADAM = new Betas(0.9f, 0.999f);
  }

  /**
   * The voxel net's keys of a profile.
   *
   * @param encoderBase voxel-encoder-base [the profile's base]
   * @param encoderDepth voxel-encoder-depth, conv units per encoder level [1]
   * @param decoderBase voxel-decoder-base, the decoder's finest width [base / 2, at least 4]
   * @param shuffleHead voxel-shuffle-head [false]
   * @param planarDecoder voxel-planar-decoder [false]
   * @param loss the voxel net's loss: voxel-positive-weight, occupied voxels' weight in the BCE
   *     [1], and voxel-iou-weight, the soft-IoU term's weight [0]; no naturalness term
   * @param mirror voxel-mirror, mirror augmentation of the voxel net's views [false]
   */
  public record Voxel(int encoderBase, int encoderDepth, int decoderBase, boolean shuffleHead,
      boolean planarDecoder, VoxelLoss.Options loss, boolean mirror) {
    static Voxel of(Config p) {
      int base = p.getInt("base");
      return new Voxel(
          p.hasPath("voxel-encoder-base") ? p.getInt("voxel-encoder-base") : base,
          p.hasPath("voxel-encoder-depth") ? p.getInt("voxel-encoder-depth") : 1,
          p.hasPath("voxel-decoder-base") ? p.getInt("voxel-decoder-base") : Math.max(4, base / 2),
          p.hasPath("voxel-shuffle-head") && p.getBoolean("voxel-shuffle-head"),
          p.hasPath("voxel-planar-decoder") && p.getBoolean("voxel-planar-decoder"),
          new VoxelLoss.Options(
              p.hasPath("voxel-positive-weight") ? (float) p.getDouble("voxel-positive-weight") : 1f,
              p.hasPath("voxel-iou-weight") ? (float) p.getDouble("voxel-iou-weight") : 0f, 0f),
          p.hasPath("voxel-mirror") && p.getBoolean("voxel-mirror"));
    }
  }

  /**
   * The embed section: its schedule (the profile's learning-rate when it names none; its own
   * learning-rate-floor or none), points per cloud, embedding dim, background points per cloud,
   * and max-models per category [all].
   */
  public record Embed(Schedule schedule, int points, int dim, int background, int maxModels) {
    static Embed of(Config e, float profileRate) {
      return new Embed(Schedule.of(e, Optional.of(profileRate)), e.getInt("points"), e.getInt("dim"),
          e.getInt("background"), e.hasPath("max-models") ? e.getInt("max-models") : Integer.MAX_VALUE);
    }
  }

  /**
   * The dense2d section (conf/semcycle.conf, profiles.*.dense2d): its own schedule, crop size,
   * net width and descriptor dim, the view-pair sampling, the loss, and max-train-samples [the
   * profile's].
   */
  public record Dense2d(Schedule schedule, int imageSize, int base, int dim, int correspondences,
      int pairsPerView, int minCorrespondences, double depthTolerance, DescriptorLoss loss,
      int maxTrainSamples) {
    static Dense2d of(Config d, int profileMaxTrain) {
      return new Dense2d(Schedule.of(d, Optional.empty()), d.getInt("image-size"), d.getInt("base"),
          d.getInt("dim"), d.getInt("correspondences"), d.getInt("pairs-per-view"),
          d.getInt("min-correspondences"), d.getDouble("depth-tolerance"),
          new DescriptorLoss((float) d.getDouble("margin"), (float) d.getDouble("negative-radius")),
          d.hasPath("max-train-samples") ? d.getInt("max-train-samples") : profileMaxTrain);
    }
  }

  /**
   * semcycle.train.critic: the WGAN-GP penalty weight lambda and the naturalness term's weight
   * in the voxel net's fine-tuning.
   */
  public record Critic(float lambda, float naturalnessWeight) {}

  /** The parameter type of every net, and per-net overrides by net name. */
  public record DataTypes(DataType standard, Map<String, DataType> perNet) {
    /** The net's override, else the standard type. */
    public DataType of(String net) {
      return perNet.getOrDefault(net.toLowerCase(Locale.ROOT), standard);
    }
  }

  /** The profile named by semcycle.train.profile, with the train-wide settings. */
  public static TrainProfile from(Config c) {
    String name = c.getString("semcycle.train.profile");
    String path = "semcycle.train.profiles." + name;
    Config p = c.getConfig(path);
    Map<String, Integer> netEpochs = new LinkedHashMap<>();
    for (String key : p.root().keySet()) {
      if (key.endsWith("-epochs")) {
        netEpochs.put(key.substring(0, key.length() - "-epochs".length()), p.getInt("\"" + key + "\""));
      }
    }
    Schedule schedule = Schedule.of(p, Optional.empty());
    Config critic = c.getConfig("semcycle.train.critic");
    java.util.List<Double> betas = c.getDoubleList("semcycle.train.view-betas");
    Map<String, DataType> perNet = new LinkedHashMap<>();
    Config dtypes = c.getConfig("semcycle.train.dtype-per-net");
    for (String net : dtypes.root().keySet()) {
      perNet.put(net.toLowerCase(Locale.ROOT),
          dataType(dtypes.getString("\"" + net + "\""), "semcycle.train.dtype-per-net." + net));
    }
    return new TrainProfile(name, schedule, Map.copyOf(netEpochs), p.getInt("image-size"), p.getInt("base"),
        p.getInt("latent"), p.getInt("voxel-resolution"), p.getInt("max-train-samples"), Voxel.of(p),
        p.hasPath("embed") ? Optional.of(Embed.of(p.getConfig("embed"), schedule.learningRate())) : Optional.empty(),
        p.hasPath("dense2d") ? Optional.of(Dense2d.of(p.getConfig("dense2d"), p.getInt("max-train-samples")))
            : Optional.empty(),
        new Critic((float) critic.getDouble("lambda"), (float) critic.getDouble("naturalness-weight")),
        new Betas(betas.get(0).floatValue(), betas.get(1).floatValue()),
        c.getBoolean("semcycle.train.augment"),
        new DataTypes(dataType(c.getString("semcycle.train.dtype"), "semcycle.train.dtype"), Map.copyOf(perNet)));
  }

  /** The epochs of a net trained on the profile's schedule: its {@code <net>-epochs}, else the profile's. */
  public int epochs(String net) {
    return netEpochs.getOrDefault(net, schedule.epochs());
  }

  /** The embed section; an error naming the profile when it has none. */
  public Embed requireEmbed() {
    return embed.orElseThrow(() -> new IllegalArgumentException(
        "semcycle.train.profiles." + name + " has no embed section (--net embed needs it)"));
  }

  /** The dense2d section; an error naming the profile when it has none. */
  public Dense2d requireDense2d() {
    return dense2d.orElseThrow(() -> new IllegalArgumentException(
        "semcycle.train.profiles." + name + " has no dense2d section (--net dense2d needs it)"));
  }

  /** The voxel net the profile trains on images of its image-size (4 input channels: depth and normals). */
  public VoxelNet.Options voxelNetOptions() {
    return new VoxelNet.Options(imageSize, 4, voxel.encoderBase(), latent, voxelResolution, voxel.decoderBase(),
        voxel.shuffleHead(), voxel.encoderDepth(), voxel.planarDecoder());
  }

  /**
   * The loss of ShapeHD's fine-tuning (voxel-finetune): the voxel net's own loss, the same BCE
   * weight and soft-IoU weight it is trained with ({@link Voxel#loss()}), plus the frozen
   * critic's naturalness term at semcycle.train.critic's naturalness-weight. Fine-tuning adds the
   * naturalness term to the supervised objective; it does not swap the objective for another.
   */
  public VoxelLoss.Options finetuneLoss() {
    return voxel.loss().withNaturalnessWeight(critic.naturalnessWeight());
  }

  private static DataType dataType(String name, String key) {
    try {
      return DataType.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": unknown parameter type '" + name + "' (float32 or float64)", e);
    }
  }
}
