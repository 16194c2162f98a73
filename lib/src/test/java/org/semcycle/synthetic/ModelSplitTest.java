package org.semcycle.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.datasets.keypointnet.SplitEntry;
import org.semcycle.datasets.keypointnet.Splits;
import org.semcycle.io.LocalDataRoot;
import org.semcycle.io.LocalDataSink;

/**
 * A model's split depends on (seed, synset, model) alone: two synth runs of different sizes with
 * the same seed put every model they share in the same split, and each run's splits hold the
 * configured fractions to within two models.
 */
class ModelSplitTest {
  @Test
  void twoRunsOfDifferentSizesAgreeOnEverySharedModel(@TempDir Path tmp) throws IOException {
    SynthSpec small = new SynthSpec(7, List.of("chair", "car"), 6, 0.6, 0.2, 64, SyntheticWorldTest.vocabulary());
    SynthSpec large = new SynthSpec(7, List.of("chair", "car"), 25, 0.6, 0.2, 64, SyntheticWorldTest.vocabulary());
    SyntheticWorld.write(small, new LocalDataSink(tmp.resolve("small")), 2);
    SyntheticWorld.write(large, new LocalDataSink(tmp.resolve("large")), 2);
    Map<String, String> a = splits(tmp.resolve("small"));
    Map<String, String> b = splits(tmp.resolve("large"));
    assertEquals(12, a.size());
    assertEquals(50, b.size());
    for (Map.Entry<String, String> e : a.entrySet()) {
      assertEquals(e.getValue(), b.get(e.getKey()), "split of " + e.getKey());
    }
    for (String split : Splits.NAMES) {
      double fraction = split.equals("train") ? 0.6 : 0.2;
      long n = b.values().stream().filter(split::equals).count();
      assertTrue(Math.abs(n - fraction * 50) <= 2, split + ": " + n + " of 50"); // one per category
    }
  }

  @Test
  void everyPrefixOfIndicesHoldsTheFractionsToOneModel() {
    for (int n : new int[] {3, 5, 6, 10, 37, 1000}) {
      int train = 0;
      int val = 0;
      for (int i = 0; i < n; i++) {
        String s = ModelSplit.of(i, 0.6, 0.2);
        train += s.equals("train") ? 1 : 0;
        val += s.equals("val") ? 1 : 0;
      }
      assertEquals((int) Math.floor(0.6 * n + 1e-9), train, n + " models");
      assertTrue(Math.abs(val - 0.2 * n) <= 1, n + " models: " + val + " val");
      assertTrue(Math.abs(n - train - val - 0.2 * n) <= 1, n + " models: " + (n - train - val) + " test");
    }
    assertEquals("test", ModelSplit.of(0, 0, 0));
    assertEquals("train", ModelSplit.of(4, 1, 0));
  }

  private static Map<String, String> splits(Path root) {
    Map<String, String> out = new HashMap<>();
    LocalDataRoot kpn = new LocalDataRoot(root.resolve(SyntheticWorld.KEYPOINTNET));
    for (String s : Splits.NAMES) {
      for (SplitEntry e : Splits.read(kpn, "splits/" + s + ".txt")) {
        out.put(e.key(), s);
      }
    }
    return out;
  }
}
