package org.semcycle.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.semcycle.io.Seeds;

/**
 * Draws the test pairs of one category: two images of <b>different</b> models that share at
 * least one keypoint visible in both, each unordered pair at most once, with a random direction
 * (source / target). When the category has at most 4x as many eligible pairs as requested,
 * all are listed and shuffled; otherwise pairs are drawn at random (at most 50 tries per pair).
 * The generator is seeded with {@code (seed, "pairs", category)} and the images are sorted by id
 * first, so the result does not depend on the order records arrive in.
 */
public final class BenchmarkPairs {
  private BenchmarkPairs() {}

  /** A source and a target image. */
  public record Pair(EvaluationRecord source, EvaluationRecord target) {}

  public static List<Pair> sample(long seed, String category, List<EvaluationRecord> images, int count) {
    List<EvaluationRecord> sorted = new ArrayList<>(images);
    sorted.sort(Comparator.comparing(EvaluationRecord::imageId));
    Random rng = new Random(Seeds.mix(seed, "pairs", category));
    int n = sorted.size();
    List<Pair> out = new ArrayList<>();
    if (count <= 0 || n < 2) {
      return out;
    }
    long possible = (long) n * (n - 1) / 2;
    if (possible <= 4L * count) {
      List<int[]> all = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          if (eligible(sorted.get(i), sorted.get(j))) {
            all.add(new int[] {i, j});
          }
        }
      }
      Collections.shuffle(all, rng);
      for (int k = 0; k < Math.min(count, all.size()); k++) {
        int[] ij = all.get(k);
        out.add(direct(sorted.get(ij[0]), sorted.get(ij[1]), rng.nextBoolean()));
      }
      return out;
    }
    Set<Long> seen = new HashSet<>();
    for (int tries = 0; out.size() < count && tries < 50 * count; tries++) {
      int i = rng.nextInt(n);
      int j = rng.nextInt(n);
      boolean flip = rng.nextBoolean();
      if (i == j) {
        continue;
      }
      long key = (long) Math.min(i, j) * n + Math.max(i, j);
      if (seen.contains(key) || !eligible(sorted.get(i), sorted.get(j))) {
        continue;
      }
      seen.add(key);
      out.add(direct(sorted.get(Math.min(i, j)), sorted.get(Math.max(i, j)), flip));
    }
    return out;
  }

  private static Pair direct(EvaluationRecord a, EvaluationRecord b, boolean flip) {
    return flip ? new Pair(b, a) : new Pair(a, b);
  }

  /** Different models with a keypoint visible in both. */
  static boolean eligible(EvaluationRecord a, EvaluationRecord b) {
    if (a.modelId().equals(b.modelId())) {
      return false;
    }
    for (BenchmarkKeypoint k : a.keypoints()) {
      if (k.visible()) {
        BenchmarkKeypoint o = b.keypoint(k.semanticId());
        if (o != null && o.visible()) {
          return true;
        }
      }
    }
    return false;
  }
}
