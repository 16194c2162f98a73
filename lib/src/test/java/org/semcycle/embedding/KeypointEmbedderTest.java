package org.semcycle.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.io.DataFormatException;
import org.semcycle.networks.DjlRuntime;

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
    float[] xyz = tables.get(0).xyz();
    try (EmbeddingNet net = EmbeddingNet.create(TINY, 21);
        EmbeddingTraining tr = EmbeddingTraining.create(net, 1e-3f)) {
      // A few steps so batch-norm running statistics differ from their initial values.
      EmbeddingBatch batch = EmbeddingBatch.of(
          tables.stream().map(SyntheticTables.Table::xyz).toList(),
          tables.stream().map(SyntheticTables.Table::labels).toList());
      for (int i = 0; i < 3; i++) {
        tr.step(batch);
      }
      float[] before = net.embed(xyz);
      net.save(dir);
      assertTrue(Files.exists(dir.resolve(EmbeddingNet.CONFIG_FILE)));
      try (EmbeddingNet loaded = EmbeddingNet.load(dir)) {
        assertEquals(TINY, loaded.config());
        assertArrayEquals(before, loaded.embed(xyz), 0f);
        // A loaded network can be trained further (its parameters take gradients).
        try (EmbeddingTraining more = EmbeddingTraining.create(loaded, 1e-2f)) {
          float l0 = more.step(batch);
          more.step(batch);
          assertTrue(Float.isFinite(l0));
          assertFalse(Arrays.equals(before, loaded.embed(xyz)), "weights moved");
        }
      }
    }
  }

  @Test
  void loadingABadConfigNamesTheFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(EmbeddingNet.CONFIG_FILE), "{\"embeddingDim\": 4}");
    DataFormatException e = assertThrows(DataFormatException.class, () -> EmbeddingNet.load(dir));
    assertTrue(e.getMessage().contains(EmbeddingNet.CONFIG_FILE), e.getMessage());
    assertTrue(e.getMessage().contains("pointWidths"), e.getMessage());
  }

  @Test
  void overfitsATinyFixedSet() {
    List<SyntheticTables.Table> tables = SyntheticTables.tables(4, 128, 31);
    List<float[]> xyz = new ArrayList<>();
    List<int[]> labels = new ArrayList<>();
    for (SyntheticTables.Table t : tables) {
      xyz.add(t.xyz());
      labels.add(t.labels());
    }
    EmbeddingBatch batch = EmbeddingBatch.of(xyz, labels);
    try (EmbeddingNet net = EmbeddingNet.create(TINY, 3);
        EmbeddingTraining tr = EmbeddingTraining.create(net, 3e-3f)) {
      float first = tr.evaluate(batch);
      float last = 0;
      for (int i = 0; i < 120; i++) {
        last = tr.step(batch);
      }
      float after = tr.evaluate(batch);
      assertTrue(first > 0.05f, "initial loss " + first);
      assertTrue(after < 0.1f * first, "loss " + first + " -> " + after + " (last step " + last
          + ")");
    }
  }
}
