package org.semcycle.synthetic;

import java.util.Map;
import java.util.TreeMap;

/** What a synth run wrote: models per category and split, variants, time taken. */
public record SynthReport(
    Map<String, Integer> modelsPerCategory,
    Map<String, Integer> modelsPerSplit,
    Map<String, Integer> variants,
    int keypoints,
    double seconds) {

  public int models() {
    return modelsPerCategory.values().stream().mapToInt(Integer::intValue).sum();
  }

  public double modelsPerSecond() {
    return seconds > 0 ? models() / seconds : Double.NaN;
  }

  /** A few human-readable lines. */
  public String summary() {
    return String.format(
        "synth: %d models (%s), %d keypoints, splits %s, %d topology variants, %.1f s (%.1f models/s)",
        models(),
        new TreeMap<>(modelsPerCategory),
        keypoints,
        modelsPerSplit,
        variants.size(),
        seconds,
        modelsPerSecond());
  }
}
