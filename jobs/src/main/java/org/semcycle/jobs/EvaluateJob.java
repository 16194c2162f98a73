package org.semcycle.jobs;

import org.semcycle.spark.Sessions;
import org.semcycle.spark.JobOutput;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;
import static org.semcycle.jobs.EvaluationTables.seq;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.semcycle.benchmarks.BenchmarkFormat;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;
import org.semcycle.datasets.spair.SpairSplit;
import org.semcycle.evaluation.CategoryNames;
import org.semcycle.evaluation.GroundTruthExtractor;
import org.semcycle.evaluation.GroundTruthReject;
import org.semcycle.evaluation.GroundTruthRow;
import org.semcycle.evaluation.KeypointIdMap;
import org.semcycle.evaluation.PaperTables;
import org.semcycle.evaluation.PckCurveChart;
import org.semcycle.evaluation.PckRow;
import org.semcycle.evaluation.TextTable;
import org.semcycle.evaluation.ViewpointAccuracy;
import org.semcycle.evaluation.VisibilityScore;
import org.semcycle.evaluation.VisibilityTruth;
import org.semcycle.io.JsonFields;
import org.semcycle.spark.HadoopDataRoot;
import org.semcycle.spark.HadoopDataSink;
import org.semcycle.spark.Locations;

/**
 * {@code semcycle evaluate}: predictions (docs/TABLES.md) joined with the evaluation sets' ground
 * truth and aggregated into PCK tables with Spark SQL.
 *
 * <p>Ground truth: each set is read on the driver with its data set's reader ({@link
 * GroundTruthExtractor}). Scoring: a run is (dataset, category, method, setting, protocol), where
 * protocol is {@code single} for predictions without pair_id and {@code pair} for pair-mode ones.
 * A single-image run is scored on every ground-truth row of its data set and category: the
 * images' own rows (unit {@code image}) and every pair whose target is the image (unit {@code
 * pair}); a pair run on the pairs' rows only. A ground-truth keypoint without a prediction is
 * scored wrong and counted {@code missing}; predictions of keypoints the truth lacks are not
 * scored (counted). Duplicated predictions (same image/pair, run and keypoint) keep one row
 * (counted).
 *
 * <p>Writes under OUT: {@code ground_truth/}, {@code scored/}, {@code pck/}, {@code
 * pck_by_viewpoint/}, {@code curves/}, {@code rejects/} (Parquet); {@code pck.csv}, {@code
 * pck_by_viewpoint.csv}, {@code curves.csv}; {@code tables/<name>.md|csv} and {@code tables.md}
 * ({@link PaperTables}); {@code plots/pck-<dataset>-<tau>.png}; {@code summary.json}.
 */
public final class EvaluateJob {
  private EvaluateJob() {}

  /** What evaluate needs besides its inputs. */
  public record Settings(
      double[] alphas, double headlineAlpha, double[] curveAlphas, SpairSplit split, KeypointIdMap ids,
      CategoryNames names, KeypointVocabulary vocabulary) {}

  /** One evaluation set: its data set and qualified location. */
  public record GroundTruthSet(BenchmarkFormat format, String location) {}

  /**
   * The ground-truth keypoints of one run and data set without a prediction although the run
   * did not reject their image or pair.
   */
  public record Missing(String dataset, String method, String setting, String protocol, long keypoints,
      long missing, long rejected) {
    public String label() {
      return new PaperTables.Run(method, setting, protocol).label();
    }
  }

  /** What the run produced. */
  public record Summary(
      long groundTruthRows, long groundTruthRejects, long predictionRows, long duplicatePredictions,
      long scoredRows, long missing, long rejected, long unscoredPredictions, int runs, List<PckRow> pck,
      List<Missing> missingByRun, List<TextTable> tables, double seconds) {
    public String line() {
      return String.format(Locale.ROOT,
          "evaluate: %d ground-truth keypoints (%d rejects), %d predictions (%d duplicates, %d not in the truth),"
              + " %d runs, %d scored rows (%d missing predictions, %d of rejected images or pairs) in %.1f s",
          groundTruthRows, groundTruthRejects, predictionRows, duplicatePredictions, unscoredPredictions, runs,
          scoredRows, missing, rejected, seconds);
    }

    /** The runs that left ground-truth keypoints without a prediction. */
    public List<Missing> defects() {
      return missingByRun.stream().filter(m -> m.missing() > 0).toList();
    }

    /**
     * The method comparison tables, and the tables of what makes an image hard for the runs they
     * compare (setting full of each method) (Markdown).
     */
    public String headline() {
      StringBuilder sb = new StringBuilder();
      for (TextTable t : tables) {
        if (t.name().equals("table1") || t.name().startsWith("table1-") || t.name().equals("table4")
            || t.name().equals("table5")) {
          sb.append(t.toMarkdown()).append('\n');
        } else if (PaperTables.HARDNESS.contains(t.name())) {
          int run = t.header().indexOf("run");
          List<List<String>> full = t.rows().stream()
              .filter(r -> r.get(run).endsWith("/ full") || r.get(run).endsWith("/ full (pairs)")).toList();
          if (!full.isEmpty()) {
            sb.append(new TextTable(t.name(), t.title(), t.header(), full).toMarkdown()).append('\n');
          }
        }
      }
      return sb.toString();
    }
  }

