package org.semcycle.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** PCK against alpha as a PNG (XChart): one line per named series. */
public final class PckCurveChart {
  private PckCurveChart() {}

  /** A series: alphas (ascending) and the PCK at each. */
  public record Series(double[] alphas, double[] pck) {}

  /** PNG bytes of the chart; y from 0 to 1. */
  public static byte[] png(String title, String xTitle, Map<String, Series> series) {
    if (series.isEmpty()) {
      throw new IllegalArgumentException("no series for " + title);
    }
    XYChart chart = new XYChartBuilder().width(720).height(480).title(title)
        .xAxisTitle(xTitle).yAxisTitle("PCK").build();
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
    for (Map.Entry<String, Series> e : series.entrySet()) {
      chart.addSeries(e.getKey(), e.getValue().alphas(), e.getValue().pck());
    }
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw " + title, e);
    }
  }
}
