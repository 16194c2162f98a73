package org.semcycle.evaluation;

import java.util.Locale;

/**
 * PCK in 2D (PIPELINE.md, "Evaluation"): a predicted keypoint is correct when its Euclidean
 * distance to the truth is at most {@code alpha * tau}; {@code tau_img} = max(width, height) of
 * the target image, {@code tau_bbox} = max(x2 - x1, y2 - y1) of the target object box. A missing
 * or unplaced prediction (NaN distance) is wrong at every threshold.
 */
public final class Pck {
  /** The thresholds every table reports. */
  public static final double[] ALPHAS = {0.05, 0.10, 0.15};

  /** The headline threshold. */
  public static final double HEADLINE_ALPHA = 0.10;

  private Pck() {}

  /** The two normalisations. */
  public enum Tau {
    IMG,
    BBOX;

    /** {@code img} or {@code bbox}, as in tables. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Tau parse(String s) {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
  }

  /** max(width, height) of the image. */
  public static double tauImg(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
    }
    return Math.max(width, height);
  }

  /** max(x2 - x1, y2 - y1) of a box {@code [x1, y1, x2, y2]}. */
  public static double tauBbox(double[] box) {
    if (box == null || box.length != 4) {
      throw new IllegalArgumentException("a box is [x1, y1, x2, y2]");
    }
    double t = Math.max(box[2] - box[0], box[3] - box[1]);
    if (!(t > 0)) {
      throw new IllegalArgumentException("empty box [" + box[0] + ", " + box[1] + ", " + box[2]
          + ", " + box[3] + "]");
    }
    return t;
  }

  /** Euclidean distance; NaN when any coordinate is not finite. */
  public static double distance(double px, double py, double gx, double gy) {
    if (!Double.isFinite(px) || !Double.isFinite(py) || !Double.isFinite(gx) || !Double.isFinite(gy)) {
      return Double.NaN;
    }
    return Math.hypot(px - gx, py - gy);
  }

  /** {@code distance <= alpha * tau}; false for NaN. */
  public static boolean correct(double distance, double alpha, double tau) {
    return distance <= alpha * tau;
  }
}