  /**
   * The sets below the given folders: a folder that is a set itself, or a benchmark output with
   * {@code pix3d/}, {@code spair/}, {@code pfpascal/} sets. A folder with none, or a data set given
   * twice, is an error naming it.
   */
  public static List<GroundTruthSet> locate(SparkSession spark, List<String> dirs) {
    Map<BenchmarkFormat, GroundTruthSet> out = new TreeMap<>();
    for (String dir : dirs) {
      List<GroundTruthSet> found = new ArrayList<>();
      HadoopDataRoot root = Locations.root(spark, dir);
      BenchmarkFormat self = GroundTruthExtractor.detect(root);
      if (self != null) {
        found.add(new GroundTruthSet(self, root.root()));
      } else {
        for (BenchmarkFormat f : BenchmarkFormat.values()) {
          HadoopDataRoot sub = Locations.root(spark, Locations.join(dir, f.dir()));
          if (GroundTruthExtractor.detect(sub) == f) {
            found.add(new GroundTruthSet(f, sub.root()));
          }
        }
      }
      if (found.isEmpty()) {
        throw new IllegalArgumentException("--ground-truth " + dir + ": no evaluation set there (expected pix3d.json,"
            + " SPair's ImageAnnotation/ or PF-PASCAL's test_pairs.csv, or pix3d/ spair/ pfpascal/ folders)");
      }
      for (GroundTruthSet s : found) {
        GroundTruthSet before = out.put(s.format(), s);
        if (before != null) {
          throw new IllegalArgumentException("--ground-truth: two " + s.format().dir() + " sets: " + before.location()
              + " and " + s.location());
        }
      }
    }
    return new ArrayList<>(out.values());
  }

  /** The predictions table of a folder: DIR/predictions when present, else DIR itself. */
  public static String predictionsTable(SparkSession spark, String dir) {
    HadoopDataRoot root = Locations.root(spark, dir);
    return root.list("predictions").isEmpty() ? root.root() : Locations.join(dir, "predictions");
  }

