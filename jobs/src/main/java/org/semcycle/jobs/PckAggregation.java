package org.semcycle.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.semcycle.evaluation.PckRow;

/**
 * Spark SQL aggregation of the scored table ({@link EvaluateJob}) into {@link PckRow}s. Each
 * scored row gets one 0/1 column per (tau, alpha): correct when {@code distance <= alpha * tau}
 * (NaN distances never are), and one for a flip: within {@code alpha * tau} of the reflection
 * partner's true position and not correct. Each row is counted in the subsets it belongs to
 * ({@link #BREAKDOWNS}: every row in {@code all / all}; pairs by SPair's viewpoint, scale,
 * truncation and occlusion flags; images by condition; every row by ambiguity). Two passes with
 * GROUPING SETS per run (dataset, method, setting, protocol, unit) and subset: means over
 * keypoints ({@code per-keypoint}), and means over units of each unit's mean ({@code per-pair},
 * HPF; the unit is the pair, or the image for unit = image), by category + keypoint id (subset
 * all / all only), by category, and over all categories. The results are small and collected on
 * the driver.
 */
public final class PckAggregation {
  private static final String RUN = "dataset, method, setting, protocol, unit, breakdown, subset";
  private static final AtomicInteger VIEWS = new AtomicInteger();

  /**
   * The subsets a scored row belongs to, as a Spark SQL array of (breakdown, subset) structs.
   * Images count as clean when neither truncated nor occluded, in both of those when both.
   */
  static final String BREAKDOWNS = "filter(array("
      + "named_struct('breakdown', 'all', 'subset', 'all'),"
      + " CASE WHEN unit = 'pair' AND viewpoint_variation IS NOT NULL THEN named_struct('breakdown', 'viewpoint',"
      + "   'subset', element_at(array('easy', 'medium', 'hard'), viewpoint_variation + 1)) END,"
      + " CASE WHEN unit = 'pair' AND scale_variation IS NOT NULL THEN named_struct('breakdown', 'scale',"
      + "   'subset', element_at(array('easy', 'medium', 'hard'), scale_variation + 1)) END,"
      + " CASE WHEN unit = 'pair' AND truncation IS NOT NULL THEN named_struct('breakdown', 'truncation',"
      + "   'subset', element_at(array('none', 'source', 'target', 'both'), truncation + 1)) END,"
      + " CASE WHEN unit = 'pair' AND occlusion IS NOT NULL THEN named_struct('breakdown', 'occlusion',"
      + "   'subset', element_at(array('none', 'source', 'target', 'both'), occlusion + 1)) END,"
      + " CASE WHEN unit = 'image' AND truncated IS NOT NULL AND NOT truncated AND NOT occluded"
      + "   THEN named_struct('breakdown', 'condition', 'subset', 'clean') END,"
      + " CASE WHEN unit = 'image' AND truncated THEN named_struct('breakdown', 'condition', 'subset', 'truncated') END,"
      + " CASE WHEN unit = 'image' AND occluded THEN named_struct('breakdown', 'condition', 'subset', 'occluded') END,"
      + " named_struct('breakdown', 'ambiguity', 'subset', CASE WHEN ambiguous THEN 'ambiguous' ELSE 'unambiguous' END)"
      + "), x -> x IS NOT NULL)";

  /** The three lists evaluate writes: over every unit, by subset, and the curves. */
  public record Result(List<PckRow> pck, List<PckRow> breakdowns, List<PckRow> curves) {}

  private PckAggregation() {}

