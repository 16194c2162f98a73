package org.semcycle.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.semcycle.training.Batch;
import org.semcycle.training.TrainingTask;

/** The voxel loss's terms against hand computations, their sum as the options weigh them, and the voxel IoU sweep. */
class VoxelLossTest {
  private static double softplus(double x) {
    return Math.log1p(Math.exp(x));
  }

  @Test
  void weightedBceMatchesHandComputation() {
    DjlRuntime.engine();
    try (NDManager m = NDManager.newBaseManager()) {
      float[] x = {2.5f, -1f, 0f, 30f, -30f, 0.7f};
      float[] y = {1, 0, 1, 0, 1, 0};
      NDArray logits = m.create(x).toType(DataType.FLOAT64, false);
      NDArray occ = m.create(y).toType(DataType.FLOAT64, false);
      for (float w : new float[] {1f, 4f, 0.5f}) {
        double expected = 0;
        for (int i = 0; i < x.length; i++) {
          expected += y[i] == 1 ? w * softplus(-x[i]) : softplus(x[i]);
        }
        expected /= x.length;
        assertEquals(expected, VoxelLoss.bce(logits, occ, w).getDouble(), 1e-9, "weight " + w);
      }
      assertThrows(IllegalArgumentException.class, () -> VoxelLoss.bce(logits, occ, 0f));
    }
  }

  @Test
  void softIoUMatchesHandComputationPerSample() {
    DjlRuntime.engine();
    try (NDManager m = NDManager.newBaseManager()) {
      // Two samples of 2 x 1 x 1 "grids".
      double[] x = {2.0, -1.0, 0.5, -3.0};
      double[] y = {1, 0, 1, 1};
      NDArray logits = m.create(x, new Shape(2, 2, 1, 1));
      NDArray occ = m.create(y, new Shape(2, 2, 1, 1));
      double mean = 0;
      for (int n = 0; n < 2; n++) {
        double inter = 0;
        double union = 0;
        for (int i = 0; i < 2; i++) {
          double p = 1 / (1 + Math.exp(-x[2 * n + i]));
          inter += p * y[2 * n + i];
          union += p + y[2 * n + i] - p * y[2 * n + i];
        }
        mean += inter / (union + 1e-6) / 2;
      }
      assertEquals(1 - mean, VoxelLoss.softIoU(logits, occ).getDouble(), 1e-6);
      // A confident, correct prediction scores ~0; the complement ~1.
      NDArray right = m.create(new double[] {30, -30, 30, 30}, new Shape(2, 2, 1, 1));
      assertEquals(0, VoxelLoss.softIoU(right, occ).getDouble(), 1e-6);
      assertEquals(1, VoxelLoss.softIoU(right.neg(), occ).getDouble(), 1e-6);
    }
  }

  @Test
  void theLossAddsTheTermsItsOptionsWeigh() {
    DjlRuntime.engine();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logits = m.create(new double[] {2.0, -1.0, 0.5, -3.0}, new Shape(2, 2, 1, 1));
      NDArray occ = m.create(new double[] {1, 0, 1, 1}, new Shape(2, 2, 1, 1));
      ParameterStore ps = new ParameterStore(m, false);
      double bce4 = VoxelLoss.bce(logits, occ, 4f).getDouble();
      double iou = VoxelLoss.softIoU(logits, occ).getDouble();
      assertEquals(bce4 + 0.5 * iou,
          new VoxelLoss(new VoxelLoss.Options(4f, 0.5f, 0f)).loss(ps, logits, occ).getDouble(), 1e-7);
      assertEquals(VoxelLoss.bce(logits, occ, 1f).getDouble(),
          new VoxelLoss(VoxelLoss.Options.bce()).loss(ps, logits, occ).getDouble(), 0);
      assertEquals(new VoxelLoss.Options(4f, 0.5f, 1e-3f), new VoxelLoss.Options(4f, 0.5f, 0f).withNaturalnessWeight(1e-3f));
      assertThrows(IllegalArgumentException.class, () -> new VoxelLoss.Options(0f, 0f, 0f));
      assertThrows(IllegalArgumentException.class, () -> new VoxelLoss.Options(1f, -1f, 0f));
      assertThrows(IllegalArgumentException.class, () -> new VoxelLoss.Options(1f, 0f, Float.NaN));
      assertThrows(IllegalArgumentException.class, () -> new VoxelLoss(new VoxelLoss.Options(1f, 0f, 1e-3f)),
          "a naturalness weight without a critic");
    }
  }

  @Test
  void evaluationReportsBestThresholdAtLeastTheFixedOne() {
    DjlRuntime.engine();
    try (NDManager m = NDManager.newBaseManager()) {
      int s = 8;
      int r = 8;
      VoxelNet net = new VoxelNet(new VoxelNet.Options(s, 4, 4, 16, r, 4));
      VoxelTask task = new VoxelTask(net, new VoxelLoss(new VoxelLoss.Options(3f, 0f, 0f)));
      net.initialize(m, DataType.FLOAT32, task.inputShapes(2));
      NDArray in = m.randomUniform(0f, 1f, new Shape(2, 4, s, s));
      NDArray occ = m.randomUniform(0f, 1f, new Shape(2, r, r, r)).gt(0.8f).toType(DataType.FLOAT32, false);
      TrainingTask.Evaluation e = task.evaluation();
      e.add(new ParameterStore(m, false), new Batch(new NDList(in), new NDList(occ), 2));
      Map<String, Double> res = e.result();
      assertEquals(task.metricNames().size(), res.size());
      double best = res.get("voxel_iou_best");
      assertTrue(best >= res.get("voxel_iou") - 1e-12, res.toString());
      assertTrue(best > 0 && best <= 1, res.toString());
      double t = res.get("voxel_best_threshold");
      assertTrue(t >= 0.05 - 1e-6 && t <= 0.95 + 1e-6, res.toString());
    }
  }
}
