package org.semcycle.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.semcycle.networks.DjlRuntime;

/** Time of one training step of the tiny test network (B=6, N=256), and of its parts. */
@Tag("benchmark")
class StepTimingBenchmarkTest {
  @Test
  void stepTime() {
    DjlRuntime.engine();
    List<SyntheticTables.Table> train = SyntheticTables.tables(6, 256, 1);
    List<float[]> xs = new ArrayList<>();
    List<int[]> ls = new ArrayList<>();
    for (SyntheticTables.Table t : train) {
      xs.add(t.xyz());
      ls.add(t.labels());
    }
    EmbeddingBatch batch = EmbeddingBatch.of(xs, ls);
    try (EmbeddingNet net = EmbeddingNet.create(KeypointEmbedderTest.TINY, 1);
        EmbeddingTraining tr = EmbeddingTraining.create(net, 1e-3f)) {
      for (int i = 0; i < 5; i++) {
        tr.step(batch);
      }
      long t0 = System.nanoTime();
      int reps = 30;
      for (int i = 0; i < reps; i++) {
        tr.step(batch);
      }
      double step = (System.nanoTime() - t0) / 1e6 / reps;
      t0 = System.nanoTime();
      for (int i = 0; i < reps; i++) {
        tr.evaluate(batch);
      }
      double eval = (System.nanoTime() - t0) / 1e6 / reps;
      t0 = System.nanoTime();
      for (int i = 0; i < reps; i++) {
        net.embedNormalised(batch.xyz(), 6, 256);
      }
      double fwd = (System.nanoTime() - t0) / 1e6 / reps;
      System.out.printf(Locale.ROOT, "BENCH inference forward %.1f ms%n", fwd);
      System.out.printf(Locale.ROOT, "BENCH threads=%s step %.1f ms, eval (forward+loss) %.1f ms%n",
          System.getProperty("ai.djl.pytorch.num_threads"), step, eval);
    }
  }
}
