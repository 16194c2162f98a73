package org.semcycle.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.semcycle.training.Batch;
import org.semcycle.training.TrainingTask;

/**
 * Trains {@link DenseDescriptorNet} with {@link DescriptorLoss}. Batch layout (as {@link
 * ViewPairSamples} builds it): inputs [rgb A (N,3,S,S), rgb B (N,3,S,S)]; labels [pairs (N,K,4)
 * = ax, ay, bx, by in crop pixels, valid (N,K)]. Both images go through the net as one batch of
 * 2N.
 *
 * <p>Validation metrics: for every valid correspondence, the nearest neighbour of a_k's
 * descriptor over the whole B crop (S x S pixels); {@code match_within_05} and {@code
 * match_within_10} are the fractions landing within 0.05 S and 0.10 S pixels of b_k. For
 * reference, {@code same_position_within_05} is the fraction for the guess that needs no net:
 * b_k at a_k's crop position (both crops frame the object alike).
 */
public final class Dense2dTask implements TrainingTask {
  private final DenseDescriptorNet net;
  private final DescriptorLoss loss;

  /** A task training the net with the given loss. */
  public Dense2dTask(DenseDescriptorNet net, DescriptorLoss loss) {
    this.net = net;
    this.loss = loss;
  }

  @Override
  public String name() {
    return "dense2d";
  }

  @Override
  public Block block() {
    return net;
  }

  @Override
  public Shape[] inputShapes(int batchSize) {
    return new Shape[] {net.inputShape(batchSize)};
  }

  /** Descriptors [A (N,D,S,S), B (N,D,S,S)] of a batch. */
  public NDList descriptors(ParameterStore ps, Batch batch, boolean training) {
    long n = batch.inputs().get(0).getShape().get(0);
    NDArray both = NDArrays.concat(new NDList(batch.inputs().get(0), batch.inputs().get(1)), 0);
    NDArray d = net.forward(ps, new NDList(both), training).head();
    return new NDList(d.get(new NDIndex("0:" + n)), d.get(new NDIndex(n + ":")));
  }

  @Override
  public NDArray loss(ParameterStore ps, Batch batch, boolean training) {
    NDList d = descriptors(ps, batch, training);
    return loss.loss(d.get(0), d.get(1), batch.labels().get(0), batch.labels().get(1));
  }

  @Override
  public List<String> metricNames() {
    return List.of("match_within_05", "match_within_10", "same_position_within_05");
  }

  @Override
  public Evaluation evaluation() {
    return new Evaluation() {
      private long total;
      private long within05;
      private long within10;
      private long same05;

      @Override
      public void add(ParameterStore ps, Batch batch) {
        NDList d = descriptors(ps, batch, false);
        NDArray pairs = batch.labels().get(0);
        Shape s = d.get(1).getShape();
        long n = s.get(0), dim = s.get(1), size = s.get(3);
        NDArray a = DescriptorLoss.gather(d.get(0), pairs.get(new NDIndex(":, :, 0")), pairs.get(new NDIndex(":, :, 1")));
        NDArray sim = a.matMul(d.get(1).reshape(n, dim, s.get(2) * size));
        long[] best = sim.argMax(2).toType(DataType.INT64, false).toLongArray();
        float[] p = pairs.toType(DataType.FLOAT32, false).toFloatArray();
        float[] valid = batch.labels().get(1).toType(DataType.FLOAT32, false).toFloatArray();
        double t05 = 0.05 * size;
        double t10 = 0.10 * size;
        for (int i = 0; i < valid.length; i++) {
          if (valid[i] == 0) {
            continue;
          }
          double dx = best[i] % size - p[4 * i + 2];
          double dy = best[i] / size - p[4 * i + 3];
          double e = Math.hypot(dx, dy);
          total++;
          within05 += e <= t05 ? 1 : 0;
          within10 += e <= t10 ? 1 : 0;
          same05 += Math.hypot(p[4 * i] - p[4 * i + 2], p[4 * i + 1] - p[4 * i + 3]) <= t05 ? 1 : 0;
        }
      }

      @Override
      public Map<String, Double> result() {
        return Map.of(
            "match_within_05", total == 0 ? Double.NaN : within05 / (double) total,
            "match_within_10", total == 0 ? Double.NaN : within10 / (double) total,
            "same_position_within_05", total == 0 ? Double.NaN : same05 / (double) total);
      }
    };
  }
}
