package org.semcycle.embedding;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.networks.DjlRuntime;
import org.semcycle.training.TrainLoop;

/**
 * Time of one training step of the tiny test network (B=6, N=256) in the training loop, of the
 * loss in evaluation mode and of inference.
 */
@Tag("perf")
class StepTimingPerfTest {
  @Test
  void stepTime(@TempDir Path dir) throws Exception {
    DjlRuntime.engine();
    LoopTraining.Clouds clouds = LoopTraining.Clouds.of(SyntheticTables.tables(6, 256, 1));
    try (EmbeddingNet net = EmbeddingNet.create(KeypointEmbedderTest.TINY, 1)) {
      // Two epochs of 30 steps: the first warms up, the second is timed (the loop times its
      // training steps, not validation or checkpoints).
      int reps = 30;
      TrainLoop.Summary s = LoopTraining.fit(net, clouds, null, reps, 6, 2, 1e-3f, 1, dir);
      double step = s.rows().get(1).seconds() * 1e3 / reps;
      long t0 = System.nanoTime();
      for (int i = 0; i < reps; i++) {
        LoopTraining.loss(net, clouds);
      }
      double eval = (System.nanoTime() - t0) / 1e6 / reps;
      float[] packed = new float[6 * 256 * 3];
      for (int b = 0; b < 6; b++) {
        System.arraycopy(PointNormalizer.normalise(clouds.xyz().get(b)), 0, packed, b * 256 * 3, 256 * 3);
      }
      t0 = System.nanoTime();
      for (int i = 0; i < reps; i++) {
        net.embedNormalised(packed, 6, 256);
      }
      double fwd = (System.nanoTime() - t0) / 1e6 / reps;
      System.out.printf(Locale.ROOT, "PERF inference forward %.1f ms%n", fwd);
      System.out.printf(Locale.ROOT, "PERF threads=%s step %.1f ms, eval (forward+loss) %.1f ms%n",
          System.getProperty("ai.djl.pytorch.num_threads"), step, eval);
    }
  }
}
