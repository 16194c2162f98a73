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

  @Option(names = "--root", required = true, description = "A benchmark output folder (with pix3d/ spair/ pfpascal/) or one set's root.")
  String root;

  @Option(names = "--models", required = true, description = "Models folder with sketch/ voxel/ view/ [view-sketch/] embed/ (train's outputs).")
  String models;

  @Option(names = "--kpdb", required = true, description = "Keypoint database folder (kpdb's output).")
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
    SparkSession spark = Sessions.create(c, "infer");
    try {
      InferJob.Summary s = run(spark, c, datasets, root, models, kpdb, shapes, settings, baseline, out);
      System.out.println(s.line());
      return 0;
    } finally {
      spark.stop();
    }
  }

  public static InferJob.Summary run(SparkSession spark, Config c, List<String> datasets,
      String root, String models, String kpdb, String shapes, List<String> settings,
      String baseline, String out) {
    HadoopDataRoot given = Locations.root(spark, root);
    Map<String, HadoopDataRoot> sets = new LinkedHashMap<>();
    List<String> wanted = datasets == null || datasets.isEmpty() ? ImageSet.DATASETS : datasets;
    for (String d : wanted) {
      if (!ImageSet.DATASETS.contains(d)) {
        throw new IllegalArgumentException("unknown data set '" + d + "'; one of " + ImageSet.DATASETS);
      }
      if (!given.list(d).isEmpty()) {
        sets.put(d, Locations.root(spark, Locations.join(root, d)));
      }
    }
    if (sets.isEmpty()) {
      if (datasets == null || datasets.size() != 1) {
        throw new IllegalArgumentException(given.describe("") + ": no " + wanted
            + " folder; give --dataset NAME when --root is one set's root");
      }
      sets.put(datasets.get(0), given);
    }
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
    List<String> labels = settings == null || settings.isEmpty() ? InferSettings.labels(c) : settings;
    InferSettings s = InferSettings.of(c, CycleSetting.parseAll(labels), java.util.Set.of());
    var db = KeypointDatabases.read(spark, kpdb);
    Map<String, ImageSet> readers = new LinkedHashMap<>();
    sets.keySet().forEach(d -> readers.put(d, ImageSet.of(d)));
    InferJob.Inputs in = new InferJob.Inputs(sets, readers, Locations.root(spark, models), shapeRoot,
        kpRoot, classBySynset, Locations.qualify(kpdb), db.rows(), cats,
        c.getInt("semcycle.infer.visualize"), baselineRoot(spark, models, baseline));
    int partitions = Sessions.partitions(spark, c, Integer.MAX_VALUE);
    try (org.semcycle.spark.ShardedOutput o = org.semcycle.spark.ShardedOutput.open(spark, out,
        org.semcycle.spark.OutputMode.of(c))) {
      return InferJob.run(spark, in, s, partitions, o, Locations.sink(spark, out));
    }
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
