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
    double[] x = new double[rows.size()];
    double[] train = new double[rows.size()];
    double[] val = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      x[i] = rows.get(i).epoch();
      train[i] = rows.get(i).trainLoss();
      val[i] = rows.get(i).valLoss();
    }
    XYChart chart =
        new XYChartBuilder().width(640).height(400).title(title).xAxisTitle("epoch")
            .yAxisTitle("loss").build();
    chart.addSeries("train", x, train);
    if (java.util.Arrays.stream(val).allMatch(Double::isFinite)) {
      chart.addSeries("validation", x, val);
    }
    String name = png.toString();
    if (name.endsWith(".png")) {
      name = name.substring(0, name.length() - 4);
    }
    BitmapEncoder.saveBitmap(chart, name, BitmapEncoder.BitmapFormat.PNG);
  }
}
