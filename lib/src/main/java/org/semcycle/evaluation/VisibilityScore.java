package org.semcycle.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Predicted visibility scored against the truth, for one run (single-image predictions) on one
 * data set and category: over every keypoint of each image's model that the run predicted,
 * visible or not. Precision: the share of keypoints predicted visible that are visible; recall:
 * the share of visible keypoints predicted visible. The 2D matchers predict every keypoint
 * visible, so only the cycle's values say something.
 */
public record VisibilityScore(String dataset, String category, String method, String setting,
    long truePositives, long falsePositives, long falseNegatives, long trueNegatives) {

  /** NaN when nothing was predicted visible. */
  public double precision() {
    long p = truePositives + falsePositives;
    return p == 0 ? Double.NaN : truePositives / (double) p;
  }

  /** NaN when nothing is visible. */
  public double recall() {
    long v = truePositives + falseNegatives;
    return v == 0 ? Double.NaN : truePositives / (double) v;
  }

  /** CSV with a header; empty cells for NaN. */
  public static String csv(List<VisibilityScore> rows) {
    StringBuilder sb = new StringBuilder("dataset,category,method,setting,true_positives,false_positives,"
        + "false_negatives,true_negatives,precision,recall\n");
    for (VisibilityScore r : rows) {
      sb.append(String.join(",", r.dataset, r.category, r.method, r.setting, Long.toString(r.truePositives),
          Long.toString(r.falsePositives), Long.toString(r.falseNegatives), Long.toString(r.trueNegatives),
          fmt(r.precision(), "%.6f", ""), fmt(r.recall(), "%.6f", ""))).append('\n');
    }
    return sb.toString();
  }

  /** The {@code visibility} table: one row per run, data set and category. */
  public static TextTable table(List<VisibilityScore> rows) {
    List<List<String>> body = new ArrayList<>();
    for (VisibilityScore r : rows) {
      body.add(List.of(r.dataset, r.category, new PaperTables.Run(r.method, r.setting, "single").label(),
          fmt(r.precision(), "%.3f", "-"), fmt(r.recall(), "%.3f", "-"),
          Long.toString(r.truePositives + r.falseNegatives), Long.toString(r.falsePositives + r.trueNegatives)));
    }
    return new TextTable("visibility", "Predicted visibility against the truth (every keypoint of each image's model)",
        List.of("dataset", "category", "run", "precision", "recall", "visible", "hidden"), body);
  }

  private static String fmt(double v, String f, String nan) {
    return Double.isNaN(v) ? nan : String.format(Locale.ROOT, f, v);
  }
}
