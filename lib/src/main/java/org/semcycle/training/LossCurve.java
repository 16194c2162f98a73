package org.semcycle.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** Draws train and validation loss per epoch into a PNG with XChart. */
public final class LossCurve {
  private LossCurve() {}

  /** Writes the chart of the rows to png (the ".png" suffix is added by XChart if missing). */
  public static void write(String title, List<TrainingLog.Row> rows, Path png) throws IOException {
    if (rows.isEmpty()) {
      return;
    }
    System.setProperty("java.awt.headless", "true");
    XYChart chart =
        new XYChartBuilder().width(640).height(400).title(title).xAxisTitle("epoch")
            .yAxisTitle("loss").build();
    // Epochs whose loss is not finite (a diverging run) are left out of the line, not drawn:
    // XChart refuses infinite values, and a picture must never stop training.
    addFinite(chart, "train", rows, TrainingLog.Row::trainLoss);
    addFinite(chart, "validation", rows, TrainingLog.Row::valLoss);
    if (chart.getSeriesMap().isEmpty()) {
      return;
    }
    String name = png.toString();
    if (name.endsWith(".png")) {
      name = name.substring(0, name.length() - 4);
    }
    BitmapEncoder.saveBitmap(chart, name, BitmapEncoder.BitmapFormat.PNG);
  }

  private static void addFinite(XYChart chart, String name, List<TrainingLog.Row> rows,
      java.util.function.ToDoubleFunction<TrainingLog.Row> value) {
    List<double[]> points = rows.stream()
        .filter(r -> Double.isFinite(value.applyAsDouble(r)))
        .map(r -> new double[] {r.epoch(), value.applyAsDouble(r)})
        .toList();
    if (!points.isEmpty()) {
      chart.addSeries(name, points.stream().mapToDouble(p -> p[0]).toArray(),
          points.stream().mapToDouble(p -> p[1]).toArray());
    }
  }
}