  public static Summary run(SparkSession spark, Settings s, String predictions, List<String> groundTruth, String out) {
    try (Sessions.Described described = Sessions.describe(spark, "evaluate")) {
      long t0 = System.nanoTime();
      HadoopDataSink sink = Locations.sink(spark, out);
      // 1. Ground truth, on the driver.
      GroundTruthExtractor extractor = new GroundTruthExtractor(s.ids(), s.names(), s.split(), s.vocabulary());
      List<Row> gtRows = new ArrayList<>();
      List<Row> rejectRows = new ArrayList<>();
      List<Row> visibilityRows = new ArrayList<>();
      for (GroundTruthSet set : locate(spark, groundTruth)) {
        GroundTruthExtractor.Result r = extractor.extract(set.format(), Locations.root(spark, set.location()));
        for (GroundTruthRow g : r.rows()) {
          gtRows.add(EvaluationTables.row(g, set.location()));
        }
        for (GroundTruthReject j : r.rejects()) {
          rejectRows.add(EvaluationTables.row(j));
        }
        for (VisibilityTruth v : r.visibility()) {
          visibilityRows.add(EvaluationTables.row(v));
        }
        System.err.printf("evaluate: %s: %d ground-truth keypoints, %d rejects from %s%n",
            set.format().dir(), r.rows().size(), r.rejects().size(), set.location());
      }
      if (gtRows.isEmpty()) {
        throw new IllegalArgumentException("--ground-truth " + groundTruth + ": no visible ground-truth keypoint");
      }
      Dataset<Row> gt = spark.createDataFrame(gtRows, EvaluationTables.GROUND_TRUTH);
      gt.coalesce(1).write().mode("overwrite").parquet(Locations.join(out, "ground_truth"));
      spark.createDataFrame(rejectRows, EvaluationTables.REJECTS).coalesce(1).write().mode("overwrite")
          .parquet(Locations.join(out, "rejects"));
      gt = spark.read().parquet(Locations.join(out, "ground_truth")).cache();
  
      progress("ground truth", t0);
      // 2. Predictions, and the infer run's rejects beside them.
      String table = predictionsTable(spark, predictions);
      Dataset<Row> raw;
      try {
        raw = spark.read().parquet(table);
      } catch (Exception e) {
        throw new IllegalArgumentException("--predictions: cannot read the Parquet table " + table + ": " + e.getMessage(), e);
      }
      List<String> absent = new ArrayList<>(EvaluationTables.PREDICTION_COLUMNS);
      absent.removeAll(Arrays.asList(raw.columns()));
      if (!absent.isEmpty()) {
        throw new IllegalArgumentException("--predictions " + table + ": missing columns " + absent
            + " (docs/TABLES.md)");
      }
      Dataset<Row> p = raw.select(col("dataset"), col("category"), col("image_id"), col("pair_id"), col("method"),
              col("setting"), col("keypoint_id").cast(DataTypes.IntegerType).as("keypoint_id"),
              col("x").cast(DataTypes.DoubleType).as("x"), col("y").cast(DataTypes.DoubleType).as("y"), col("visible"))
          .withColumn("protocol", when(col("pair_id").isNull(), lit("single")).otherwise(lit("pair")));
      String[] key = {"dataset", "category", "image_id", "pair_id", "method", "setting", "keypoint_id"};
      Row pc = p.groupBy(key[0], java.util.Arrays.copyOfRange(key, 1, key.length)).count()
          .agg(org.apache.spark.sql.functions.sum("count"), org.apache.spark.sql.functions.count(lit(1))).first();
      long predictionRows = pc.isNullAt(0) ? 0 : pc.getLong(0);
      long duplicates = predictionRows - pc.getLong(1);
      Dataset<Row> pd = p.dropDuplicates(key).cache();
      Dataset<Row> runsFound = pd.select("dataset", "category", "method", "setting", "protocol").distinct();
      List<Row> runList = runsFound.collectAsList();
      Dataset<Row> runs = spark.createDataFrame(runList, runsFound.schema());
      Dataset<Row> inferRejects = inferRejects(spark, predictions);
  
      progress("predictions", t0);
      // 3. Scoring: every ground-truth row of a run, with its prediction or none; none is a reject
      // when the run rejected the image or pair (with a reason), else a missing prediction.
      Dataset<Row> singlePreds = pd.filter(col("protocol").equalTo("single"))
          .select(col("dataset"), col("category"), col("image_id"), col("method"), col("setting"), col("keypoint_id"),
              col("x"), col("y"), col("visible"), lit(true).as("predicted"));
      Dataset<Row> pairPreds = pd.filter(col("protocol").equalTo("pair"))
          .select(col("dataset"), col("category"), col("pair_id"), col("method"), col("setting"), col("keypoint_id"),
              col("x"), col("y"), col("visible"), lit(true).as("predicted"));
      Dataset<Row> singleRuns = runs.filter(col("protocol").equalTo("single"));
      Dataset<Row> pairRuns = runs.filter(col("protocol").equalTo("pair"));
      Dataset<Row> single = gt.join(singleRuns, seq("dataset", "category"))
          .join(singlePreds, seq("dataset", "category", "image_id", "method", "setting", "keypoint_id"), "left")
          .join(rejectedUnits(inferRejects.filter(col("pair_id").isNull()), singleRuns, "image_id"),
              seq("dataset", "category", "image_id", "method", "setting"), "left");
      Dataset<Row> pair = gt.filter(col("pair_id").isNotNull())
          .join(pairRuns, seq("dataset", "category"))
          .join(pairPreds, seq("dataset", "category", "pair_id", "method", "setting", "keypoint_id"), "left")
          .join(rejectedUnits(inferRejects.filter(col("pair_id").isNotNull()), pairRuns, "pair_id"),
              seq("dataset", "category", "pair_id", "method", "setting"), "left");
      Dataset<Row> scored = single.unionByName(pair)
          .withColumn("unit", when(col("pair_id").isNull(), lit("image")).otherwise(lit("pair")))
          .withColumn("rejected", col("predicted").isNull().and(col("unit_rejected").isNotNull()))
          .withColumn("missing", col("predicted").isNull().and(col("unit_rejected").isNull()))
          .withColumn("distance", when(col("predicted").isNull().or(isnan(col("x"))).or(isnan(col("y"))), lit(Double.NaN))
              .otherwise(sqrt(pow(col("x").minus(col("gt_x")), 2).plus(pow(col("y").minus(col("gt_y")), 2)))))
          .withColumn("ambiguous", not(isnan(col("partner_x"))))
          .withColumn("partner_distance", when(col("predicted").isNull().or(isnan(col("x"))).or(isnan(col("partner_x"))),
                  lit(Double.NaN))
              .otherwise(sqrt(pow(col("x").minus(col("partner_x")), 2).plus(pow(col("y").minus(col("partner_y")), 2)))))
          .select("dataset", "category", "method", "setting", "protocol", "unit", "image_id", "pair_id", "keypoint_id",
              "viewpoint_variation", "scale_variation", "truncation", "occlusion", "truncated", "occluded", "ambiguous",
              "gt_x", "gt_y", "partner_x", "partner_y", "x", "y", "visible", "distance", "partner_distance", "missing",
              "rejected", "tau_img", "tau_bbox", "image_path", "set_root");
      scored = scored.cache();
      scored.write().mode("overwrite").parquet(Locations.join(out, "scored"));
      List<Missing> missingByRun = new ArrayList<>();
      for (Row r : scored.groupBy("dataset", "method", "setting", "protocol")
          .agg(org.apache.spark.sql.functions.count(lit(1)).as("n"),
              org.apache.spark.sql.functions.sum(when(col("missing"), 1L).otherwise(0L)).as("m"),
              org.apache.spark.sql.functions.sum(when(col("rejected"), 1L).otherwise(0L)).as("r"))
          .orderBy("dataset", "method", "setting", "protocol").collectAsList()) {
        missingByRun.add(new Missing(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getLong(4),
            r.getLong(5), r.getLong(6)));
      }
      long scoredRows = missingByRun.stream().mapToLong(Missing::keypoints).sum();
      long missing = missingByRun.stream().mapToLong(Missing::missing).sum();
      long rejected = missingByRun.stream().mapToLong(Missing::rejected).sum();
      Map<String, List<String>> missingLines = new TreeMap<>();
      for (Missing m : missingByRun) {
        missingLines.computeIfAbsent(m.dataset(), k -> new ArrayList<>()).add(String.format(Locale.ROOT, "%s %d/%d%s",
            m.label(), m.missing(), m.keypoints(), m.rejected() > 0 ? " (+" + m.rejected() + " rejected)" : ""));
      }
      missingLines.forEach((ds, lines) -> System.err.printf(
          "evaluate: %s: ground-truth keypoints without a prediction per run: %s%n", ds, String.join(", ", lines)));
      long unscored = pd.filter(col("protocol").equalTo("single"))
          .join(gt.select("dataset", "category", "image_id", "keypoint_id").distinct(),
              seq("dataset", "category", "image_id", "keypoint_id"), "left_anti").select("dataset")
          .unionByName(pd.filter(col("protocol").equalTo("pair"))
              .join(gt.filter(col("pair_id").isNotNull()).select("dataset", "category", "pair_id", "keypoint_id"),
                  seq("dataset", "category", "pair_id", "keypoint_id"), "left_anti").select("dataset"))
          .count();
      int runCount = runList.size();
  
      progress("scoring", t0);
      // 4. PCK tables and curves; the predicted visibility against the truth.
      PckAggregation.Result agg = PckAggregation.aggregate(spark, scored, s.alphas(), s.curveAlphas());
      List<PckRow> pckRows = sorted(agg.pck());
      List<PckRow> breakdownRows = sorted(agg.breakdowns());
      List<PckRow> curveRows = sorted(agg.curves());
      List<VisibilityScore> visibility = visibility(spark, visibilityRows, singlePreds);
      List<ViewpointAccuracy> viewpoints = viewpointAccuracy(spark, predictions);
      progress("aggregation", t0);
      writePck(spark, pckRows, Locations.join(out, "pck"));
      writePck(spark, breakdownRows, Locations.join(out, "pck_by_subset"));
      writePck(spark, curveRows, Locations.join(out, "curves"));
      JobOutput.text(sink, "pck.csv", EvaluationTables.pckCsv(pckRows));
      JobOutput.text(sink, "pck_by_subset.csv", EvaluationTables.pckCsv(breakdownRows));
      JobOutput.text(sink, "curves.csv", EvaluationTables.pckCsv(curveRows));
      JobOutput.text(sink, "visibility.csv", VisibilityScore.csv(visibility));
      JobOutput.text(sink, "viewpoints.csv", ViewpointAccuracy.csv(viewpoints));
      List<PckRow> tableRows = new ArrayList<>(pckRows);
      tableRows.addAll(breakdownRows);
      List<TextTable> tables = new ArrayList<>(PaperTables.all(tableRows, s.headlineAlpha()));
      if (!visibility.isEmpty()) {
        tables.add(VisibilityScore.table(visibility));
      }
      if (!viewpoints.isEmpty()) {
        tables.add(ViewpointAccuracy.table(viewpoints));
      }
      StringBuilder all = new StringBuilder("# PCK tables\n\n");
      for (TextTable t : tables) {
        JobOutput.text(sink, "tables/" + t.name() + ".md", t.toMarkdown());
        JobOutput.text(sink, "tables/" + t.name() + ".csv", t.toCsv());
        all.append(t.toMarkdown()).append('\n');
      }
      JobOutput.text(sink, "tables.md", all.toString());
      writeCharts(sink, curveRows);
  
      Summary summary = new Summary(gtRows.size(), rejectRows.size(), predictionRows, duplicates, scoredRows, missing,
          rejected, unscored, runCount, pckRows, missingByRun, tables, (System.nanoTime() - t0) / 1e9);
      JobOutput.text(sink, "summary.json", summaryJson(summary, pckRows, visibility, s.headlineAlpha()));
      scored.unpersist();
      gt.unpersist();
      pd.unpersist();
      return summary;
    }
  }

