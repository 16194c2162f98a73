package org.semcycle.training;

import java.util.SplittableRandom;
import org.semcycle.io.Seeds;

/**
 * The random source of a training-time augmentation: the k-th draw for sample s in epoch e is
 * seeded by {@code Seeds.mix(seed, key, e, s, k)}, k counting how often the sample has been served
 * in the epoch. The same epoch gives the same draws whether or not the run was resumed before it,
 * and every epoch sees fresh ones.
 */
public final class DrawSeeds {
  private final long seed;
  private final String key;
  private final int[] draws;
  private int epoch;

  /** Draws for samples 0..samples-1 under an augmentation's key. */
  public DrawSeeds(long seed, String key, int samples) {
    this.seed = seed;
    this.key = key;
    this.draws = new int[samples];
  }

  /** Starts an epoch's draws (see {@link SampleSource#startEpoch}). */
  public synchronized void startEpoch(int epoch) {
    this.epoch = epoch;
    java.util.Arrays.fill(draws, 0);
  }

  /** The generator of the sample's next draw. */
  public synchronized SplittableRandom next(int sample) {
    return new SplittableRandom(Seeds.mix(seed, key, epoch, sample, draws[sample]++));
  }
}
