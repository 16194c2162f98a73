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
 * fine-tuning mode (a frozen critic given) the naturalness term -w mean D(sigmoid(logits)).
 * Metric: voxel IoU at a probability threshold.
 */
public final class VoxelTask implements TrainingTask {
  private final VoxelNet net;
  private final VoxelCritic critic;
  private final float naturalnessWeight;
  private final float iouThreshold;

  /** Plain training (no critic), IoU at probability 0.5. */
  public VoxelTask(VoxelNet net) {
    this(net, null, 0f, 0.5f);
  }

  /**
   * Fine-tuning with a critic (frozen here: its parameters stop requiring gradients).
   *
   * @param naturalnessWeight w (reference 1e-3)
   */
  public VoxelTask(VoxelNet net, VoxelCritic critic, float naturalnessWeight, float iouThreshold) {
    this.net = net;
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
    NDArray loss = VoxelNet.loss(logits, batch.labels().head());
    if (critic != null && naturalnessWeight != 0f) {
      loss = loss.add(VoxelNet.naturalnessLoss(critic, ps, logits, naturalnessWeight));
    }
    return loss;
  }

  @Override
  public List<String> metricNames() {
    return List.of("voxel_iou");
  }

  @Override
  public Evaluation evaluation() {
    return new Evaluation() {
      private double sum;
      private long count;

      @Override
      public void add(ParameterStore ps, Batch batch) {
        NDArray logits = net.forward(ps, batch.inputs(), false).head();
        for (int i = 0; i < batch.size(); i++) {
          sum += Metrics.voxelIoU(SketchTask.floats(logits.get(i)),
              SketchTask.floats(batch.labels().head().get(i)), iouThreshold);
          count++;
        }
      }

      @Override
      public Map<String, Double> result() {
        return Map.of("voxel_iou", sum / count);
      }
    };
  }
}
