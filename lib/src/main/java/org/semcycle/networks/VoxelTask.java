package org.semcycle.networks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.semcycle.training.Batch;
import org.semcycle.training.Metrics;
import org.semcycle.training.TrainingTask;

/**
 * Trains {@link VoxelNet}. Batch layout: inputs [sketch (N,4,S,S): normalised depth and normals,
 * background zeroed]; labels [occupancy (N,R,R,R) in {0,1}]. Loss: a {@link VoxelLoss} (the BCE,
 * optionally with occupied voxels weighted more, a soft-IoU term and, in fine-tuning with a
 * frozen critic, the naturalness term).
 * Metrics: voxel IoU at probability {@link #IOU_THRESHOLD} ({@code voxel_iou}), and the best mean
 * IoU over the thresholds {@link #SWEEP} ({@code voxel_iou_best}) with its threshold
 * ({@code voxel_best_threshold}): a net trained with a positive weight is not calibrated at 0.5.
 */
public final class VoxelTask implements TrainingTask {
  /** Probability above which a voxel counts as occupied for {@code voxel_iou}. */
  public static final float IOU_THRESHOLD = 0.5f;

  /** Probability thresholds of the {@code voxel_iou_best} sweep: 0.05, 0.10, ..., 0.95. */
  public static final float[] SWEEP = sweep();

  private final VoxelNet net;
  private final VoxelLoss loss;

  /** Plain training: the plain BCE. */
  public VoxelTask(VoxelNet net) {
    this(net, new VoxelLoss(VoxelLoss.Options.bce()));
  }

  /** Training with the given loss. */
  public VoxelTask(VoxelNet net, VoxelLoss loss) {
    this.net = net;
    this.loss = loss;
  }

  /** The loss this task trains with. */
  public VoxelLoss loss() {
    return loss;
  }

  @Override
  public String name() {
    return "voxel";
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
    NDArray logits = net.forward(ps, batch.inputs(), training).head();
    return loss.loss(ps, logits, batch.labels().head());
  }

  @Override
  public List<String> metricNames() {
    return List.of("voxel_iou", "voxel_iou_best", "voxel_best_threshold");
  }

  @Override
  public Evaluation evaluation() {
    return new Evaluation() {
      private double sum;
      private final double[] sweepSums = new double[SWEEP.length];
      private long count;

      @Override
      public void add(ParameterStore ps, Batch batch) {
        NDArray logits = net.forward(ps, batch.inputs(), false).head();
        for (int i = 0; i < batch.size(); i++) {
          float[] l = SketchTask.floats(logits.get(i));
          float[] t = SketchTask.floats(batch.labels().head().get(i));
          sum += Metrics.voxelIoU(l, t, IOU_THRESHOLD);
          double[] ious = Metrics.voxelIoUs(l, t, SWEEP);
          for (int k = 0; k < SWEEP.length; k++) {
            sweepSums[k] += ious[k];
          }
          count++;
        }
      }

      @Override
      public Map<String, Double> result() {
        int best = 0;
        for (int k = 1; k < SWEEP.length; k++) {
          if (sweepSums[k] > sweepSums[best]) {
            best = k;
          }
        }
        return Map.of(
            "voxel_iou", sum / count,
            "voxel_iou_best", sweepSums[best] / count,
            "voxel_best_threshold", (double) SWEEP[best]);
      }
    };
  }

  private static float[] sweep() {
    float[] t = new float[19];
    for (int k = 0; k < t.length; k++) {
      t[k] = Math.round((k + 1) * 5f) / 100f;
    }
    return t;
  }
}
