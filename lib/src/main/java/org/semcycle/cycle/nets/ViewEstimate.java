package org.semcycle.cycle.nets;

/**
 * ViewNet's answer for one input: the reference's decoding (azimuth as the circular mean of the
 * bins, elevation as the expectation), and the azimuth distribution it came from, so that the
 * cycle can decode it otherwise ({@link org.semcycle.viewpoint.AzimuthDecoding}).
 *
 * @param azimuth degrees, [0, 360)
 * @param elevation degrees, [-90, 90]
 * @param azimuthProbabilities the 24 bins' probabilities, or null where the predictor has none
 *     (a fake): then only {@code azimuth} counts
 */
public record ViewEstimate(double azimuth, double elevation, float[] azimuthProbabilities) {

  /** An estimate with no distribution behind it. */
  public static ViewEstimate of(double azimuth, double elevation) {
    return new ViewEstimate(azimuth, elevation, null);
  }
}
