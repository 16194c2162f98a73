package org.semcycle.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.semcycle.training.Batch;
import org.semcycle.training.TrainingTask;

/**
 * Trains the {@link KeypointEmbedder} in the generic training loop. Batch layout: inputs
 * [points (N,P,3), normalised]; labels [ids (N,P) as floats: semantic id, -1 unlabelled, -2
 * background]. Loss: the online {@link ContrastiveLoss}. Validation metric: over labelled points
 * whose id occurs elsewhere in the batch, the fraction whose nearest other labelled point (in
 * embedding space, across the batch) has the same id (NaN when no id repeats).
 */
public final class EmbedTask implements TrainingTask {
  private final EmbeddingNet net;
  private final ContrastiveLoss loss;
  private final int points;

  /** A task training the net with the loss on clouds of {@code points} points. */
  public EmbedTask(EmbeddingNet net, ContrastiveLoss loss, int points) {
    this.net = net;
    this.loss = loss;
    this.points = points;
  }

  @Override
  public String name() {
    return "embed";
  }

  @Override
  public Block block() {
    return net.block();
  }

  @Override
  public Shape[] inputShapes(int batchSize) {
    return new Shape[] {new Shape(batchSize, points, 3)};
  }

  @Override
  public NDArray loss(ParameterStore ps, Batch batch, boolean training) {
    NDArray emb = net.forward(ps, batch.inputs().singletonOrThrow(), training);
    return loss.compute(emb, ids(batch)).loss();
  }

  static int[] ids(Batch batch) {
    float[] f = batch.labels().singletonOrThrow().toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
    int[] ids = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      ids[i] = Math.round(f[i]);
    }
    return ids;
  }

  @Override
  public List<String> metricNames() {
    return List.of("nn_same_id");
  }

  @Override
  public Evaluation evaluation() {
    return new Evaluation() {
      private long hits;
      private long total;

      @Override
      public void add(ParameterStore ps, Batch batch) {
        NDArray emb = net.forward(ps, batch.inputs().singletonOrThrow(), false);
        int d = (int) emb.getShape().get(2);
        float[] e = emb.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        int[] ids = ids(batch);
        java.util.List<Integer> labelled = new java.util.ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
          if (ids[i] >= 0) {
            labelled.add(i);
          }
        }
        java.util.Map<Integer, Integer> idCount = new java.util.HashMap<>();
        for (int a : labelled) {
          idCount.merge(ids[a], 1, Integer::sum);
        }
        for (int a : labelled) {
          if (idCount.get(ids[a]) < 2) {
            continue; // no other point with this id in the batch: nothing to find
          }
          double best = Double.POSITIVE_INFINITY;
          int bestId = -1;
          for (int b : labelled) {
            if (a == b) {
              continue;
            }
            double s = 0;
            for (int k = 0; k < d; k++) {
              double x = e[a * d + k] - e[b * d + k];
              s += x * x;
            }
            if (s < best) {
              best = s;
              bestId = ids[b];
            }
          }
          hits += bestId == ids[a] ? 1 : 0;
          total++;
        }
      }

      @Override
      public Map<String, Double> result() {
        return Map.of("nn_same_id", total == 0 ? Double.NaN : hits / (double) total);
      }
    };
  }
}
