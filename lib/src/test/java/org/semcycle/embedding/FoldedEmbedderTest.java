package org.semcycle.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.networks.DjlRuntime;

/** The folded inference form computes what the block computes in inference mode. */
class FoldedEmbedderTest {
  @BeforeAll
  static void engine() {
    DjlRuntime.engine(1);
  }

  /**
   * A net whose batch norms have non-trivial running statistics and scales (a fresh net's are
   * 0 / 1, which folding would pass without reading them) and whose biases are not zero.
   */
  private static EmbeddingNet trainedLooking(EmbedderConfig config) {
    EmbeddingNet net = EmbeddingNet.create(config, 3);
    SplittableRandom r = new SplittableRandom(11);
    for (var e : net.block().getParameters()) {
      String name = e.getKey();
      Parameter p = e.getValue();
      NDArray a = p.getArray();
      if (a.getShape().dimension() != 1) {
        continue;
      }
      float[] v = new float[(int) a.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = name.endsWith("runningVar") ? (float) r.nextDouble(0.01, 2.0)
            : name.endsWith("gamma") ? (float) r.nextDouble(0.3, 1.7)
            : (float) r.nextDouble(-0.5, 0.5);
      }
      a.set(FloatBuffer.wrap(v));
    }
    return net;
  }

  private static void assertClose(float[] want, float[] got, double relative) {
    assertEquals(want.length, got.length);
    double scale = 0;
    for (float x : want) {
      scale = Math.max(scale, Math.abs(x));
    }
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], got[i], relative * scale, "embedding value " + i);
    }
  }

  /** What a check sees: the created net, the same saved and loaded, and one cloud. */
  private interface Check {
    void run(EmbeddingNet created, EmbeddingNet loaded, float[] xyz) throws Exception;
  }

  /** Creates a net with {@code config}, saves and loads it, and runs the check on both. */
  private static void savedAndLoaded(EmbedderConfig config, float[] xyz, Path dir, Check check)
      throws Exception {
    try (EmbeddingNet created = trainedLooking(config)) {
      created.save(dir);
      try (EmbeddingNet loaded = EmbeddingNet.load(dir)) {
        check.run(created, loaded, xyz);
      }
    }
  }

  @Test
  void loadedNetEmbedsAsTheBlockDoes(@TempDir Path dir) throws Exception {
    EmbedderConfig config = new EmbedderConfig(
        16, new int[] {32, 32}, new int[] {32, 64}, new int[] {48, 32}, true);
    savedAndLoaded(config, SyntheticTables.table("t", 1, 0.6, 0.7, 300, 1).xyz(), dir, (created, loaded, xyz) -> {
      float[] want = created.embed(xyz);
      assertNotNull(FoldedEmbedder.of(loaded.block(), loaded.model().getNDManager()));
      assertClose(want, loaded.embed(xyz), 1e-5);
      // Two clouds in one call: each as alone.
      float[] norm = PointNormalizer.normalise(xyz);
      float[] other = PointNormalizer.normalise(SyntheticTables.table("u", 0.8, 1, 0.5, 300, 2).xyz());
      float[] two = new float[2 * norm.length];
      System.arraycopy(norm, 0, two, 0, norm.length);
      System.arraycopy(other, 0, two, norm.length, norm.length);
      float[] both = loaded.embedNormalised(two, 2, 300);
      assertClose(want, java.util.Arrays.copyOf(both, want.length), 1e-5);
      assertClose(created.embedNormalised(other, 1, 300),
          java.util.Arrays.copyOfRange(both, want.length, both.length), 1e-5);
    });
  }

  @Test
  void withoutBatchNormTheConvolutionsRunAsTheyAre(@TempDir Path dir) throws Exception {
    EmbedderConfig config = new EmbedderConfig(
        16, new int[] {32}, new int[] {64}, new int[] {32}, false);
    savedAndLoaded(config, SyntheticTables.table("t", 1.1, 0.5, 0.9, 200, 4).xyz(), dir,
        (created, loaded, xyz) -> assertClose(created.embed(xyz), loaded.embed(xyz), 1e-5));
  }

  @Test
  void unalignedWidthsUseTheBlock(@TempDir Path dir) throws Exception {
    EmbedderConfig config = new EmbedderConfig(
        12, new int[] {24}, new int[] {40}, new int[] {20}, true);
    savedAndLoaded(config, SyntheticTables.table("t", 1, 0.6, 0.7, 100, 1).xyz(), dir, (created, loaded, xyz) -> {
      assertNull(FoldedEmbedder.of(loaded.block(), loaded.model().getNDManager()));
      assertArrayEquals(created.embed(xyz), loaded.embed(xyz), 0f);
    });
  }
}
