package org.semcycle.embedding;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.semcycle.training.Batch;
import org.semcycle.training.TrainLoop;

/**
 * Trains a test embedder as {@code semcycle train --net embed} does: {@link EmbedTask} with the
 * reference's {@link ContrastiveLoss} in the project's {@link TrainLoop}, Adam (0.9, 0.999).
 * Each epoch shows every cloud {@code repeat} times (shuffled, freshly augmented each time),
 * so an epoch is {@code clouds x repeat / batch} steps.
 */
final class LoopTraining {
  private LoopTraining() {}

  /** The labelled clouds of a training set: raw points and per-point ids, all of one size. */
  record Clouds(List<float[]> xyz, List<int[]> labels) {
    static Clouds of(List<SyntheticTables.Table> tables) {
      return new Clouds(tables.stream().map(SyntheticTables.Table::xyz).toList(),
          tables.stream().map(SyntheticTables.Table::labels).toList());
    }

    int points() {
      return xyz.get(0).length / 3;
    }

    Clouds repeated(int times) {
      List<float[]> x = new ArrayList<>();
      List<int[]> l = new ArrayList<>();
      for (int r = 0; r < times; r++) {
        x.addAll(xyz);
        l.addAll(labels);
      }
      return new Clouds(x, l);
    }
  }

  /**
   * Trains the net in place on {@code train} (augmented when {@code augment} is given), with the
   * clouds themselves as validation, into the model folder {@code dir}.
   */
  static TrainLoop.Summary fit(EmbeddingNet net, Clouds train, PointAugment augment, int repeat, int batch,
      int epochs, float learningRate, long seed, Path dir) throws IOException {
    Clouds shown = train.repeated(repeat);
    EmbedSamples samples = new EmbedSamples(shown.xyz(), shown.labels(), train.points(), augment, seed);
    EmbedSamples val = new EmbedSamples(train.xyz(), train.labels(), train.points(), null, seed);
    TrainLoop.Options o = new TrainLoop.Options(epochs, batch, learningRate, 0.9f, 0.999f, seed, 0, DataType.FLOAT32);
    return new TrainLoop(o).fit(task(net, train), samples, val, dir, net.config(), net.model().getNDManager());
  }

  /** The loss of all the clouds as one batch in evaluation mode (running batch-norm statistics). */
  static float loss(EmbeddingNet net, Clouds clouds) {
    EmbedTask task = task(net, clouds);
    return NoGrad.run(() -> {
      try (NDManager m = net.model().getNDManager().newSubManager()) {
        int[] all = new int[clouds.xyz().size()];
        for (int i = 0; i < all.length; i++) {
          all[i] = i;
        }
        Batch b = new EmbedSamples(clouds.xyz(), clouds.labels(), clouds.points(), null, 0).batch(m, all);
        return task.loss(new ParameterStore(m, false), b, false).getFloat();
      }
    });
  }

  private static EmbedTask task(EmbeddingNet net, Clouds clouds) {
    return new EmbedTask(net, new ContrastiveLoss(), clouds.points());
  }
}
