package org.semcycle.evaluation;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.semcycle.geometry.Vec3;

/**
 * PCK in 3D: the fraction of keypoints whose transferred position lies within a Euclidean
 * distance threshold of the truth (object units, ShapeNet-normalised frame), as a curve over
 * thresholds (default 0.01, 0.02, ..., 0.10). Averaged over keypoints. Every ground-truth
 * keypoint counts; a missing prediction counts as wrong at every threshold; predictions of ids
 * the truth lacks are ignored.
 */
public final class Pck3d {
  /** 0.01, 0.02, ..., 0.10. */
  public static final double[] DEFAULT_THRESHOLDS = {
    0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.10
  };

  private Pck3d() {}

  /** PCK of one model's predicted vs true keypoints (by semantic id). */
  public static Curve curve(Map<Integer, Vec3> predicted, Map<Integer, Vec3> truth) {
    Accumulator a = new Accumulator(DEFAULT_THRESHOLDS);
    a.add(predicted, truth);
    return a.curve();
  }

  /** Accumulates keypoints over many models. */
  public static final class Accumulator {
    private final double[] thresholds;
    private final long[] hits;
    private long count;

    public Accumulator() {
      this(DEFAULT_THRESHOLDS);
    }

    public Accumulator(double[] thresholds) {
      if (thresholds.length == 0) {
        throw new IllegalArgumentException("no thresholds");
      }
      this.thresholds = thresholds.clone();
      this.hits = new long[thresholds.length];
    }

    /** Scores every keypoint of {@code truth}; ids missing from {@code predicted} are wrong. */
    public Accumulator add(Map<Integer, Vec3> predicted, Map<Integer, Vec3> truth) {
      truth.forEach((id, t) -> {
        Vec3 p = predicted.get(id);
        if (p == null) {
          addMissing();
        } else {
          addDistance(p.distance(t));
        }
      });
      return this;
    }

    /** One keypoint at this distance from its truth. */
    public Accumulator addDistance(double distance) {
      count++;
      for (int i = 0; i < thresholds.length; i++) {
        if (distance <= thresholds[i]) {
          hits[i]++;
        }
      }
      return this;
    }

    /** One keypoint with no prediction. */
    public Accumulator addMissing() {
      count++;
      return this;
    }

    public Curve curve() {
      double[] pck = new double[thresholds.length];
      for (int i = 0; i < pck.length; i++) {
        pck[i] = count == 0 ? Double.NaN : (double) hits[i] / count;
      }
      return new Curve(thresholds, pck, count);
    }
  }

  /** PCK per threshold over {@code keypoints} scored keypoints (NaN when none). */
  public record Curve(double[] thresholds, double[] pck, long keypoints) {
    public Curve {
      thresholds = thresholds.clone();
      pck = pck.clone();
    }

    @Override
    public double[] thresholds() {
      return thresholds.clone();
    }

    @Override
    public double[] pck() {
      return pck.clone();
    }

    /** PCK at a threshold of the curve. */
    public double at(double threshold) {
      for (int i = 0; i < thresholds.length; i++) {
        if (Math.abs(thresholds[i] - threshold) < 1e-9) {
          return pck[i];
        }
      }
      throw new IllegalArgumentException(
          "threshold " + threshold + " not in " + Arrays.toString(thresholds));
    }

    /** {@code threshold,pck,keypoints} lines with a header. */
    public String toCsv() {
      StringBuilder sb = new StringBuilder("threshold,pck,keypoints\n");
      for (int i = 0; i < thresholds.length; i++) {
        sb.append(String.format(Locale.ROOT, "%.4f,%.6f,%d%n", thresholds[i], pck[i], keypoints));
      }
      return sb.toString();
    }
  }

  /**
   * Several named curves over the same thresholds as one CSV: {@code threshold,<name>...} with a
   * last line {@code keypoints,<count>...}.
   */
  public static String toCsv(Map<String, Curve> curves) {
    if (curves.isEmpty()) {
      throw new IllegalArgumentException("no curves");
    }
    double[] th = curves.values().iterator().next().thresholds();
    StringBuilder sb = new StringBuilder("threshold");
    for (Map.Entry<String, Curve> e : curves.entrySet()) {
      if (!Arrays.equals(th, e.getValue().thresholds())) {
        throw new IllegalArgumentException("curve " + e.getKey() + " has other thresholds");
      }
      sb.append(',').append(e.getKey().replace(',', ' '));
    }
    sb.append('\n');
    for (int i = 0; i < th.length; i++) {
      sb.append(String.format(Locale.ROOT, "%.4f", th[i]));
      for (Curve c : curves.values()) {
        sb.append(String.format(Locale.ROOT, ",%.6f", c.pck()[i]));
      }
      sb.append('\n');
    }
    sb.append("keypoints");
    for (Curve c : curves.values()) {
      sb.append(',').append(c.keypoints());
    }
    return sb.append('\n').toString();
  }

  /** A PNG line plot (XChart) of one or more named curves. */
  public static byte[] plotPng(String title, Map<String, Curve> curves, int width, int height)
      throws IOException {
    XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
        .xAxisTitle("distance threshold").yAxisTitle("PCK-3D").build();
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    curves.forEach((name, c) -> chart.addSeries(name, c.thresholds(), c.pck()));
    return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
  }
}
