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
 * background zeroed]; labels [occupancy (N,R,R,R) in {0,1}]. Loss: BCE with logits, plus in
 * fine-tuning mode (a frozen critic given) the naturalness term -w mean D(sigmoid(logits)); the
 * BCE may weight occupied voxels more ({@link VoxelNet#loss(NDArray, NDArray, float)}), and a
 * soft-IoU term may be added ({@link VoxelNet#softIoULoss}).
 * Metrics: voxel IoU at a probability threshold ({@code voxel_iou}), and the best mean IoU over
 * the thresholds {@link #SWEEP} ({@code voxel_iou_best}) with its threshold
 * ({@code voxel_best_threshold}): a net trained with a positive weight is not calibrated at 0.5.
 */
public final class VoxelTask implements TrainingTask {
  private final VoxelNet net;
  private final VoxelCritic critic;
  private final float naturalnessWeight;
  private final float iouThreshold;
  private final float positiveWeight;
  private final float iouWeight;

  /** Probability thresholds of the {@code voxel_iou_best} sweep: 0.05, 0.10, ..., 0.95. */
  public static final float[] SWEEP = sweep();

  /** Plain training (no critic, plain BCE), IoU at probability 0.5. */
  public VoxelTask(VoxelNet net) {
    this(net, 1f);
  }

  /** Training without a critic, occupied voxels weighted positiveWeight in the BCE. */
  public VoxelTask(VoxelNet net, float positiveWeight) {
    this(net, null, 0f, 0.5f, positiveWeight);
  }

  /**
   * Fine-tuning with a critic (frozen here: its parameters stop requiring gradients).
   *
   * @param naturalnessWeight w (reference 1e-3)
   */
  public VoxelTask(VoxelNet net, VoxelCritic critic, float naturalnessWeight, float iouThreshold) {
    this(net, critic, naturalnessWeight, iouThreshold, 1f);
  }

  /** Fine-tuning with a critic and a positive-class weight in the BCE (1: plain BCE). */
  public VoxelTask(VoxelNet net, VoxelCritic critic, float naturalnessWeight, float iouThreshold,
      float positiveWeight) {
    this(net, critic, naturalnessWeight, iouThreshold, positiveWeight, 0f);
  }

  /**
   * Every option: the critic may be null (no naturalness term), iouWeight adds that many times
   * {@link VoxelNet#softIoULoss} to the loss (0: none).
   */
  public VoxelTask(VoxelNet net, VoxelCritic critic, float naturalnessWeight, float iouThreshold,
      float positiveWeight, float iouWeight) {
    if (!(iouWeight >= 0) || Float.isInfinite(iouWeight)) {
      throw new IllegalArgumentException("soft-IoU weight must be finite and >= 0, got " + iouWeight);
    }
    this.iouWeight = iouWeight;
    this.net = net;
    this.positiveWeight = positiveWeight;
    this.critic = critic;
    this.naturalnessWeight = naturalnessWeight;
    this.iouThreshold = iouThreshold;
    if (critic != null) {
      critic.freezeParameters(true);
    }
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
    NDArray loss = VoxelNet.loss(logits, batch.labels().head(), positiveWeight);
    if (iouWeight != 0f) {
      loss = loss.add(VoxelNet.softIoULoss(logits, batch.labels().head()).mul(iouWeight));
    }
    if (critic != null && naturalnessWeight != 0f) {
      loss = loss.add(VoxelNet.naturalnessLoss(critic, ps, logits, naturalnessWeight));
    }
    return loss;
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
          sum += Metrics.voxelIoU(l, t, iouThreshold);
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
