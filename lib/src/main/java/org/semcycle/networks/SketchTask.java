package org.semcycle.networks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.semcycle.training.Batch;
import org.semcycle.training.Metrics;
import org.semcycle.training.TrainingTask;

/**
 * Trains {@link SketchNet}. Batch layout: inputs [rgb (N,3,S,S)]; labels [depth (N,1,S,S)
 * normalised to [0,1] inside the object, normals (N,3,S,S), silhouette (N,1,S,S) in {0,1},
 * range (N,2) = (zmin, zmax)]. Metrics: silhouette IoU (threshold 0.3), depth abs-rel on metric
 * depth (normalised depth mapped through each one's own range), normal angular error (degrees).
 */
public final class SketchTask implements TrainingTask {
  private final SketchNet net;

  /** A task training the given net. */
  public SketchTask(SketchNet net) {
    this.net = net;
  }

  @Override
  public String name() {
    return "sketch";
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
    return SketchNet.loss(pred, batch.labels(), net.options().rangeWeight());
  }

  @Override
  public List<String> metricNames() {
    return List.of("silhouette_iou", "depth_absrel", "normal_angle_deg");
  }

  @Override
  public Evaluation evaluation() {
    return new Evaluation() {
      private final double[] sums = new double[3];
      private final long[] counts = new long[3];

      @Override
      public void add(ParameterStore ps, Batch batch) {
        NDList pred = net.forward(ps, batch.inputs(), false);
        NDList t = batch.labels();
        int n = batch.size();
        for (int i = 0; i < n; i++) {
          float[] sil = floats(t.get(2).get(i));
          float[] pSil = floats(pred.get(2).get(i));
          accumulate(0, Metrics.maskIoU(pSil, sil, SketchNet.SILHOUETTE_THRESHOLD));
          float[] range = floats(t.get(3).get(i));
          float[] pRange = floats(pred.get(3).get(i));
          accumulate(1, Metrics.depthAbsRel(
              metric(floats(pred.get(0).get(i)), pRange), metric(floats(t.get(0).get(i)), range),
              sil));
          accumulate(2, Metrics.normalAngularError(
              floats(pred.get(1).get(i)), floats(t.get(1).get(i)), sil));
        }
      }

      private void accumulate(int k, double v) {
        if (Double.isFinite(v)) {
          sums[k] += v;
          counts[k]++;
        }
      }

      @Override
      public Map<String, Double> result() {
        return Map.of(
            "silhouette_iou", sums[0] / counts[0],
            "depth_absrel", sums[1] / counts[1],
            "normal_angle_deg", sums[2] / counts[2]);
      }
    };
  }

  private static float[] metric(float[] normalised, float[] range) {
    float[] z = new float[normalised.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = range[0] + normalised[i] * (range[1] - range[0]);
    }
    return z;
  }

  static float[] floats(NDArray a) {
    return a.toType(DataType.FLOAT32, false).toFloatArray();
  }
}
