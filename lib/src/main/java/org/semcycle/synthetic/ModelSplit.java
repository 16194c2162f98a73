package org.semcycle.synthetic;

/**
 * The train / val / test split of a synthetic model, a pure function of the model's index in its
 * category (its id is a function of seed, category and index, {@link ShapeGenerators#modelId})
 * and the configured fractions: two synth runs with the same seed agree on every model they
 * share, whatever their sizes, so nets trained on one run never see another run's test models.
 *
 * <p>The splits interleave as evenly as possible (a Beatty sequence): model i is in train when
 * {@code floor((i + 1) t) > floor(i t)}, so the first n models hold exactly {@code floor(n t)}
 * train models; the others go to val the same way at rate {@code v / (1 - t)} among themselves,
 * the rest to test. Every run size gets the fractions to within one model per split, small
 * runs included (a hash of the id would be as stable, but leaves a run of a few models with an
 * empty or lopsided split).
 */
public final class ModelSplit {
  private static final double EPS = 1e-9;

  private ModelSplit() {}

  /** {@code train}, {@code val} or {@code test}. */
  public static String of(int index, double trainFraction, double valFraction) {
    if (index < 0) {
      throw new IllegalArgumentException("model index must be >= 0: " + index);
    }
    if (count(index + 1, trainFraction) > count(index, trainFraction)) {
      return "train";
    }
    int others = index - count(index, trainFraction);
    double rate = trainFraction >= 1 ? 0 : valFraction / (1 - trainFraction);
    return count(others + 1, rate) > count(others, rate) ? "val" : "test";
  }

  /** floor(n rate): how many of the first n positions a rate selects. */
  private static int count(int n, double rate) {
    return (int) Math.floor(n * rate + EPS);
  }
}
