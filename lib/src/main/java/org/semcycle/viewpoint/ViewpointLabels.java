package org.semcycle.viewpoint;

/**
 * Soft viewpoint labels of the reference (PIPELINE.md stage 4) in our angle convention
 * (docs/CONVENTIONS.md): azimuth in degrees [0, 360), elevation in degrees [-90, 90] above the
 * X-Z plane.
 *
 * <ul>
 *   <li>Azimuth: 24 bins of 15 degrees, centres (i + 0.5) x 15. An angle below 7.5 degrees gets
 *       +360; its mass is split linearly between the two neighbouring centres over 25 bins (the
 *       25th, centred at 367.5, is bin 0 again), then bin 24 is folded into bin 0. Decoding is
 *       the circular mean atan2(sum p sin c, sum p cos c) mapped to [0, 360).
 *   <li>Elevation: the reference labels the polar angle from +Y, polar = 90 - elevation, in
 *       [0, 180] degrees, with 12 bins at k x 180 / 11 (k x pi / 11); mass is split linearly
 *       between the neighbouring bins; decoding is the expectation, converted back to elevation.
 * </ul>
 */
public final class ViewpointLabels {
  /** Number of azimuth bins. */
  public static final int AZIMUTH_BINS = 24;
  /** Number of elevation (polar) bins. */
  public static final int ELEVATION_BINS = 12;
  /** Azimuth bin width, degrees. */
  public static final double AZIMUTH_WIDTH = 360.0 / AZIMUTH_BINS;
  /** Spacing of the polar bins, degrees. */
  public static final double POLAR_STEP = 180.0 / (ELEVATION_BINS - 1);

  private ViewpointLabels() {}

  /** The centre of azimuth bin i, degrees. */
  public static double azimuthCentre(int i) {
    return (i + 0.5) * AZIMUTH_WIDTH;
  }

  /** The polar angle of elevation bin k, degrees (elevation = 90 - this). */
  public static double polarCentre(int k) {
    return k * POLAR_STEP;
  }

  /** The soft label of an azimuth in degrees (any value; reduced modulo 360 first). */
  public static float[] azimuth(double azimuthDeg) {
    double a = azimuthDeg % 360.0;
    if (a < 0) {
      a += 360.0;
    }
    if (a < AZIMUTH_WIDTH / 2) {
      a += 360.0;
    }
    double pos = (a - AZIMUTH_WIDTH / 2) / AZIMUTH_WIDTH; // in [0, 24)
    int i = Math.min((int) Math.floor(pos), AZIMUTH_BINS - 1);
    double frac = pos - i;
    double[] wide = new double[AZIMUTH_BINS + 1];
    wide[i] = 1 - frac;
    wide[i + 1] = frac;
    float[] label = new float[AZIMUTH_BINS];
    for (int b = 0; b < AZIMUTH_BINS; b++) {
      label[b] = (float) wide[b];
    }
    label[0] += (float) wide[AZIMUTH_BINS];
    return label;
  }

  /** The soft label of an elevation in degrees, clamped to [-90, 90]. */
  public static float[] elevation(double elevationDeg) {
    double polar = 90.0 - Math.max(-90.0, Math.min(90.0, elevationDeg));
    double pos = polar / POLAR_STEP; // in [0, 11]
    int k = Math.min((int) Math.floor(pos), ELEVATION_BINS - 2);
    double frac = pos - k;
    float[] label = new float[ELEVATION_BINS];
    label[k] = (float) (1 - frac);
    label[k + 1] = (float) frac;
    return label;
  }

  /** The circular mean of an azimuth distribution (probabilities, not logs), in [0, 360). */
  public static double decodeAzimuth(float[] probs) {
    double s = 0;
    double c = 0;
    for (int i = 0; i < AZIMUTH_BINS; i++) {
      double t = Math.toRadians(azimuthCentre(i));
      s += probs[i] * Math.sin(t);
      c += probs[i] * Math.cos(t);
    }
    double deg = Math.toDegrees(Math.atan2(s, c));
    double wrapped = deg < 0 ? deg + 360.0 : deg;
    return wrapped >= 360.0 ? 0.0 : wrapped; // -1e-15 + 360 rounds to 360.0
  }

  /**
   * The azimuth of a distribution's main mode: the circular mean over the bins within {@code
   * halfWindow} bins of the most probable one. Unlike the circular mean over all bins, a
   * two-peaked distribution decodes to one of its peaks, not to a direction between them.
   */
  public static double decodeAzimuthMode(float[] probs, int halfWindow) {
    return windowMean(probs, topBin(probs), halfWindow);
  }

  /**
   * The second mode of an azimuth distribution, {@code {azimuth, mass}}: the most probable bin
   * more than {@code 2 * halfWindow} bins away from the main mode, decoded as {@link
   * #decodeAzimuthMode}, and the probability mass of its window.
   */
  public static double[] secondAzimuthMode(float[] probs, int halfWindow) {
    int top = topBin(probs);
    int second = -1;
    for (int i = 0; i < AZIMUTH_BINS; i++) {
      int d = Math.floorMod(i - top, AZIMUTH_BINS);
      if (Math.min(d, AZIMUTH_BINS - d) > 2 * halfWindow && (second < 0 || probs[i] > probs[second])) {
        second = i;
      }
    }
    if (second < 0) {
      return new double[] {decodeAzimuthMode(probs, halfWindow), 0};
    }
    double mass = 0;
    for (int k = -halfWindow; k <= halfWindow; k++) {
      mass += probs[Math.floorMod(second + k, AZIMUTH_BINS)];
    }
    return new double[] {windowMean(probs, second, halfWindow), mass};
  }

  private static int topBin(float[] probs) {
    int top = 0;
    for (int i = 1; i < AZIMUTH_BINS; i++) {
      if (probs[i] > probs[top]) {
        top = i;
      }
    }
    return top;
  }

  private static double windowMean(float[] probs, int centre, int halfWindow) {
    double s = 0;
    double c = 0;
    for (int k = -halfWindow; k <= halfWindow; k++) {
      int i = Math.floorMod(centre + k, AZIMUTH_BINS);
      double t = Math.toRadians(azimuthCentre(i));
      s += probs[i] * Math.sin(t);
      c += probs[i] * Math.cos(t);
    }
    double deg = Math.toDegrees(Math.atan2(s, c));
    double wrapped = deg < 0 ? deg + 360.0 : deg;
    return wrapped >= 360.0 ? 0.0 : wrapped;
  }

  /** The expected elevation of a polar-bin distribution (probabilities), degrees. */
  public static double decodeElevation(float[] probs) {
    double total = 0;
    double polar = 0;
    for (int k = 0; k < ELEVATION_BINS; k++) {
      polar += probs[k] * polarCentre(k);
      total += probs[k];
    }
    return 90.0 - polar / total;
  }

  /** Decodes log-probabilities (as ViewNet outputs) of the azimuth. */
  public static double decodeAzimuthLog(float[] logProbs) {
    return decodeAzimuth(exp(logProbs));
  }

  /** Decodes log-probabilities (as ViewNet outputs) of the elevation. */
  public static double decodeElevationLog(float[] logProbs) {
    return decodeElevation(exp(logProbs));
  }

  /** The probabilities of log-probabilities (as ViewNet outputs). */
  public static float[] exp(float[] logs) {
    float[] p = new float[logs.length];
    for (int i = 0; i < logs.length; i++) {
      p[i] = (float) Math.exp(logs[i]);
    }
    return p;
  }
}
