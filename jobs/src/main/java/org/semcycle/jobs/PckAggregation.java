package org.semcycle.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
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
 * (NaN distances never are). Two passes with GROUPING SETS per run (dataset, method, setting,
 * protocol, unit): means over keypoints ({@code per-keypoint}), and means over units of each
 * unit's mean ({@code per-pair}, HPF; the unit is the pair, or the image for unit = image), each
 * by category + keypoint id (per keypoint only), by category, over all categories, and for pairs
 * by viewpoint variation. The results are small and collected on the driver.
 */
public final class PckAggregation {
  private static final String RUN = "dataset, method, setting, protocol, unit";
  private static final AtomicInteger VIEWS = new AtomicInteger();

  /** The three lists evaluate writes. */
  public record Result(List<PckRow> pck, List<PckRow> byViewpoint, List<PckRow> curves) {}

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
    List<Column> cols = new ArrayList<>(List.of(col("dataset"), col("method"), col("setting"), col("protocol"),
        col("unit"), col("category"), col("keypoint_id"), col("viewpoint_variation"),
        concat_ws("/", col("category"), when(col("pair_id").isNull(), col("image_id")).otherwise(col("pair_id")))
            .as("unit_key"),
        when(col("missing"), 1L).otherwise(0L).as("missing_n")));
    List<String> names = new ArrayList<>();
    for (String tau : taus) {
      for (int i = 0; i < all.length; i++) {
        String n = "c_" + tau + "_" + i;
        cols.add(when(col("distance").leq(lit(all[i]).multiply(col("tau_" + tau))), 1.0).otherwise(0.0).as(n));
        names.add(n);
      }
    }
    String view = "semcycle_scored_" + VIEWS.incrementAndGet();
    scored.select(cols.toArray(new Column[0])).createOrReplaceTempView(view);
    StringBuilder means = new StringBuilder();
    StringBuilder unitMeans = new StringBuilder();
    for (String n : names) {
      means.append(", AVG(").append(n).append(") AS ").append(n);
      unitMeans.append(", AVG(").append(n).append(") AS ").append(n);
    }
    String perKeypoint = "SELECT " + RUN + ", category, keypoint_id, viewpoint_variation,"
        + " grouping(category) AS g_cat, grouping(keypoint_id) AS g_kp, grouping(viewpoint_variation) AS g_vp,"
        + " COUNT(*) AS keypoints, CAST(-1 AS BIGINT) AS units, SUM(missing_n) AS missing" + means
        + " FROM " + view + " GROUP BY GROUPING SETS ((" + RUN + ", category, keypoint_id), (" + RUN + ", category), ("
        + RUN + "), (" + RUN + ", category, viewpoint_variation), (" + RUN + ", viewpoint_variation))";
    String perUnit = "WITH u AS (SELECT " + RUN + ", category, unit_key, FIRST(viewpoint_variation) AS viewpoint_variation,"
        + " COUNT(*) AS n, SUM(missing_n) AS m" + unitMeans + " FROM " + view + " GROUP BY " + RUN + ", category, unit_key)"
        + " SELECT " + RUN + ", category, CAST(NULL AS INT) AS keypoint_id, viewpoint_variation,"
        + " grouping(category) AS g_cat, 1 AS g_kp, grouping(viewpoint_variation) AS g_vp,"
        + " SUM(n) AS keypoints, COUNT(*) AS units, SUM(m) AS missing" + means
        + " FROM u GROUP BY GROUPING SETS ((" + RUN + ", category), (" + RUN + "), (" + RUN
        + ", category, viewpoint_variation), (" + RUN + ", viewpoint_variation))";
    List<PckRow> pck = new ArrayList<>();
    List<PckRow> vp = new ArrayList<>();
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
        expand(r, n, PckRow.PER_KEYPOINT, taus, all, alphas, curveAlphas, pck, vp, curves);
      }
      for (Row r : unitRows) {
        expand(r, ((Number) r.getAs("units")).longValue(), PckRow.PER_PAIR, taus, all, alphas, curveAlphas, pck, vp,
            curves);
      }
    } finally {
      spark.catalog().dropTempView(view);
    }
    return new Result(pck, vp, curves);
  }

  /** The group of a result row: run, category (or all), viewpoint (or every). */
  private static String group(Row r) {
    boolean allCats = ((Number) r.getAs("g_cat")).intValue() == 1;
    boolean byViewpoint = ((Number) r.getAs("g_vp")).intValue() == 0;
    return String.join("|", r.getAs("dataset"), r.getAs("method"), r.getAs("setting"), r.getAs("protocol"),
        r.getAs("unit"), allCats ? "*" : r.getAs("category"), byViewpoint ? String.valueOf((Object) r.getAs("viewpoint_variation")) : "*");
  }

  private static void expand(Row r, long units, String averaging, String[] taus, double[] all, double[] alphas, double[] curveAlphas,
      List<PckRow> pck, List<PckRow> vp, List<PckRow> curves) {
    boolean allCats = ((Number) r.getAs("g_cat")).intValue() == 1;
    boolean byKeypoint = ((Number) r.getAs("g_kp")).intValue() == 0;
    boolean byViewpoint = ((Number) r.getAs("g_vp")).intValue() == 0;
    Integer vv = r.getAs("viewpoint_variation");
    String unit = r.getAs("unit");
    String protocol = r.getAs("protocol");
    if (byViewpoint && (vv == null || !unit.equals("pair"))) {
      return; // images, and pairs without a viewpoint variation (PF-PASCAL)
    }
    String category = allCats ? PckRow.ALL : r.getAs("category");
    Integer keypoint = byKeypoint ? r.getAs("keypoint_id") : null;
    String viewpoint = byViewpoint ? PckRow.viewpointLabel(vv) : null;
    for (String tau : taus) {
      for (int i = 0; i < all.length; i++) {
        double a = all[i];
        double value = ((Number) r.getAs("c_" + tau + "_" + i)).doubleValue();
        PckRow row = new PckRow(r.getAs("dataset"), category, keypoint, r.getAs("method"), r.getAs("setting"), protocol,
            unit, tau, a, averaging, value, ((Number) r.getAs("keypoints")).longValue(),
            units, ((Number) r.getAs("missing")).longValue(), viewpoint);
        if (contains(alphas, a)) {
          (byViewpoint ? vp : pck).add(row);
        }
        if (contains(curveAlphas, a) && !byViewpoint && allCats && keypoint == null
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