  /**
   * Aggregates. {@code alphas}: the tables' thresholds; {@code curveAlphas}: the curves' (only
   * all categories, per keypoint, the paper's unit: image for single, pair for pair protocol).
   */
  public static Result aggregate(SparkSession spark, Dataset<Row> scored, double[] alphas, double[] curveAlphas) {
    TreeSet<Double> set = new TreeSet<>();
    Arrays.stream(alphas).forEach(set::add);
    Arrays.stream(curveAlphas).filter(a -> !contains(alphas, a)).forEach(set::add);
    double[] all = set.stream().mapToDouble(Double::doubleValue).toArray();
    String[] taus = {"img", "bbox"};
    Dataset<Row> exploded = scored.withColumn("b", explode(expr(BREAKDOWNS)));
    List<Column> cols = new ArrayList<>(List.of(col("dataset"), col("method"), col("setting"), col("protocol"),
        col("unit"), col("b.breakdown").as("breakdown"), col("b.subset").as("subset"), col("category"),
        col("keypoint_id"),
        concat_ws("/", col("category"), when(col("pair_id").isNull(), col("image_id")).otherwise(col("pair_id")))
            .as("unit_key"),
        when(col("missing"), 1L).otherwise(0L).as("missing_n"),
        when(col("rejected"), 1L).otherwise(0L).as("rejected_n")));
    List<String> names = new ArrayList<>();
    for (String tau : taus) {
      for (int i = 0; i < all.length; i++) {
        String c = "c_" + tau + "_" + i;
        String f = "f_" + tau + "_" + i;
        Column within = col("distance").leq(lit(all[i]).multiply(col("tau_" + tau)));
        Column partner = col("partner_distance").leq(lit(all[i]).multiply(col("tau_" + tau)));
        cols.add(when(within, 1.0).otherwise(0.0).as(c));
        cols.add(when(partner.and(not(within)), 1.0).otherwise(0.0).as(f));
        names.add(c);
        names.add(f);
      }
    }
    String view = "semcycle_scored_" + VIEWS.incrementAndGet();
    exploded.select(cols.toArray(new Column[0])).createOrReplaceTempView(view);
    StringBuilder means = new StringBuilder();
    for (String n : names) {
      means.append(", AVG(").append(n).append(") AS ").append(n);
    }
    String perKeypoint = "SELECT " + RUN + ", category, keypoint_id,"
        + " grouping(category) AS g_cat, grouping(keypoint_id) AS g_kp,"
        + " COUNT(*) AS keypoints, CAST(-1 AS BIGINT) AS units, SUM(missing_n) AS missing,"
        + " SUM(rejected_n) AS rejected" + means
        + " FROM " + view + " GROUP BY GROUPING SETS ((" + RUN + ", category, keypoint_id), (" + RUN + ", category), ("
        + RUN + "))";
    String perUnit = "WITH u AS (SELECT " + RUN + ", category, unit_key,"
        + " COUNT(*) AS n, SUM(missing_n) AS m, SUM(rejected_n) AS r" + means + " FROM " + view
        + " GROUP BY " + RUN + ", category, unit_key)"
        + " SELECT " + RUN + ", category, CAST(NULL AS INT) AS keypoint_id,"
        + " grouping(category) AS g_cat, 1 AS g_kp,"
        + " SUM(n) AS keypoints, COUNT(*) AS units, SUM(m) AS missing, SUM(r) AS rejected" + means
        + " FROM u GROUP BY GROUPING SETS ((" + RUN + ", category), (" + RUN + "))";
    List<PckRow> pck = new ArrayList<>();
    List<PckRow> breakdowns = new ArrayList<>();
    List<PckRow> curves = new ArrayList<>();
    try {
      // Units of a group come from the per-unit pass (one row per unit there); at keypoint level a
      // unit holds each id once, so units = keypoints.
      List<Row> unitRows = spark.sql(perUnit).collectAsList();
      Map<String, Long> units = new HashMap<>();
      for (Row r : unitRows) {
        units.put(group(r), ((Number) r.getAs("units")).longValue());
      }
      for (Row r : spark.sql(perKeypoint).collectAsList()) {
        boolean byKeypoint = ((Number) r.getAs("g_kp")).intValue() == 0;
        long n = byKeypoint ? ((Number) r.getAs("keypoints")).longValue() : units.getOrDefault(group(r), 0L);
        expand(r, n, PckRow.PER_KEYPOINT, taus, all, alphas, curveAlphas, pck, breakdowns, curves);
      }
      for (Row r : unitRows) {
        expand(r, ((Number) r.getAs("units")).longValue(), PckRow.PER_PAIR, taus, all, alphas, curveAlphas, pck,
            breakdowns, curves);
      }
    } finally {
      spark.catalog().dropTempView(view);
    }
    return new Result(pck, breakdowns, curves);
  }

  /** The group of a result row: run, subset, category (or all). */
  private static String group(Row r) {
    boolean allCats = ((Number) r.getAs("g_cat")).intValue() == 1;
    return String.join("|", r.getAs("dataset"), r.getAs("method"), r.getAs("setting"), r.getAs("protocol"),
        r.getAs("unit"), r.getAs("breakdown"), r.getAs("subset"), allCats ? "*" : r.getAs("category"));
  }

  private static void expand(Row r, long units, String averaging, String[] taus, double[] all, double[] alphas,
      double[] curveAlphas, List<PckRow> pck, List<PckRow> breakdowns, List<PckRow> curves) {
    boolean allCats = ((Number) r.getAs("g_cat")).intValue() == 1;
    boolean byKeypoint = ((Number) r.getAs("g_kp")).intValue() == 0;
    String breakdown = r.getAs("breakdown");
    String subset = r.getAs("subset");
    boolean overall = PckRow.ALL.equals(breakdown);
    if (byKeypoint && !overall) {
      return; // per-keypoint values only over every unit
    }
    String unit = r.getAs("unit");
    String protocol = r.getAs("protocol");
    String category = allCats ? PckRow.ALL : r.getAs("category");
    Integer keypoint = byKeypoint ? r.getAs("keypoint_id") : null;
    boolean flips = PckRow.AMBIGUITY.equals(breakdown) && "ambiguous".equals(subset);
    for (String tau : taus) {
      for (int i = 0; i < all.length; i++) {
        double a = all[i];
        double value = ((Number) r.getAs("c_" + tau + "_" + i)).doubleValue();
        double flip = flips ? ((Number) r.getAs("f_" + tau + "_" + i)).doubleValue() : Double.NaN;
        PckRow row = new PckRow(r.getAs("dataset"), category, keypoint, r.getAs("method"), r.getAs("setting"), protocol,
            unit, tau, a, averaging, value, ((Number) r.getAs("keypoints")).longValue(), units,
            ((Number) r.getAs("missing")).longValue(), ((Number) r.getAs("rejected")).longValue(), breakdown, subset,
            flip);
        if (contains(alphas, a)) {
          (overall ? pck : breakdowns).add(row);
        }
        if (contains(curveAlphas, a) && overall && allCats && keypoint == null
            && averaging.equals(PckRow.PER_KEYPOINT) && unit.equals(PckRow.headlineUnit(protocol))) {
          curves.add(row);
        }
      }
    }
  }

  private static boolean contains(double[] xs, double x) {
    for (double v : xs) {
      if (Math.abs(v - x) < 1e-9) {
        return true;
      }
    }
    return false;
  }
}
