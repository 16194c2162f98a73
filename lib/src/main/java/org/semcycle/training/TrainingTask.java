package org.semcycle.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;

/**
 * What {@link TrainLoop} needs to know about one network: its block, how to initialise it, its
 * loss, and its validation metrics. Implementations exist for each net of the cycle; the
 * keypoint embedder plugs in the same way.
 */
public interface TrainingTask {
  /** A short name for logs and files. */
  String name();

  /** The block whose trainable parameters the loop optimises. */
  Block block();

  /** Input shapes for initialising the block with a batch of the given size. */
  Shape[] inputShapes(int batchSize);

  /** The scalar loss of a batch (training: batch-norm in training mode, graph recorded). */
  NDArray loss(ParameterStore ps, Batch batch, boolean training);

  /**
   * One training step's gradients: by default the loss and its backward. Tasks with special
   * needs (the WGAN-GP critic's second-order gradients) override this.
   *
   * @return the loss value
   */
  default float trainStep(ParameterStore ps, Batch batch, GradientCollector collector) {
    NDArray loss = loss(ps, batch, true);
    collector.backward(loss);
    return loss.toType(DataType.FLOAT32, false).getFloat();
  }

  /** Names of the validation metrics, in CSV column order. */
  default List<String> metricNames() {
    return List.of();
  }

  /**
   * A fresh accumulator of validation metrics for one epoch (named as {@link #metricNames()}).
   * The loop feeds it every validation batch with gradient recording off.
   */
  default Evaluation evaluation() {
    return new Evaluation() {
      @Override
      public void add(ParameterStore ps, Batch batch) {}

      @Override
      public Map<String, Double> result() {
        return Map.of();
      }
    };
  }

  /** Accumulates metrics over validation batches. */
  interface Evaluation {
    /** Adds one batch (forward in inference mode). */
    void add(ParameterStore ps, Batch batch);

    /** The metrics over all batches added. */
    Map<String, Double> result();
  }
}