  /**
   * The infer run's rejects ({@code DIR/rejects} beside {@code DIR/predictions}; none when the
   * predictions are given as a bare table): dataset, category, image_id, pair_id, method,
   * setting, each null category, method or setting standing for all.
   */
  static Dataset<Row> inferRejects(SparkSession spark, String predictions) {
    HadoopDataRoot root = Locations.root(spark, predictions);
    Dataset<Row> r = null;
    if (!root.list("predictions").isEmpty() && !root.list("rejects").isEmpty()) {
      r = spark.read().parquet(Locations.join(predictions, "rejects"));
    }
    if (r == null) {
      return spark.createDataFrame(List.of(), EvaluationTables.INFER_REJECT_KEYS);
    }
    if (!Arrays.asList(r.columns()).contains("method")) {
      r = r.withColumn("method", lit(null).cast(DataTypes.StringType));
    }
    return r.select("dataset", "category", "image_id", "pair_id", "method", "setting");
  }

  /**
   * The infer run's viewpoints ({@code DIR/viewpoints} beside {@code DIR/predictions}, docs/TABLES.md)
   * scored per data set, category and setting over the images with a true camera; none without
   * that table.
   */
  static List<ViewpointAccuracy> viewpointAccuracy(SparkSession spark, String predictions) {
    HadoopDataRoot root = Locations.root(spark, predictions);
    if (root.list("predictions").isEmpty() || root.list("viewpoints").isEmpty()) {
      return List.of();
    }
    Dataset<Row> v = spark.read().parquet(Locations.join(predictions, "viewpoints"))
        .where(col("error_deg").isNotNull());
    // Exact medians (Spark's percentile interpolates between the middle two, as Metrics.median),
    // aggregated on the executors: no image's angle travels to the driver.
    double limit = ViewpointAccuracy.ACCURACY_DEG;
    List<ViewpointAccuracy> out = new ArrayList<>();
    for (Row r : v.groupBy("dataset", "category", "setting")
        .agg(count(lit(1)), expr("percentile(error_deg, 0.5)"),
            avg(when(col("error_deg").leq(limit), 1.0).otherwise(0.0)),
            expr("percentile(initial_error_deg, 0.5)"),
            avg(when(col("initial_error_deg").leq(limit), 1.0).otherwise(0.0)))
        .orderBy("dataset", "category", "setting").collectAsList()) {
      out.add(new ViewpointAccuracy(r.getString(0), r.getString(1), r.getString(2), (int) r.getLong(3),
          r.getDouble(4), r.getDouble(5), r.getDouble(6), r.getDouble(7)));
    }
    return out;
  }

