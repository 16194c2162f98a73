package org.semcycle.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * Per-batch training of the {@link KeypointEmbedder} with the {@link ContrastiveLoss}: the
 * building block a generic epoch loop calls ({@link #lossFor} for validation or custom loops,
 * {@link #step} for one optimisation step). No epochs, checkpoints or logging here.
 *
 * <p>Each call opens a sub-manager for the batch's arrays and closes it before returning, so
 * native memory does not grow from step to step (docs/notes/djl.md).
 */
public final class EmbeddingTraining implements AutoCloseable {
  private final EmbeddingNet net;
  private final Trainer trainer;
  private final ContrastiveLoss loss;

  /** Uses an existing trainer of {@code net.model()} whose loss is a {@link ContrastiveLoss}. */
  public EmbeddingTraining(EmbeddingNet net, Trainer trainer) {
    if (!(trainer.getLoss() instanceof ContrastiveLoss c)) {
      throw new IllegalArgumentException("the trainer's loss must be a ContrastiveLoss");
    }
    this.net = net;
    this.trainer = trainer;
    this.loss = c;
  }

  /** The reference's setup: Adam (lr 1e-3 there), contrastive loss with margin 1. */
  public static DefaultTrainingConfig trainingConfig(float learningRate) {
    return new DefaultTrainingConfig(new ContrastiveLoss())
        .optOptimizer(
            Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build());
  }

  /**
   * A trainer for {@code net} with {@link #trainingConfig}. The net's parameters are already
   * initialised (or loaded) by {@link EmbeddingNet}, so this fine-tunes a loaded network as well.
   */
  public static EmbeddingTraining create(EmbeddingNet net, float learningRate) {
    Trainer t = net.model().newTrainer(trainingConfig(learningRate));
    return new EmbeddingTraining(net, t);
  }

  public Trainer trainer() {
    return trainer;
  }

  public ContrastiveLoss loss() {
    return loss;
  }

  /**
   * The loss of a batch, computed in training mode (batch statistics) inside {@code manager}; the
   * result keeps its graph, so a caller holding a gradient collector can back-propagate it.
   */
  public ContrastiveLoss.Terms lossFor(NDManager manager, EmbeddingBatch batch) {
    NDArray x = manager.create(batch.xyz(), new Shape(batch.batchSize(), batch.numPoints(), 3));
    ParameterStore ps = new ParameterStore(manager, false);
    NDArray emb = net.forward(ps, x, true);
    return loss.compute(emb, batch.labels());
  }

  /** The loss of a batch in evaluation mode (running statistics), without gradients. */
  public float evaluate(EmbeddingBatch batch) {
    return NoGrad.run(() -> {
      try (NDManager sub = trainer.getManager().newSubManager()) {
        NDArray x = sub.create(batch.xyz(), new Shape(batch.batchSize(), batch.numPoints(), 3));
        NDArray emb = net.forward(new ParameterStore(sub, false), x, false);
        return loss.compute(emb, batch.labels()).loss().getFloat();
      }
    });
  }

  /** One optimisation step on a batch; returns the loss before the update. */
  public float step(EmbeddingBatch batch) {
    try (NDManager sub = trainer.getManager().newSubManager()) {
      float value;
      try (GradientCollector gc = trainer.newGradientCollector()) {
        NDArray l = lossFor(sub, batch).loss();
        value = l.getFloat();
        gc.backward(l);
      }
      trainer.step();
      return value;
    }
  }

  @Override
  public void close() {
    trainer.close();
  }
}
