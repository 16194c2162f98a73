package org.semcycle.embedding;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.networks.DjlRuntime;
import org.semcycle.training.TrainLoop;

/**
 * Throughput of embedding, training steps and k-NN search. Run with
 * {@code mvn -q -B -o -pl lib test -Dtest=EmbeddingPerfTest -Dtest.excludedGroups=none
 * -Dsurefire.failIfNoSpecifiedTests=false} (and say which allocator: LD_PRELOAD of jemalloc or
 * not). Threads: {@code -Dsurefire.jvm="... -Dsemcycle.torch.threads=1"}.
 */
@Tag("perf")
class EmbeddingPerfTest {

  @Test
  void throughput(@TempDir Path dir) throws Exception {
    DjlRuntime.engine();
    String alloc = System.getenv().getOrDefault("LD_PRELOAD", "glibc");
    System.out.println("PERF allocator: " + alloc + ", intra-op threads: "
        + System.getProperty("ai.djl.pytorch.num_threads"));
    int n = 2048;
    List<SyntheticTables.Table> tables = SyntheticTables.tables(8, n, 1);
    for (EmbedderConfig cfg : List.of(KeypointEmbedderTest.TINY, EmbedderConfig.small())) {
      try (EmbeddingNet net = EmbeddingNet.create(cfg, 1)) {
        float[] xyz = tables.get(0).xyz();
        net.embed(xyz);
        int reps = 10;
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
          net.embed(xyz);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        report("embed B=1 N=%d %s: %.0f points/s (%.1f ms/cloud)", n, cfg, reps * n / s,
            1000 * s / reps);
        float[] packed = new float[8 * n * 3];
        for (int b = 0; b < 8; b++) {
          System.arraycopy(PointNormalizer.normalise(tables.get(b).xyz()), 0, packed, b * n * 3,
              n * 3);
        }
        net.embedNormalised(packed, 8, n);
        t0 = System.nanoTime();
        for (int i = 0; i < 3; i++) {
          net.embedNormalised(packed, 8, n);
        }
        s = (System.nanoTime() - t0) / 1e9;
        report("embed B=8 N=%d: %.0f points/s", n, 3 * 8 * n / s);

        // Two epochs of 5 steps in the training loop; the second is timed.
        TrainLoop.Summary t = LoopTraining.fit(net, LoopTraining.Clouds.of(tables), null, 5, 8, 2, 1e-3f, 1,
            dir.resolve(cfg == KeypointEmbedderTest.TINY ? "tiny" : "small"));
        report("train step B=8 N=%d: %.0f ms/step", n, 1000 * t.rows().get(1).seconds() / 5);
      }
    }
    SplittableRandom r = new SplittableRandom(3);
    int dim = 64;
    for (int m : new int[] {1000, 20000}) {
      float[] q = new float[n * dim];
      float[] db = new float[m * dim];
      for (int i = 0; i < q.length; i++) {
        q[i] = (float) r.nextGaussian();
      }
      for (int i = 0; i < db.length; i++) {
        db[i] = (float) r.nextGaussian();
      }
      NearestNeighbours.search(q, db, dim, 8);
      long t0 = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        NearestNeighbours.search(q, db, dim, 8);
      }
      double s = (System.nanoTime() - t0) / 1e9;
      report("kNN k=8 D=%d db=%d: %.0f queries/s", dim, m, 3 * n / s);
    }
    // Transfer of one 2048-point cloud against 1000 models x 8 ids (random embeddings).
    List<KeypointRecord> rows = new ArrayList<>();
    for (int i = 0; i < 8000; i++) {
      float[] e = new float[dim];
      for (int c = 0; c < dim; c++) {
        e[c] = (float) r.nextGaussian();
      }
      rows.add(new KeypointRecord("s", "m" + i / 8, i % 8, new float[3], e));
    }
    KeypointDatabase db = KeypointDatabase.of(rows);
    float[] xyz = tables.get(0).xyz();
    float[] emb = new float[n * dim];
    for (int i = 0; i < emb.length; i++) {
      emb[i] = (float) r.nextGaussian();
    }
    for (KeypointTransfer.Options o :
        List.of(KeypointTransfer.Options.mean(), KeypointTransfer.Options.knnVote(8))) {
      KeypointTransfer tr = new KeypointTransfer(db, o);
      tr.transferEmbedded("s", xyz, emb);
      long t0 = System.nanoTime();
      for (int i = 0; i < 5; i++) {
        tr.transferEmbedded("s", xyz, emb);
      }
      report("transfer %s (N=%d, db 8000 rows, embeddings given): %.1f ms/shape", o.mode(), n,
          (System.nanoTime() - t0) / 1e6 / 5);
    }
  }

  private static void report(String fmt, Object... args) {
    System.out.println("PERF " + String.format(Locale.ROOT, fmt, args));
  }
}