  /**
   * The (dataset, category, unit, method, setting) keys of the runs' rejected units, with a
   * non-null {@code unit_rejected}: a reject names its unit by {@code unitColumn} (image_id or
   * pair_id) and applies to every run it matches (null category, method or setting: all).
   */
  private static Dataset<Row> rejectedUnits(Dataset<Row> rejects, Dataset<Row> runs, String unitColumn) {
    Dataset<Row> r = rejects.select(col("dataset").as("r_dataset"), col("category").as("r_category"),
        col(unitColumn).as("r_unit"), col("method").as("r_method"), col("setting").as("r_setting"));
    return runs.join(r, col("dataset").equalTo(col("r_dataset"))
            .and(col("r_category").isNull().or(col("r_category").equalTo(col("category"))))
            .and(col("r_method").isNull().or(col("r_method").equalTo(col("method"))))
            .and(col("r_setting").isNull().or(col("r_setting").equalTo(col("setting")))))
        .select(col("dataset"), col("category"), col("r_unit").as(unitColumn), col("method"), col("setting"))
        .distinct().withColumn("unit_rejected", lit(true));
  }

  /** Predicted against true visibility per run, over every keypoint the truth has. */
  private static List<VisibilityScore> visibility(SparkSession spark, List<Row> truth, Dataset<Row> singlePreds) {
    if (truth.isEmpty()) {
      return List.of();
    }
    Dataset<Row> t = spark.createDataFrame(truth, EvaluationTables.VISIBILITY_TRUTH);
    List<VisibilityScore> out = new ArrayList<>();
    for (Row r : t.join(singlePreds, seq("dataset", "category", "image_id", "keypoint_id"))
        .groupBy("dataset", "category", "method", "setting")
        .agg(sumIf(col("visible").and(col("true_visible"))), sumIf(col("visible").and(not(col("true_visible")))),
            sumIf(not(col("visible")).and(col("true_visible"))), sumIf(not(col("visible")).and(not(col("true_visible")))))
        .orderBy("dataset", "category", "method", "setting").collectAsList()) {
      out.add(new VisibilityScore(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getLong(4),
          r.getLong(5), r.getLong(6), r.getLong(7)));
    }
    return out;
  }

