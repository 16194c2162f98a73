package org.semcycle.cli;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;
import org.semcycle.datasets.spair.SpairSplit;
import org.semcycle.evaluation.CategoryNames;
import org.semcycle.evaluation.KeypointIdMap;
import org.semcycle.jobs.EvaluateJob;
import org.semcycle.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code semcycle evaluate}: PCK tables from predictions and the evaluation sets' ground truth. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "PCK tables from infer's predictions and the evaluation sets' ground truth (Spark SQL).",
      "Scores every visible ground-truth keypoint of every run (method x setting x protocol): a",
      "missing prediction counts as wrong; single-image predictions are scored on their images and",
      "on every pair whose target they are. PCK at alpha in semcycle.evaluation.alphas, tau img and",
      "bbox, averaged per keypoint (paper) and per pair (HPF). Writes Parquet tables, pck.csv,",
      "tables/*.md|csv (the paper's table shapes), plots/pck-<dataset>-<tau>.png, summary.json."
    })
public final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--predictions", required = true,
      description = "infer's output folder (its predictions/ table) or the predictions table itself.")
  String predictions;

  @Option(names = "--ground-truth", required = true, arity = "1..*",
      description = "Benchmark output folders (with pix3d/ spair/ pfpascal/) or single sets' roots.")
  List<String> groundTruth = new ArrayList<>();

  @Option(names = "--out", required = true, description = "Output folder (local path, hdfs://, s3a://).")
  String out;

  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    Config c = common.load(new LinkedHashMap<>());
    Preflight check = new Preflight(c);
    check.exists(predictions, "--predictions");
    groundTruth.forEach(g -> check.exists(g, "--ground-truth"));
    SparkSession spark = Sessions.create(c, "evaluate");
    try {
      EvaluateJob.Summary s = EvaluateJob.run(spark, settings(c), predictions, groundTruth, out);
      System.out.print(s.headline());
      System.out.println(s.line());
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** Evaluate's settings from {@code semcycle.evaluation} and the keypoint vocabulary. */
  public static EvaluateJob.Settings settings(Config c) {
    Config e = c.getConfig("semcycle.evaluation");
    double[] alphas = e.getDoubleList("alphas").stream().mapToDouble(Double::doubleValue).toArray();
    double step = e.getDouble("curve-step");
    double max = e.getDouble("curve-max");
    if (!(step > 0) || !(max >= step) || alphas.length == 0) {
      throw new IllegalArgumentException("semcycle.evaluation: need alphas, curve-step > 0 and curve-max >= curve-step");
    }
    int n = (int) Math.floor(max / step + 1e-9);
    double[] curve = new double[n];
    for (int i = 0; i < n; i++) {
      curve[i] = Math.round((i + 1) * step * 1e6) / 1e6;
    }
    String split = e.getString("spair-split");
    SpairSplit sp = null;
    for (SpairSplit x : SpairSplit.values()) {
      if (x.dir().equals(split)) {
        sp = x;
      }
    }
    if (sp == null) {
      throw new IllegalArgumentException("semcycle.evaluation.spair-split: unknown split " + split);
    }
    KeypointVocabulary vocabulary = KeypointVocabulary.fromConfig(c);
    return new EvaluateJob.Settings(alphas, e.getDouble("headline-alpha"), curve, sp, KeypointIdMap.fromConfig(e),
        new CategoryNames(vocabulary.categories()), vocabulary);
  }
}
