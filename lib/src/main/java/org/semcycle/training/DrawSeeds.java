package org.semcycle.training;

import java.util.SplittableRandom;
import org.semcycle.io.Seeds;

/**
 * The random source of a training-time augmentation: the k-th draw for sample s is seeded by
 * {@code Seeds.mix(seed, key, s, k)}, k counting how often the sample has been served. The same
 * sequence of batches gives the same draws, and every epoch sees fresh ones.
 */
public final class DrawSeeds {
  private final long seed;
  private final String key;
  private final int[] draws;

  /** Draws for samples 0..samples-1 under an augmentation's key. */
  public DrawSeeds(long seed, String key, int samples) {
    this.seed = seed;
    this.key = key;
    this.draws = new int[samples];
  }

  /** The generator of the sample's next draw. */
  public SplittableRandom next(int sample) {
    return new SplittableRandom(Seeds.mix(seed, key, sample, draws[sample]++));
  }
}