  private static org.apache.spark.sql.Column sumIf(org.apache.spark.sql.Column c) {
    return org.apache.spark.sql.functions.sum(when(c, 1L).otherwise(0L));
  }

  /** Sorted by data set, category (all last), run, unit, averaging, keypoint, breakdown, subset, tau, alpha. */
  static List<PckRow> sorted(List<PckRow> rows) {
    List<PckRow> out = new ArrayList<>(rows);
    out.sort(java.util.Comparator.comparing(PckRow::dataset)
        .thenComparing(r -> r.category().equals(PckRow.ALL) ? "~" : r.category())
        .thenComparing(PckRow::method).thenComparing(PckRow::setting).thenComparing(PckRow::protocol)
        .thenComparing(PckRow::unit).thenComparing(PckRow::averaging)
        .thenComparing(r -> r.keypointId() == null ? -1 : r.keypointId())
        .thenComparing(r -> r.overall() ? -1 : PckRow.BREAKDOWNS.indexOf(r.breakdown()))
        .thenComparing(r -> PckRow.subsets(r.breakdown()).indexOf(r.subset()))
        .thenComparing(PckRow::tau).thenComparing(PckRow::alpha));
    return out;
  }

  private static void writePck(SparkSession spark, List<PckRow> rows, String location) {
    List<Row> out = new ArrayList<>();
    for (PckRow r : rows) {
      out.add(EvaluationTables.row(r));
    }
    spark.createDataFrame(out, EvaluationTables.PCK).coalesce(1).write().mode("overwrite").parquet(location);
  }

