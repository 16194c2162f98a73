package org.semcycle.viewpoint;

import java.io.Serializable;
import java.util.OptionalDouble;

/**
 * How the cycle reads ViewNet's azimuth distribution (24 bins, {@link ViewpointLabels}).
 *
 * <ul>
 *   <li>{@link Kind#CIRCULAR_MEAN}: the reference's circular mean over every bin. A distribution
 *       with two peaks that are not opposite (ViewNet torn between two views) decodes to a
 *       direction between them, far from both.
 *   <li>{@link Kind#MODE}: the circular mean over the {@code 2 * halfWindow + 1} bins around the
 *       most probable one, i.e. one of the peaks.
 * </ul>
 *
 * The second mode (the most probable bin more than {@code 2 * halfWindow} bins from the first,
 * read as a mode) is offered as an extra start of the viewpoint fit when its window holds at
 * least {@code secondModeMass} of the probability (above 1: never).
 *
 * @param kind the decoding
 * @param halfWindow bins either side of a peak, >= 0
 * @param secondModeMass least probability mass of the second mode's window to fit from it
 */
public record AzimuthDecoding(Kind kind, int halfWindow, double secondModeMass) implements Serializable {

  /** The decodings. */
  public enum Kind {
    CIRCULAR_MEAN,
    MODE
  }

  /** The reference's decoding, no second start. */
  public static final AzimuthDecoding REFERENCE = new AzimuthDecoding(Kind.CIRCULAR_MEAN, 2, 2);

  public AzimuthDecoding {
    if (kind == null || halfWindow < 0 || 2 * halfWindow + 1 > ViewpointLabels.AZIMUTH_BINS / 2) {
      throw new IllegalArgumentException("azimuth decoding needs a kind and 0 <= half window <= "
          + (ViewpointLabels.AZIMUTH_BINS / 2 - 1) / 2 + ": " + kind + ", " + halfWindow);
    }
    if (!(secondModeMass >= 0)) {
      throw new IllegalArgumentException("second-mode mass must be >= 0: " + secondModeMass);
    }
  }

  /** The azimuth of a distribution (probabilities), degrees in [0, 360). */
  public double decode(float[] probabilities) {
    return kind == Kind.MODE ? ViewpointLabels.decodeAzimuthMode(probabilities, halfWindow)
        : ViewpointLabels.decodeAzimuth(probabilities);
  }

  /** The second mode's azimuth when it holds at least {@link #secondModeMass}, else empty. */
  public OptionalDouble secondMode(float[] probabilities) {
    if (secondModeMass > 1) {
      return OptionalDouble.empty();
    }
    double[] second = ViewpointLabels.secondAzimuthMode(probabilities, halfWindow);
    return second[1] >= secondModeMass && second[1] > 0 ? OptionalDouble.of(second[0]) : OptionalDouble.empty();
  }
}
