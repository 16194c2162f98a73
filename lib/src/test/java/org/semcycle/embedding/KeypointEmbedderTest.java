package org.semcycle.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.io.DataFormatException;
import org.semcycle.networks.DjlRuntime;
import org.semcycle.training.Checkpoints;
import org.semcycle.training.TrainLoop;

class KeypointEmbedderTest {
  static final EmbedderConfig TINY =
      new EmbedderConfig(16, new int[] {32, 32}, new int[] {64}, new int[] {64}, true);

  @BeforeAll
  static void engine() {
    DjlRuntime.engine(1);
  }

  @Test
  void outputShapeAndDeterministicInit() {
    float[] xyz = SyntheticTables.table("t", 1, 0.6, 0.7, 128, 1).xyz();
    try (EmbeddingNet a = EmbeddingNet.create(TINY, 7);
        EmbeddingNet b = EmbeddingNet.create(TINY, 7);
        EmbeddingNet c = EmbeddingNet.create(TINY, 8)) {
      float[] ea = a.embed(xyz);
      assertEquals(128 * 16, ea.length);
      assertArrayEquals(ea, b.embed(xyz), 0f);
      assertNotEquals(ea[0], c.embed(xyz)[0]);
    }
  }

  @Test
  void permutingPointsPermutesEmbeddings() {
    float[] xyz = SyntheticTables.table("t", 1.2, 0.7, 0.6, 200, 3).xyz();
    int n = 200;
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    SplittableRandom r = new SplittableRandom(5);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    float[] shuffled = new float[3 * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(xyz, 3 * perm[i], shuffled, 3 * i, 3);
    }
    try (EmbeddingNet net = EmbeddingNet.create(TINY, 11)) {
      float[] e = net.embed(xyz);
      float[] es = net.embed(shuffled);
      int d = net.dim();
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < d; k++) {
          assertEquals(e[perm[i] * d + k], es[i * d + k], 1e-5f, "point " + i + " dim " + k);
        }
      }
    }
  }

  @Test
  void normalisationMakesEmbeddingsScaleAndShiftInvariant() {
    float[] xyz = SyntheticTables.table("t", 1, 0.6, 0.7, 100, 4).xyz();
    float[] moved = new float[xyz.length];
    for (int i = 0; i < xyz.length; i++) {
      moved[i] = xyz[i] * 3f + (i % 3 == 1 ? 2f : -1f);
    }
    try (EmbeddingNet net = EmbeddingNet.create(TINY, 2)) {
      assertArrayEquals(net.embed(xyz), net.embed(moved), 1e-4f);
    }
  }

  @Test
  void saveThenLoadGivesIdenticalEmbeddings(@TempDir Path dir) throws Exception {
    List<SyntheticTables.Table> tables = SyntheticTables.tables(2, 64, 9);
    LoopTraining.Clouds clouds = LoopTraining.Clouds.of(tables);
    float[] xyz = tables.get(0).xyz();
    try (EmbeddingNet net = EmbeddingNet.create(TINY, 21)) {
      // A few steps so batch-norm running statistics differ from their initial values.
      LoopTraining.fit(net, clouds, null, 1, 2, 3, 1e-3f, 21, dir.resolve("run"));
      float[] before = net.embed(xyz);
      net.save(dir.resolve("model"));
      assertTrue(Files.exists(dir.resolve("model").resolve(EmbeddingNet.CONFIG_FILE)));
      try (EmbeddingNet loaded = EmbeddingNet.load(dir.resolve("model"))) {
        assertEquals(TINY, loaded.config());
        // The loaded net runs its batch norms folded into the convolutions: the same to rounding.
        assertArrayEquals(before, loaded.embed(xyz), 1e-5f);
        // A loaded network can be trained further once its parameters take gradients again (as
        // ModelFiles.loadTrainable prepares a loaded net for fine-tuning).
        Checkpoints.requireGradients(loaded.block());
        LoopTraining.fit(loaded, clouds, null, 1, 2, 2, 1e-2f, 21, dir.resolve("more"));
        assertFalse(Arrays.equals(before, loaded.embed(xyz)), "weights moved");
        // ... and embeds with the trained parameters, not the folded copy of the loaded ones.
        assertArrayEquals(viaBlock(loaded, xyz), loaded.embed(xyz), 0f);
      }
    }
  }

  /** The block's own forward in inference mode on one cloud. */
  private static float[] viaBlock(EmbeddingNet net, float[] xyz) {
    float[] norm = PointNormalizer.normalise(xyz);
    return NoGrad.run(() -> {
      try (ai.djl.ndarray.NDManager m = net.model().getNDManager().newSubManager()) {
        return net.forward(new ai.djl.training.ParameterStore(m, false),
            m.create(norm, new ai.djl.ndarray.types.Shape(1, norm.length / 3, 3)), false).toFloatArray();
      }
    });
  }

  @Test
  void loadingABadConfigNamesTheFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(EmbeddingNet.CONFIG_FILE), "{\"embeddingDim\": 4}");
    DataFormatException e = assertThrows(DataFormatException.class, () -> EmbeddingNet.load(dir));
    assertTrue(e.getMessage().contains(EmbeddingNet.CONFIG_FILE), e.getMessage());
    assertTrue(e.getMessage().contains("pointWidths"), e.getMessage());
  }

  @Test
  void overfitsATinyFixedSet(@TempDir Path dir) throws Exception {
    LoopTraining.Clouds clouds = LoopTraining.Clouds.of(SyntheticTables.tables(4, 128, 31));
    try (EmbeddingNet net = EmbeddingNet.create(TINY, 3)) {
      float first = LoopTraining.loss(net, clouds);
      // 120 steps on the fixed batch of the 4 clouds: 120 epochs of one step.
      TrainLoop.Summary s = LoopTraining.fit(net, clouds, null, 1, 4, 120, 3e-3f, 3, dir);
      float after = LoopTraining.loss(net, clouds);
      assertTrue(first > 0.05f, "initial loss " + first);
      assertTrue(after < 0.1f * first, "loss " + first + " -> " + after);
      assertEquals(after, s.rows().get(119).valLoss(), 1e-5 * first, "the loop's validation loss is the same loss");
    }
  }
}
