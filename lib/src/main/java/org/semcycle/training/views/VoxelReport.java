package org.semcycle.training.views;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.semcycle.evaluation.VoxelDiagnostics;
import org.semcycle.networks.VoxelNet;
import org.semcycle.training.SampleSource;
import org.semcycle.training.TrainLoop;
import org.semcycle.training.TrainingLog;
import org.semcycle.training.TrainingTask;

/**
 * What a trained voxel net gets right and wrong, written beside the model: OUT/val-examples.png
 * (eight validation views, true and predicted grids) and OUT/voxel-diagnostics.json, the IoU,
 * the best one-cell-shift IoU and the nearest-training-shape IoU ({@link VoxelDiagnostics}) on
 * up to 64 validation and 64 training views (without augmentation).
 */
public final class VoxelReport {
  private VoxelReport() {}

  /**
   * Writes the report, predictions occupied above {@code threshold}; nothing without a
   * validation split.
   *
   * @param trainRows the training views (their models' true grids are the training shapes)
   * @param train the training samples without augmentation
   */
  public static void write(VoxelNet net, List<RenderedSample> trainRows, SampleSource train,
      SampleSource val, float threshold, Path out, NDManager m) throws IOException {
    if (val == null || val.size() == 0) {
      return;
    }
    Path png = out.resolve("val-examples.png");
    ImageIO.write(VoxelPredictions.examples(net, val, 8, threshold, m), "png", png.toFile());
    int r = net.options().resolution();
    Map<String, BitSet> shapes = new LinkedHashMap<>();
    for (RenderedSample row : trainRows) {
      shapes.computeIfAbsent(row.model(), k -> VoxelDiagnostics.cells(ViewSamples.occupancy(row, r), 0.5f));
    }
    List<BitSet> trainShapes = new ArrayList<>(shapes.values());
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("training_shapes", trainShapes.size());
    Map<String, SampleSource> splits = new LinkedHashMap<>();
    splits.put("val", val);
    splits.put("train", train);
    for (Map.Entry<String, SampleSource> e : splits.entrySet()) {
      VoxelPredictions.Diagnosis d = VoxelPredictions.diagnose(net, e.getValue(), 64, trainShapes, threshold, m);
      report.put(e.getKey(), d);
      System.err.printf(Locale.ROOT,
          "voxel net on %d %s views: IoU %.3f at %.2f, best one-cell shift %.3f, nearest training shape %.3f%n",
          d.samples(), e.getKey(), d.iou(), threshold, d.bestShiftIoU(), d.nearestShapeIoU());
    }
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.resolve("voxel-diagnostics.json").toFile(), report);
    System.err.println("voxel predictions on validation views: " + png);
  }

  /**
   * The last logged epoch's voxel_best_threshold (the run's rows, resumed ones included), 0.5
   * when there is none or it is not a number.
   */
  public static float bestThreshold(TrainLoop.Summary summary, TrainingTask task) {
    int k = task.metricNames().indexOf("voxel_best_threshold");
    List<TrainingLog.Row> rows = summary.rows();
    if (k < 0 || rows.isEmpty()) {
      return 0.5f;
    }
    double t = rows.get(rows.size() - 1).metrics()[k];
    return Double.isFinite(t) ? (float) t : 0.5f;
  }
}