  /** One PNG per data set and tau, one line per run. */
  static void writeCharts(HadoopDataSink sink, List<PckRow> curves) {
    Map<String, Map<String, List<PckRow>>> byChart = new TreeMap<>();
    for (PckRow r : curves) {
      String run = new PaperTables.Run(r.method(), r.setting(), r.protocol()).label();
      byChart.computeIfAbsent(r.dataset() + "-" + r.tau(), k -> new LinkedHashMap<>())
          .computeIfAbsent(run, k -> new ArrayList<>()).add(r);
    }
    for (Map.Entry<String, Map<String, List<PckRow>>> chart : byChart.entrySet()) {
      Map<String, PckCurveChart.Series> series = new LinkedHashMap<>();
      for (Map.Entry<String, List<PckRow>> e : chart.getValue().entrySet()) {
        List<PckRow> pts = new ArrayList<>(e.getValue());
        pts.sort((a, b) -> Double.compare(a.alpha(), b.alpha()));
        series.put(e.getKey(), new PckCurveChart.Series(
            pts.stream().mapToDouble(PckRow::alpha).toArray(), pts.stream().mapToDouble(PckRow::pck).toArray()));
      }
      String[] dsTau = chart.getKey().split("-", 2);
      byte[] png = PckCurveChart.png("PCK vs alpha, " + dsTau[0] + " (tau " + dsTau[1] + ", all categories)",
          "alpha (tau_" + dsTau[1] + ")", series);
      try {
        sink.write("plots/pck-" + chart.getKey() + ".png", png);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + sink.describe("plots/pck-" + chart.getKey() + ".png"), e);
      }
    }
  }

  private static void progress(String step, long t0) {
    System.err.printf(Locale.ROOT, "evaluate: %s done at %.1f s%n", step, (System.nanoTime() - t0) / 1e9);
  }

  static String summaryJson(Summary s, List<PckRow> pck, List<VisibilityScore> visibility, double alpha) {
    ObjectNode o = JsonFields.nodes().objectNode();
    ObjectNode counts = o.putObject("counts");
    counts.put("ground_truth_keypoints", s.groundTruthRows());
    counts.put("ground_truth_rejects", s.groundTruthRejects());
    counts.put("prediction_rows", s.predictionRows());
    counts.put("duplicate_predictions", s.duplicatePredictions());
    counts.put("unscored_predictions", s.unscoredPredictions());
    counts.put("runs", s.runs());
    counts.put("scored_rows", s.scoredRows());
    counts.put("missing_predictions", s.missing());
    counts.put("rejected_keypoints", s.rejected());
    ArrayNode m = o.putArray("missing_by_run");
    for (Missing x : s.missingByRun()) {
      ObjectNode n = m.addObject();
      n.put("dataset", x.dataset());
      n.put("method", x.method());
      n.put("setting", x.setting());
      n.put("protocol", x.protocol());
      n.put("keypoints", x.keypoints());
      n.put("missing", x.missing());
      n.put("rejected", x.rejected());
    }
    o.put("headline_alpha", alpha);
    ArrayNode h = o.putArray("headline");
    for (PckRow r : pck) {
      if (r.keypointId() == null && Math.abs(r.alpha() - alpha) < 1e-9) {
        ObjectNode n = h.addObject();
        n.put("dataset", r.dataset());
        n.put("category", r.category());
        n.put("method", r.method());
        n.put("setting", r.setting());
        n.put("protocol", r.protocol());
        n.put("unit", r.unit());
        n.put("tau", r.tau());
        n.put("averaging", r.averaging());
        n.put("pck", r.pck());
        n.put("keypoints", r.keypoints());
        n.put("units", r.units());
        n.put("missing", r.missing());
        n.put("rejected", r.rejected());
      }
    }
    ArrayNode hard = o.putArray("hardness");
    for (TextTable t : s.tables()) {
      if (PaperTables.HARDNESS.contains(t.name())) {
        ObjectNode n = hard.addObject();
        n.put("table", t.name());
        n.put("title", t.title());
        ArrayNode header = n.putArray("header");
        t.header().forEach(header::add);
        ArrayNode body = n.putArray("rows");
        for (List<String> r : t.rows()) {
          ArrayNode line = body.addArray();
          r.forEach(line::add);
        }
      }
    }
    ArrayNode vis = o.putArray("visibility");
    for (VisibilityScore v : visibility) {
      ObjectNode n = vis.addObject();
      n.put("dataset", v.dataset());
      n.put("category", v.category());
      n.put("method", v.method());
      n.put("setting", v.setting());
      n.put("precision", v.precision());
      n.put("recall", v.recall());
      n.put("visible", v.truePositives() + v.falseNegatives());
      n.put("hidden", v.falsePositives() + v.trueNegatives());
    }
    o.put("seconds", s.seconds());
    return new String(JsonFields.toBytes(o), java.nio.charset.StandardCharsets.UTF_8);
  }

}
