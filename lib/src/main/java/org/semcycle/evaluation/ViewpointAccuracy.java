package org.semcycle.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The predicted viewpoints of one run (a cycle setting that predicts its camera) on one data set
 * and category, scored against the true cameras: the median angle between the predicted and the
 * true viewing directions and the share within {@value #ACCURACY_DEG} degrees (the usual
 * Acc@pi/6), for the viewpoint used (fitted, or ViewNet's without fine-tuning) and for ViewNet's
 * initial one, so that a row says what the fine-tuning did to the viewpoint itself.
 *
 * @param images images with a true camera
 * @param medianErrorDeg median angle of the viewpoint used, degrees
 * @param accuracy share of images within {@value #ACCURACY_DEG} degrees
 * @param initialMedianErrorDeg the same for the initial viewpoint
 * @param initialAccuracy the same for the initial viewpoint
 */
public record ViewpointAccuracy(String dataset, String category, String setting, int images,
    double medianErrorDeg, double accuracy, double initialMedianErrorDeg, double initialAccuracy) {

  /** The angle (degrees) within which a viewpoint counts as right. */
  public static final double ACCURACY_DEG = 30;

  /** CSV with a header. */
  public static String csv(List<ViewpointAccuracy> rows) {
    StringBuilder sb = new StringBuilder("dataset,category,setting,images,median_error_deg,accuracy_30,"
        + "initial_median_error_deg,initial_accuracy_30\n");
    for (ViewpointAccuracy r : rows) {
      sb.append(String.join(",", r.dataset, r.category, r.setting, Integer.toString(r.images),
          fmt(r.medianErrorDeg, "%.3f"), fmt(r.accuracy, "%.6f"), fmt(r.initialMedianErrorDeg, "%.3f"),
          fmt(r.initialAccuracy, "%.6f"))).append('\n');
    }
    return sb.toString();
  }

  /** The {@code viewpoint-accuracy} table: one row per data set, category and setting. */
  public static TextTable table(List<ViewpointAccuracy> rows) {
    List<List<String>> body = new ArrayList<>();
    for (ViewpointAccuracy r : rows) {
      body.add(List.of(r.dataset, r.category, new PaperTables.Run(PaperTables.CYCLE, r.setting, "single").label(),
          Integer.toString(r.images), fmt(r.medianErrorDeg, "%.1f"),
          fmt(r.accuracy, "%.3f"), fmt(r.initialMedianErrorDeg, "%.1f"), fmt(r.initialAccuracy, "%.3f")));
    }
    return new TextTable("viewpoint-accuracy", "Predicted viewpoints against the true cameras (angle between viewing"
        + " directions; initial = ViewNet's, before fine-tuning)", List.of("dataset", "category", "run",
        "images", "median deg", "acc@30", "initial median deg", "initial acc@30"), body);
  }

  private static String fmt(double v, String f) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, f, v);
  }
}
