package org.semcycle.training;

import java.util.Arrays;

/**
 * Evaluation metrics of the cycle's networks on plain arrays (one sample at a time, row-major
 * as the networks output them).
 */
public final class Metrics {
  private Metrics() {}

  /** IoU of (pred > threshold) and (truth > 0.5); 1 when both are empty. */
  public static double maskIoU(float[] pred, float[] truth, float threshold) {
    check(pred.length == truth.length, "mask sizes differ");
    long inter = 0;
    long union = 0;
    for (int i = 0; i < pred.length; i++) {
      boolean p = pred[i] > threshold;
      boolean t = truth[i] > 0.5f;
      inter += p && t ? 1 : 0;
      union += p || t ? 1 : 0;
    }
    return union == 0 ? 1.0 : (double) inter / union;
  }

  /** Voxel IoU of sigmoid(logits) > threshold against a {0, 1} occupancy grid. */
  public static double voxelIoU(float[] logits, float[] occupancy, float probabilityThreshold) {
    float logitThreshold = (float) Math.log(probabilityThreshold / (1 - probabilityThreshold));
    return maskIoU(logits, occupancy, logitThreshold);
  }

  /**
   * IoU of sigmoid(logits) > t against a {0, 1} occupancy grid for each probability threshold
   * t, in one pass (entry k for thresholds[k]).
   */
  public static double[] voxelIoUs(float[] logits, float[] occupancy, float[] probabilityThresholds) {
    check(logits.length == occupancy.length, "grid sizes differ");
    int k = probabilityThresholds.length;
    float[] lt = new float[k];
    for (int j = 0; j < k; j++) {
      float t = probabilityThresholds[j];
      check(t > 0 && t < 1, "probability thresholds must lie in (0, 1)");
      lt[j] = (float) Math.log(t / (1 - t));
    }
    long[] inter = new long[k];
    long[] union = new long[k];
    for (int i = 0; i < logits.length; i++) {
      boolean truth = occupancy[i] > 0.5f;
      for (int j = 0; j < k; j++) {
        boolean p = logits[i] > lt[j];
        inter[j] += p && truth ? 1 : 0;
        union[j] += p || truth ? 1 : 0;
      }
    }
    double[] iou = new double[k];
    for (int j = 0; j < k; j++) {
      iou[j] = union[j] == 0 ? 1.0 : (double) inter[j] / union[j];
    }
    return iou;
  }

  /**
   * Absolute azimuth difference in degrees on the circle, in [0, 180] (359 and 1 are 2 apart).
   */
  public static double azimuthError(double az1, double az2) {
    double d = Math.abs(az1 - az2) % 360.0;
    return d > 180 ? 360 - d : d;
  }

  /**
   * Mean absolute relative depth error |p - t| / t over pixels where the mask is > 0.5 and the
   * true depth is positive; NaN when there are none.
   */
  public static double depthAbsRel(float[] pred, float[] truth, float[] mask) {
    check(pred.length == truth.length && mask.length == truth.length, "depth sizes differ");
    double sum = 0;
    long n = 0;
    for (int i = 0; i < truth.length; i++) {
      if (mask[i] > 0.5f && truth[i] > 0) {
        sum += Math.abs(pred[i] - truth[i]) / truth[i];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /**
   * Mean angle in degrees between predicted and true normals (3 x H x W planar layout, each
   * normalised first) over masked pixels (H x W); NaN when the mask is empty.
   */
  public static double normalAngularError(float[] pred, float[] truth, float[] mask) {
    int hw = mask.length;
    check(pred.length == 3 * hw && truth.length == 3 * hw, "normal maps must be 3 x mask size");
    double sum = 0;
    long n = 0;
    for (int i = 0; i < hw; i++) {
      if (mask[i] <= 0.5f) {
        continue;
      }
      double px = pred[i], py = pred[hw + i], pz = pred[2 * hw + i];
      double tx = truth[i], ty = truth[hw + i], tz = truth[2 * hw + i];
      double pn = Math.sqrt(px * px + py * py + pz * pz);
      double tn = Math.sqrt(tx * tx + ty * ty + tz * tz);
      double cos = pn == 0 || tn == 0 ? -1 : (px * tx + py * ty + pz * tz) / (pn * tn);
      sum += Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
      n++;
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /**
   * Angle in degrees between the viewing directions of two (azimuth, elevation) viewpoints
   * (docs/CONVENTIONS.md), i.e. the geodesic distance of the camera positions on the sphere.
   */
  public static double viewpointAngle(double az1, double el1, double az2, double el2) {
    double[] a = direction(az1, el1);
    double[] b = direction(az2, el2);
    double cos = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
  }

  private static double[] direction(double azDeg, double elDeg) {
    double az = Math.toRadians(azDeg);
    double el = Math.toRadians(elDeg);
    return new double[] {Math.cos(el) * Math.sin(az), Math.sin(el), Math.cos(el) * Math.cos(az)};
  }

  /** Median of the values (NaN when empty). */
  public static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] s = values.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }

  /** Fraction of values at most the limit (NaN when empty). */
  public static double fractionWithin(double[] values, double limit) {
    if (values.length == 0) {
      return Double.NaN;
    }
    long n = Arrays.stream(values).filter(v -> v <= limit).count();
    return (double) n / values.length;
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException(what);
    }
  }
}
