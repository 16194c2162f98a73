package org.semcycle.networks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.semcycle.training.Batch;
import org.semcycle.training.Metrics;
import org.semcycle.training.TrainingTask;
import org.semcycle.viewpoint.ViewpointLabels;

/**
 * Trains {@link ViewNet}. Batch layout: inputs [image (N,C,S,S)]; labels [azimuth soft labels
 * (N,24), elevation soft labels (N,12), true angles (N,2) = (azimuth, elevation) in degrees], as
 * {@link #labels} builds them. Metrics: median angle between predicted and true viewing
 * directions, and the fractions within 15 and 30 degrees; median azimuth error alone (on the
 * circle, {@link Metrics#azimuthError}).
 */
public final class ViewTask implements TrainingTask {
  private final ViewNet net;

  /** A task training the given net. */
  public ViewTask(ViewNet net) {
    this.net = net;
  }

  /**
   * The three label arrays for n viewpoints: [azimuth labels n x 24, elevation labels n x 12,
   * angles n x 2].
   */
  public static float[][] labels(float[] azimuthDeg, float[] elevationDeg) {
    int n = azimuthDeg.length;
    float[] az = new float[n * ViewpointLabels.AZIMUTH_BINS];
    float[] el = new float[n * ViewpointLabels.ELEVATION_BINS];
    float[] angles = new float[n * 2];
    for (int i = 0; i < n; i++) {
      System.arraycopy(ViewpointLabels.azimuth(azimuthDeg[i]), 0, az,
          i * ViewpointLabels.AZIMUTH_BINS, ViewpointLabels.AZIMUTH_BINS);
      System.arraycopy(ViewpointLabels.elevation(elevationDeg[i]), 0, el,
          i * ViewpointLabels.ELEVATION_BINS, ViewpointLabels.ELEVATION_BINS);
      angles[2 * i] = azimuthDeg[i];
      angles[2 * i + 1] = elevationDeg[i];
    }
    return new float[][] {az, el, angles};
  }

  @Override
  public String name() {
    return "view";
  }

  @Override
  public Block block() {
    return net;
  }

  @Override
  public Shape[] inputShapes(int batchSize) {
    return new Shape[] {net.inputShape(batchSize)};
  }

  @Override
  public NDArray loss(ParameterStore ps, Batch batch, boolean training) {
    NDList pred = net.forward(ps, batch.inputs(), training);
    return ViewNet.loss(pred, batch.labels().get(0), batch.labels().get(1));
  }

  @Override
  public List<String> metricNames() {
    return List.of("view_median_deg", "view_acc_15", "view_acc_30", "view_azimuth_median_deg");
  }

  @Override
  public Evaluation evaluation() {
    return new Evaluation() {
      private final List<Double> errors = new ArrayList<>();
      private final List<Double> azimuthErrors = new ArrayList<>();

      @Override
      public void add(ParameterStore ps, Batch batch) {
        NDList pred = net.forward(ps, batch.inputs(), false);
        for (int i = 0; i < batch.size(); i++) {
          double az = ViewpointLabels.decodeAzimuthLog(SketchTask.floats(pred.get(0).get(i)));
          double el = ViewpointLabels.decodeElevationLog(SketchTask.floats(pred.get(1).get(i)));
          float[] truth = SketchTask.floats(batch.labels().get(2).get(i));
          errors.add(Metrics.viewpointAngle(az, el, truth[0], truth[1]));
          azimuthErrors.add(Metrics.azimuthError(az, truth[0]));
        }
      }

      @Override
      public Map<String, Double> result() {
        double[] e = errors.stream().mapToDouble(Double::doubleValue).toArray();
        return Map.of(
            "view_median_deg", Metrics.median(e),
            "view_acc_15", Metrics.fractionWithin(e, 15),
            "view_acc_30", Metrics.fractionWithin(e, 30),
            "view_azimuth_median_deg",
            Metrics.median(azimuthErrors.stream().mapToDouble(Double::doubleValue).toArray()));
      }
    };
  }
}
