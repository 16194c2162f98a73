package org.semcycle.networks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.semcycle.io.Seeds;
import org.semcycle.training.Batch;
import org.semcycle.training.TrainingTask;

/**
 * Trains {@link VoxelCritic} with the WGAN-GP loss ({@link GradientPenalty}). Batch layout:
 * inputs [real (N,R,R,R) occupancy, fake (N,R,R,R) = sigmoid of VoxelNet logits]; no labels.
 * The interpolation weights eps come from a seeded generator (seed, step number).
 *
 * <p>The validation loss is the penalty-free estimate mean D(fake) - mean D(real) (the penalty
 * needs gradient recording); the metric "wasserstein" is its negation.
 */
public final class CriticTask implements TrainingTask {
  private final VoxelCritic critic;
  private final float lambda;
  private final long seed;
  private long steps;

  /** A critic task with penalty weight lambda (reference 10). */
  public CriticTask(VoxelCritic critic, float lambda, long seed) {
    this.critic = critic;
    this.lambda = lambda;
    this.seed = seed;
  }

  @Override
  public String name() {
    return "critic";
  }

  @Override
  public Block block() {
    return critic;
  }

  @Override
  public Shape[] inputShapes(int batchSize) {
    return new Shape[] {critic.inputShape(batchSize)};
  }

  @Override
  public NDArray loss(ParameterStore ps, Batch batch, boolean training) {
    NDArray real = critic.forward(ps, new NDList(batch.inputs().get(0)), training).head();
    NDArray fake = critic.forward(ps, new NDList(batch.inputs().get(1)), training).head();
    return fake.mean().sub(real.mean());
  }

  @Override
  public float trainStep(ParameterStore ps, Batch batch, GradientCollector collector) {
    GradientPenalty.freshLeaves(critic);
    SplittableRandom r = new SplittableRandom(Seeds.mix(seed, "gp", steps++));
    float[] eps = new float[batch.size()];
    for (int i = 0; i < eps.length; i++) {
      eps[i] = (float) r.nextDouble();
    }
    NDArray real = batch.inputs().get(0);
    NDArray e = real.getManager().create(eps).toType(real.getDataType(), false);
    NDArray loss =
        GradientPenalty.criticLoss(critic, ps, real, batch.inputs().get(1), e, lambda);
    collector.backward(loss);
    return loss.toType(DataType.FLOAT32, false).getFloat();
  }

  @Override
  public List<String> metricNames() {
    return List.of("wasserstein");
  }

  @Override
  public Evaluation evaluation() {
    return new Evaluation() {
      private double sum;
      private long count;

      @Override
      public void add(ParameterStore ps, Batch batch) {
        sum -= loss(ps, batch, false).toType(DataType.FLOAT32, false).getFloat() * batch.size();
        count += batch.size();
      }

      @Override
      public Map<String, Double> result() {
        return Map.of("wasserstein", sum / count);
      }
    };
  }
}
