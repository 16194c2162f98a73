package org.semcycle.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loss curve is drawn even when an epoch's loss is not finite (the demo once died on it). */
class LossCurveTest {
  @Test
  void nonFiniteLossesAreLeftOutNotFatal(@TempDir Path dir) throws Exception {
    List<TrainingLog.Row> rows = List.of(
        new TrainingLog.Row(1, 1.4, 0.43, new double[0], 1, 1),
        new TrainingLog.Row(2, Double.POSITIVE_INFINITY, 0.39, new double[0], 1, 1),
        new TrainingLog.Row(3, 0.35, Double.NaN, new double[0], 1, 1));
    Path png = dir.resolve("loss-curve.png");
    LossCurve.write("sketch loss", rows, png);
    assertTrue(Files.size(png) > 1000, "a PNG was written");
  }
}
