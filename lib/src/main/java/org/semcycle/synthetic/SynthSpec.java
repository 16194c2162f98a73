package org.semcycle.synthetic;

import java.util.List;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;

/**
 * What {@code semcycle synth} makes: categories, models per category, the train/val fractions
 * of each category's models (the rest is test), points per PCD, and the base seed.
 */
public record SynthSpec(
    long seed,
    List<String> categories,
    int modelsPerCategory,
    double trainFraction,
    double valFraction,
    int pcdPoints,
    KeypointVocabulary vocabulary) {
  public SynthSpec {
    categories = List.copyOf(categories);
    if (modelsPerCategory < 1) {
      throw new IllegalArgumentException("models-per-category must be >= 1, got " + modelsPerCategory);
    }
    if (trainFraction < 0 || valFraction < 0 || trainFraction + valFraction > 1) {
      throw new IllegalArgumentException(
          "split fractions must be >= 0 and add up to at most 1: train " + trainFraction + ", val " + valFraction);
    }
    if (pcdPoints < 1) {
      throw new IllegalArgumentException("pcd-points must be >= 1");
    }
  }
}
