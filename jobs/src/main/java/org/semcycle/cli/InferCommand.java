package org.semcycle.cli;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.semcycle.benchmarks.BenchmarkCategory;
import org.semcycle.cycle.CycleSetting;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;
import org.semcycle.images.ImageSet;
import org.semcycle.jobs.KeypointDatabases;
import org.semcycle.jobs.infer.InferJob;
import org.semcycle.jobs.infer.InferSettings;
import org.semcycle.spark.DataSetRoots;
import org.semcycle.spark.HadoopDataRoot;
import org.semcycle.spark.Locations;
import org.semcycle.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code semcycle infer}: the 2D-3D-2D cycle over evaluation sets (Spark). */
@Command(
    name = "infer",
    mixinStandardHelpOptions = true,
    description = {
      "Predict semantic keypoints with visibility through the 2D-3D-2D cycle, for every image",
      "of Pix3D / SPair-71k / PF-PASCAL sets and every ablation setting. Writes OUT/predictions",
      "(Parquet, by dataset), OUT/timings, OUT/rejects (+ CSV), OUT/summary.json and, with",
      "--visualize N, OUT/visualize/*.png."
    })
public final class InferCommand implements Callable<Integer> {
  @Option(names = "--dataset", split = ",", description = "pix3d, spair, pfpascal (default: every set found under --root).")
  List<String> datasets;

  @Option(names = "--root", description = "A benchmark output folder (with pix3d/ spair/ pfpascal/) or one set's root.")
  String root;

  @Option(names = "--images", description = "Plain photos instead of evaluation sets: a folder (every .jpg/.jpeg/.png below it),"
      + " a glob (DIR/**/*.jpg), or a CSV or Parquet list with columns path[,category][,x1,y1,x2,y2][,mask] (paths relative to"
      + " the list's folder); any Hadoop file system. Boxes and masks are used when given, else found.")
  String images;

  @Option(names = "--category", description = "The category of --images (chair, car, airplane) where the list gives none.")
  String category;

  @Option(names = "--models", description = "Models folder with sketch/ voxel/ view/ [view-sketch/] embed/ (train's outputs),"
      + " or per category <category>/sketch/ ... (train-all's); default the shipped models/standard.")
  String models;

  @Option(names = "--kpdb", description = "Keypoint database folder (kpdb's output); default MODELS/kpdb.")
  String kpdb;

  @Option(names = "--shapes", description = "Synth output folder (ShapeNetCore.v2/ + KeypointNet/): the true models and keypoints for gt-3d, gt-semantic, all-gt.")
  String shapes;

  @Option(names = "--settings", split = ",", description = "Ablation settings (semcycle.infer.settings): full, no-vp-from-rgb, no-finetune, gt-2.5d, gt-3d, gt-viewpoint, gt-semantic, all-gt, or all.")
  List<String> settings;

  @Option(names = "--baseline", description = "The 2D-2D baseline's model folder (train --net dense2d); default MODELS/dense2d when it exists. Its matches are written for the pair sets as method baseline-2d.")
  String baseline;

  @Option(names = "--out", required = true, description = "Output folder (local path, hdfs://, s3a://).")
  String out;

  @Option(names = "--visualize", description = "Draw this many images with their keypoints to OUT/visualize (semcycle.infer.visualize).")
  Integer visualize;

  @Option(names = "--batch-size", description = "Images per forward pass (semcycle.infer.batch-size).")
  Integer batchSize;

  @Mixin CommonOptions common;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("semcycle.infer.visualize", visualize);
    o.put("semcycle.infer.batch-size", batchSize);
    Config c = common.load(output.addTo(o));
    if ((root == null) == (images == null)) {
      throw new IllegalArgumentException("give --root (evaluation sets) or --images (plain photos), one of them");
    }
    Preflight check = new Preflight(c);
    String m = check.models(models != null ? models : PredictCommand.shipped().toString(),
        KeypointVocabulary.fromConfig(c).categories(), c.getString("semcycle.infer.voxel-net"), models == null);
    String k = kpdb != null ? kpdb : Locations.join(m, "kpdb");
    check.kpdb(k, "--kpdb");
    check.exists(root != null ? root : images.replaceAll("[*?\\[{].*$", ""), root != null ? "--root" : "--images");
    SparkSession spark = Sessions.create(c, "infer");
    try {
      ImageInputs in = root != null ? ImageInputs.evaluationSets(spark, root, datasets)
          : ImageInputs.photos(spark, images, category);
      List<String> wanted = settings != null && !settings.isEmpty() ? settings
          : images != null ? List.of("full") : InferSettings.labels(c);
      InferJob.Summary s = run(spark, c, in, m, k, shapes, wanted, baseline, out);
      System.out.println(s.line());
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** infer on the evaluation sets under {@code root} (the demo and tests call this). */
  public static InferJob.Summary run(SparkSession spark, Config c, List<String> datasets,
      String root, String models, String kpdb, String shapes, List<String> settings,
      String baseline, String out) {
    return run(spark, c, ImageInputs.evaluationSets(spark, root, datasets), models, kpdb, shapes,
        settings == null || settings.isEmpty() ? InferSettings.labels(c) : settings, baseline, out);
  }

  /** infer on the given image sets. */
  public static InferJob.Summary run(SparkSession spark, Config c, ImageInputs images, String models, String kpdb,
      String shapes, List<String> labels, String baseline, String out) {
    KeypointVocabulary vocab = KeypointVocabulary.fromConfig(c);
    List<BenchmarkCategory> cats = new ArrayList<>();
    Map<String, String> classBySynset = new LinkedHashMap<>();
    for (String name : vocab.categories()) {
      BenchmarkCategory bc = BenchmarkCategory.of(vocab.category(name));
      cats.add(bc);
      classBySynset.put(bc.synset(), name);
    }
    HadoopDataRoot shapeRoot = null;
    HadoopDataRoot kpRoot = null;
    if (shapes != null) {
      DataSetRoots r = DataSetRoots.locate(spark, shapes, null);
      shapeRoot = r.shapes();
      kpRoot = r.keypoints();
    }
    InferSettings s = InferSettings.of(c, CycleSetting.parseAll(labels), java.util.Set.of());
    var db = KeypointDatabases.read(spark, kpdb);
    InferJob.Inputs in = new InferJob.Inputs(images.roots(), images.readers(), Locations.root(spark, models), shapeRoot,
        kpRoot, classBySynset, Locations.qualify(kpdb), db.rows(), cats,
        keypointNames(vocab), c.getInt("semcycle.infer.visualize"), baselineRoot(spark, models, baseline));
    int partitions = Sessions.partitions(spark, c, Integer.MAX_VALUE);
    try (org.semcycle.spark.ShardedOutput o = org.semcycle.spark.ShardedOutput.open(spark, out,
        org.semcycle.spark.OutputMode.of(c))) {
      return InferJob.run(spark, in, s, partitions, o, Locations.sink(spark, out));
    }
  }

  /** Keypoint names by "category/semantic id". */
  static Map<String, String> keypointNames(KeypointVocabulary vocab) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String cat : vocab.categories()) {
      vocab.category(cat).names().forEach((id, name) -> out.put(cat + "/" + id, name));
    }
    return out;
  }

  /** The baseline's model folder: the given one, else MODELS/dense2d when it holds a model. */
  static HadoopDataRoot baselineRoot(SparkSession spark, String models, String baseline) {
    if (baseline != null) {
      return Locations.root(spark, baseline);
    }
    HadoopDataRoot d = Locations.root(spark, Locations.join(models, "dense2d"));
    return d.list("").isEmpty() ? null : d;
  }
}
