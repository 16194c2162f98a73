package org.semcycle.cli;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.semcycle.baseline.Dense2dTask;
import org.semcycle.baseline.DenseDescriptorNet;
import org.semcycle.baseline.DescriptorLoss;
import org.semcycle.baseline.ViewPairSamples;
import org.semcycle.embedding.EmbedSamples;
import org.semcycle.embedding.EmbedTask;
import org.semcycle.embedding.EmbedderConfig;
import org.semcycle.embedding.EmbeddingNet;
import org.semcycle.embedding.PointAugment;
import org.semcycle.evaluation.VoxelDiagnostics;
import org.semcycle.jobs.TrainingData;
import org.semcycle.networks.CriticTask;
import org.semcycle.networks.DjlRuntime;
import org.semcycle.networks.SketchNet;
import org.semcycle.networks.SketchTask;
import org.semcycle.networks.ViewNet;
import org.semcycle.networks.ViewTask;
import org.semcycle.networks.VoxelCritic;
import org.semcycle.networks.VoxelNet;
import org.semcycle.networks.VoxelTask;
import org.semcycle.spark.Sessions;
import org.semcycle.training.ArraySamples;
import org.semcycle.training.AugmentedRgbSamples;
import org.semcycle.training.ModelFiles;
import org.semcycle.training.SampleSource;
import org.semcycle.training.TrainLoop;
import org.semcycle.training.TrainingLog;
import org.semcycle.training.TrainingTask;
import org.semcycle.training.views.MirroredVoxelSamples;
import org.semcycle.training.views.RenderedSample;
import org.semcycle.training.views.ViewSamples;
import org.semcycle.training.views.VoxelPredictions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code semcycle train}: trains one network of the cycle from the render job's Parquet (or,
 * for the keypoint embedder, from KeypointNet-format data), with a per-epoch CSV log, a loss
 * curve, checkpoints and resume (TrainLoop). The model folder is local: DJL saves there.
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
   * Trains and returns the run's summary.
   *
   * @param voxelNet a trained voxel net's model folder (critic, voxel-finetune), else null
   * @param criticDir a trained critic's model folder (voxel-finetune), else null
   */
  public static TrainLoop.Summary run(
      SparkSession spark, Config c, String net, String views, String keypoints, Path out, Integer epochs,
      Path voxelNet, Path criticDir) throws Exception {
    Config p = c.getConfig("semcycle.train.profiles." + c.getString("semcycle.train.profile"));
    DataType dtype = dataType(c, net);
    long seed = c.getLong("semcycle.seed");
    DjlRuntime.trainingMode();
    String which = net.toLowerCase(Locale.ROOT);
    if (which.equals("embed")) {
      return trainEmbedder(spark, c, p, keypoints, out, epochs, seed);
    }
    if (views == null) {
      throw new IllegalArgumentException("--views is required for --net " + net);
    }
    if (which.equals("dense2d")) {
      return trainDense2d(spark, c, p, views, out, epochs, dtype, seed);
    }
    int size = p.getInt("image-size");
    int base = p.getInt("base");
    int res = p.getInt("voxel-resolution");
    if (which.equals("critic") || which.equals("voxel-finetune")) {
      return trainWithCritic(spark, c, p, which, views, out, epochs, voxelNet, criticDir, dtype, seed);
    }
    boolean needVoxels = which.equals("voxel");
    boolean augment = c.getBoolean("semcycle.train.augment");
    TrainingData.Split data = TrainingData.views(spark, c, views, needVoxels, p.getInt("max-train-samples"));
    System.err.printf("train %s: %d train / %d val views at %dpx (%s profile, %s)%n",
        which, data.train().size(), data.val().size(), size, c.getString("semcycle.train.profile"), dtype);
    TrainingTask task;
    Object options;
    SampleSource train;
    SampleSource val;
    float beta1 = 0.9f;
    float beta2 = 0.999f;
    SampleSource plainVoxels = null; // the voxel net's training views without augmentation
    switch (which) {
      case "sketch" -> {
        SketchNet.Options so = new SketchNet.Options(size, base, 1f);
        task = new SketchTask(new SketchNet(so));
        options = so;
        train = augmented(ViewSamples.sketch(data.train(), size, dtype), augment, seed);
        val = data.val().isEmpty() ? null : ViewSamples.sketch(data.val(), size, dtype);
      }
      case "voxel" -> {
        VoxelNet.Options vo = voxelNetOptions(p);
        task = new VoxelTask(new VoxelNet(vo), null, 0f, 0.5f, positiveWeight(p), iouWeight(p));
        options = vo;
        ArraySamples voxels = ViewSamples.voxel(data.train(), size, res, dtype);
        plainVoxels = voxels;
        train = mirror(p)
            ? new MirroredVoxelSamples(voxels, seed) : voxels;
        val = data.val().isEmpty() ? null : ViewSamples.voxel(data.val(), size, res, dtype);
      }
      case "view", "view-sketch" -> {
        boolean sk = which.equals("view-sketch");
        ViewNet.Options vo = new ViewNet.Options(size, sk ? 5 : 3, base);
        task = new ViewTask(new ViewNet(vo));
        options = vo;
        train = sk ? ViewSamples.view(data.train(), size, true, dtype)
            : augmented(ViewSamples.view(data.train(), size, false, dtype), augment, seed);
        val = data.val().isEmpty() ? null : ViewSamples.view(data.val(), size, sk, dtype);
        List<Double> b = c.getDoubleList("semcycle.train.view-betas");
        beta1 = b.get(0).floatValue();
        beta2 = b.get(1).floatValue();
      }
      default -> throw new IllegalArgumentException(
          "--net must be sketch, voxel, view, view-sketch, embed, critic, voxel-finetune or dense2d, got '" + net + "'");
    }
    Integer runEpochs = epochs != null ? epochs : netEpochs(p, which);
    TrainLoop.Options lo = loopOptions(p, runEpochs, p.getInt("batch-size"), beta1, beta2, seed, 20, dtype);
    try (NDManager m = NDManager.newBaseManager()) {
      TrainLoop.Summary summary = new TrainLoop(lo).fit(task, train, val, out, options, m);
      if (task.block() instanceof VoxelNet vn) {
        writeVoxelReport(vn, data.train(), plainVoxels, val, bestThreshold(summary, task), out, m);
      }
      return summary;
    }
  }

  /** The reference's RGB augmentation on a training source's "rgb" input, when enabled. */
  static SampleSource augmented(ArraySamples samples, boolean on, long seed) {
    return on ? new AugmentedRgbSamples(samples, AugmentedRgbSamples.Options.reference(), seed) : samples;
  }

  /**
   * ShapeHD's naturalness stage: the critic on a trained voxel net's predictions (fake) and the
   * true grids (real), or the voxel net fine-tuned with the frozen critic.
   */
  static TrainLoop.Summary trainWithCritic(
      SparkSession spark, Config c, Config p, String which, String views, Path out, Integer epochs,
      Path voxelNet, Path criticDir, DataType dtype, long seed) throws Exception {
    if (voxelNet == null) {
      throw new IllegalArgumentException("--voxel-net is required for --net " + which);
    }
    boolean finetune = which.equals("voxel-finetune");
    if (finetune && criticDir == null) {
      throw new IllegalArgumentException("--critic is required for --net voxel-finetune");
    }
    int batch = p.getInt("batch-size");
    Config cc = c.getConfig("semcycle.train.critic");
    try (Model voxel = ModelFiles.loadTrainable(voxelNet, "voxel", VoxelNet.Options.class, VoxelNet::new,
        b -> new Shape[] {b.inputShape(batch)})) {
      VoxelNet vn = (VoxelNet) voxel.getBlock();
      VoxelNet.Options vo = vn.options();
      TrainingData.Split data = TrainingData.views(spark, c, views, true, p.getInt("max-train-samples"));
      System.err.printf("train %s: %d train / %d val views, voxel net from %s (%dpx -> %d^3)%n",
          which, data.train().size(), data.val().size(), voxelNet, vo.imageSize(), vo.resolution());
      TrainLoop.Options lo =
          loopOptions(p, epochs, batch, 0.9f, 0.999f, seed, 20, finetune ? DataType.FLOAT32 : dtype);
      if (finetune) {
        try (Model critic = ModelFiles.load(criticDir, "critic", VoxelCritic.Options.class, VoxelCritic::new)) {
          VoxelTask task = new VoxelTask(vn, (VoxelCritic) critic.getBlock(),
              (float) cc.getDouble("naturalness-weight"), 0.5f, positiveWeight(p));
          SampleSource train = ViewSamples.voxel(data.train(), vo.imageSize(), vo.resolution(), DataType.FLOAT32);
          SampleSource val = data.val().isEmpty() ? null
              : ViewSamples.voxel(data.val(), vo.imageSize(), vo.resolution(), DataType.FLOAT32);
          TrainLoop.Summary summary = new TrainLoop(lo).fit(task, train, val, out, vo, voxel.getNDManager());
          writeVoxelReport(vn, data.train(), train, val, bestThreshold(summary, task), out, voxel.getNDManager());
          return summary;
        }
      }
      try (NDManager m = NDManager.newBaseManager()) {
        SampleSource train = VoxelPredictions.criticSamples(vn,
            ViewSamples.voxel(data.train(), vo.imageSize(), vo.resolution(), DataType.FLOAT32), batch, dtype, m);
        SampleSource val = data.val().isEmpty() ? null : VoxelPredictions.criticSamples(vn,
            ViewSamples.voxel(data.val(), vo.imageSize(), vo.resolution(), DataType.FLOAT32), batch, dtype, m);
        VoxelCritic.Options co = new VoxelCritic.Options(vo.resolution(), p.getInt("base"));
        CriticTask task = new CriticTask(new VoxelCritic(co), (float) cc.getDouble("lambda"), seed);
        return new TrainLoop(lo).fit(task, train, val, out, co, m);
      }
    }
  }

  /**
   * The 2D-2D baseline's descriptor net on view pairs of the render job's output
   * (semcycle.train.profiles.*.dense2d): crops and correspondences from {@link ViewPairSamples},
   * contrastive loss on corresponding pixels; validation reports the fraction of held-out
   * correspondences whose nearest neighbour lands within 0.05 S and 0.10 S.
   */
  static TrainLoop.Summary trainDense2d(
      SparkSession spark, Config c, Config p, String views, Path out, Integer epochs, DataType dtype, long seed)
      throws Exception {
    Config d = p.getConfig("dense2d");
    int size = d.getInt("image-size");
    ViewPairSamples pairs = new ViewPairSamples(size, d.getInt("correspondences"), d.getInt("pairs-per-view"),
        d.getInt("min-correspondences"), d.getDouble("depth-tolerance"));
    TrainingData.Split data = TrainingData.views(spark, c, views, false,
        (d.hasPath("max-train-samples") ? d : p).getInt("max-train-samples"));
    ViewPairSamples.Built train = pairs.build(data.train(), seed, dtype);
    if (train.pairs() == 0) {
      throw new IllegalArgumentException(views + ": no two train views of one model share "
          + d.getInt("min-correspondences") + " visible pixels; dense2d needs render views-per-model >= 2");
    }
    ViewPairSamples.Built val = pairs.build(data.val(), seed, dtype);
    System.err.printf(Locale.ROOT,
        "train dense2d: %d train pairs (%.0f correspondences each, %d views without a partner), %d val pairs, %dpx crops (%s profile, %s)%n",
        train.pairs(), train.meanCorrespondences(), train.skippedViews(), val.pairs(), size,
        c.getString("semcycle.train.profile"), dtype);
    DenseDescriptorNet.Options o = new DenseDescriptorNet.Options(size, d.getInt("base"), d.getInt("dim"));
    Dense2dTask task = new Dense2dTask(new DenseDescriptorNet(o),
        new DescriptorLoss((float) d.getDouble("margin"), (float) d.getDouble("negative-radius")));
    TrainLoop.Options lo = loopOptions(d, epochs, d.getInt("batch-size"), 0.9f, 0.999f, seed, 20, dtype);
    try (NDManager m = NDManager.newBaseManager()) {
      return new TrainLoop(lo).fit(task, train.samples(), val.samples(), out, o, m);
    }
  }

  static TrainLoop.Summary trainEmbedder(
      SparkSession spark, Config c, Config p, String keypoints, Path out, Integer epochs, long seed) throws Exception {
    if (keypoints == null) {
      throw new IllegalArgumentException("--keypoints is required for --net embed");
    }
    Config e = p.getConfig("embed");
    int points = e.getInt("points");
    int maxModels = e.hasPath("max-models") ? e.getInt("max-models") : Integer.MAX_VALUE;
    TrainingData.Clouds train = TrainingData.clouds(spark, c, keypoints, "train", e.getInt("background"), maxModels);
    TrainingData.Clouds val = TrainingData.clouds(spark, c, keypoints, "val", 0, maxModels);
    System.err.printf("train embed: %d train / %d val models, %d points each%n", train.xyz().size(), val.xyz().size(), points);
    EmbedderConfig cfg = EmbedderConfig.small().withEmbeddingDim(e.getInt("dim"));
    try (EmbeddingNet net = EmbeddingNet.create(cfg, seed)) {
      EmbedSamples trainSamples =
          new EmbedSamples(train.xyz(), train.labels(), points, PointAugment.defaults(points), seed);
      EmbedSamples valSamples =
          val.xyz().isEmpty() ? null : new EmbedSamples(val.xyz(), val.labels(), val.points(), null, seed);
      TrainLoop.Options lo = loopOptions(e.withFallback(p.withOnlyPath("learning-rate")), epochs, e.getInt("batch-size"), 0.9f, 0.999f, seed, 0,
          DataType.FLOAT32);
      TrainLoop.Summary s =
          new TrainLoop(lo).fit(new EmbedTask(net, 1f, points), trainSamples, valSamples, out, cfg, net.model().getNDManager());
      net.save(out);
      return s;
    }
  }


  /**
   * The parameter type for a net: {@code semcycle.train.dtype-per-net.<net>} when set, else
   * {@code semcycle.train.dtype}. The shipped conf trains the sketch net in float64, where
   * float32 gradients go NaN on this CPU build of libtorch (README, Training).
   */
  static DataType dataType(Config c, String net) {
    String key = "semcycle.train.dtype-per-net." + net.toLowerCase(Locale.ROOT);
    String name = c.hasPath(key) ? c.getString(key) : c.getString("semcycle.train.dtype");
    return DataType.valueOf(name.toUpperCase(Locale.ROOT));
  }

  /**
   * What a trained voxel net gets right and wrong: OUT/val-examples.png (eight validation views,
   * true and predicted grids) and OUT/voxel-diagnostics.json, the IoU, the best one-cell-shift
   * IoU and the nearest-training-shape IoU ({@link VoxelDiagnostics}) on up to 64 validation and
   * 64 training views (without augmentation), predictions occupied above `threshold`. Nothing
   * without a validation split.
   */
  static void writeVoxelReport(VoxelNet net, List<RenderedSample> trainRows, SampleSource train,
      SampleSource val, float threshold, Path out, NDManager m) throws java.io.IOException {
    if (val == null || val.size() == 0) {
      return;
    }
    Path png = out.resolve("val-examples.png");
    javax.imageio.ImageIO.write(VoxelPredictions.examples(net, val, 8, threshold, m), "png", png.toFile());
    int r = net.options().resolution();
    Map<String, BitSet> shapes = new LinkedHashMap<>();
    for (RenderedSample row : trainRows) {
      shapes.computeIfAbsent(row.model(), k -> VoxelDiagnostics.cells(ViewSamples.occupancy(row, r), 0.5f));
    }
    List<BitSet> trainShapes = new ArrayList<>(shapes.values());
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("training_shapes", trainShapes.size());
    Map<String, SampleSource> splits = new LinkedHashMap<>();
    splits.put("val", val);
    splits.put("train", train);
    for (Map.Entry<String, SampleSource> e : splits.entrySet()) {
      VoxelPredictions.Diagnosis d = VoxelPredictions.diagnose(net, e.getValue(), 64, trainShapes, threshold, m);
      report.put(e.getKey(), d);
      System.err.printf(Locale.ROOT,
          "voxel net on %d %s views: IoU %.3f at %.2f, best one-cell shift %.3f, nearest training shape %.3f%n",
          d.samples(), e.getKey(), d.iou(), threshold, d.bestShiftIoU(), d.nearestShapeIoU());
    }
    new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
        .writeValue(out.resolve("voxel-diagnostics.json").toFile(), report);
    System.err.println("voxel predictions on validation views: " + png);
  }

  /**
   * The loop settings of a profile section: its epochs (unless overridden), learning rate and
   * learning-rate-floor (the cosine schedule's end, {@link TrainLoop.Options}; 1 when absent:
   * constant).
   */
  static TrainLoop.Options loopOptions(Config section, Integer epochs, int batch, float beta1, float beta2,
      long seed, int logEvery, DataType dtype) {
    float floor = section.hasPath("learning-rate-floor") ? (float) section.getDouble("learning-rate-floor") : 1f;
    return new TrainLoop.Options(epochs != null ? epochs : section.getInt("epochs"), batch,
        (float) section.getDouble("learning-rate"), beta1, beta2, seed, logEvery, dtype, floor);
  }

  /**
   * The voxel net a profile trains: its image-size, latent and voxel-resolution, the encoder's
   * base width voxel-encoder-base (the profile's base when absent) and conv units per level
   * voxel-encoder-depth (1), the decoder's finest width voxel-decoder-base (base / 2, at least
   * 4), voxel-shuffle-head (false) and voxel-planar-decoder (false).
   */
  static VoxelNet.Options voxelNetOptions(Config p) {
    int base = p.getInt("base");
    return new VoxelNet.Options(p.getInt("image-size"), 4,
        p.hasPath("voxel-encoder-base") ? p.getInt("voxel-encoder-base") : base,
        p.getInt("latent"), p.getInt("voxel-resolution"),
        p.hasPath("voxel-decoder-base") ? p.getInt("voxel-decoder-base") : Math.max(4, base / 2),
        p.hasPath("voxel-shuffle-head") && p.getBoolean("voxel-shuffle-head"),
        p.hasPath("voxel-encoder-depth") ? p.getInt("voxel-encoder-depth") : 1,
        p.hasPath("voxel-planar-decoder") && p.getBoolean("voxel-planar-decoder"));
  }

  /**
   * The last logged epoch's voxel_best_threshold (the run's rows, resumed ones included), 0.5 when
   * there is none or it is not a number.
   */
  static float bestThreshold(TrainLoop.Summary summary, TrainingTask task) {
    int k = task.metricNames().indexOf("voxel_best_threshold");
    List<TrainingLog.Row> rows = summary.rows();
    if (k < 0 || rows.isEmpty()) {
      return 0.5f;
    }
    double t = rows.get(rows.size() - 1).metrics()[k];
    return Double.isFinite(t) ? (float) t : 0.5f;
  }

  /**
   * The profile's {@code <net>-epochs} (e.g. voxel-epochs: a net's own schedule beside the
   * profile's epochs), null when absent (the profile's epochs then).
   */
  static Integer netEpochs(Config profile, String net) {
    String key = "\"" + net + "-epochs\"";
    return profile.hasPath(key) ? profile.getInt(key) : null;
  }

  /** The profile's voxel-mirror (mirror augmentation of the voxel net's views), false when absent. */
  static boolean mirror(Config profile) {
    return profile.hasPath("voxel-mirror") && profile.getBoolean("voxel-mirror");
  }

  /** The profile's voxel-iou-weight (the soft-IoU term's weight), 0 when absent. */
  static float iouWeight(Config profile) {
    return profile.hasPath("voxel-iou-weight") ? (float) profile.getDouble("voxel-iou-weight") : 0f;
  }

  /** The profile's voxel-positive-weight (occupied voxels' weight in the BCE), 1 when absent. */
  static float positiveWeight(Config profile) {
    return profile.hasPath("voxel-positive-weight") ? (float) profile.getDouble("voxel-positive-weight") : 1f;
  }
}
