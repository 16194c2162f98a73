package org.semcycle.datasets.spair;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds SPair-71k pairs from two image annotations, the way SPair derives its pair fields.
 *
 * <ul>
 *   <li>Keypoints: only ids visible in <b>both</b> images are kept, in increasing id order;
 *       {@code kps_ids} holds them as strings.
 *   <li>{@code viewpoint_variation} from the circular azimuth difference {@code |daz|} in [0,
 *       180]: <b>0</b> (easy) if {@code |daz| <= 30} degrees, <b>1</b> (medium) if {@code <= 90},
 *       else <b>2</b> (hard). These thresholds are this project's choice (SPair bins azimuth in
 *       8 bins of 45 degrees; with azimuth ids, daz = 45 * bin difference, so same bin = 0,
 *       1-2 bins apart = 1, 3-4 bins apart = 2).
 *   <li>{@code scale_variation} from the ratio {@code r >= 1} of the boxes' sizes, size = square
 *       root of the box area: <b>0</b> if {@code r <= 1.5}, <b>1</b> if {@code r <= 3}, else
 *       <b>2</b> (this project's thresholds).
 *   <li>{@code truncation} / {@code occlusion}: 0 none, 1 source only, 2 target only, 3 both.
 * </ul>
 */
public final class SpairPairs {
  private SpairPairs() {}

  /** Viewpoint thresholds in degrees: easy up to 30, medium up to 90, hard beyond. */
  public static final double EASY_AZIMUTH_DEG = 30, MEDIUM_AZIMUTH_DEG = 90;

  /** Scale-ratio thresholds: easy up to 1.5, medium up to 3, hard beyond. */
  public static final double EASY_SCALE_RATIO = 1.5, MEDIUM_SCALE_RATIO = 3.0;

  /** Degrees per SPair azimuth bin. */
  public static final double AZIMUTH_BIN_DEG = 45;

  /**
   * A pair from two annotations of the same category, with azimuths known in degrees (our
   * renderer's convention).
   *
   * @throws IllegalArgumentException if categories or keypoint counts differ
   */
  public static SpairPair make(
      int pairId, SpairImageAnnotation src, SpairImageAnnotation trg, double srcAzimuthDeg,
      double trgAzimuthDeg, boolean mirror) {
    if (!src.category().equals(trg.category())) {
      throw new IllegalArgumentException(
          "categories differ: " + src.category() + " vs " + trg.category());
    }
    if (src.keypointCount() != trg.keypointCount()) {
      throw new IllegalArgumentException(
          "keypoint counts differ: " + src.keypointCount() + " vs " + trg.keypointCount());
    }
    List<double[]> s = new ArrayList<>();
    List<double[]> t = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < src.keypointCount(); i++) {
      double[] a = src.keypoint(i);
      double[] b = trg.keypoint(i);
      if (a != null && b != null) {
        s.add(a);
        t.add(b);
        ids.add(Integer.toString(i));
      }
    }
    SpairPairName name =
        new SpairPairName(pairId, src.imageId(), trg.imageId(), src.category());
    return new SpairPair(
        pairId,
        name.toString(),
        src.filename(),
        trg.filename(),
        src.category(),
        new int[] {src.imageWidth(), src.imageHeight(), src.imageDepth()},
        new int[] {trg.imageWidth(), trg.imageHeight(), trg.imageDepth()},
        src.bndbox(),
        trg.bndbox(),
        src.pose(),
        trg.pose(),
        s.toArray(new double[0][]),
        t.toArray(new double[0][]),
        ids,
        mirror ? 1 : 0,
        viewpointVariation(srcAzimuthDeg, trgAzimuthDeg),
        scaleVariation(src.bndbox(), trg.bndbox()),
        combineFlags(src.truncated(), trg.truncated()),
        combineFlags(src.occluded(), trg.occluded()));
  }

  /** A pair whose azimuths come from the annotations' azimuth bins (45 degrees each). */
  public static SpairPair make(
      int pairId, SpairImageAnnotation src, SpairImageAnnotation trg, boolean mirror) {
    return make(pairId, src, trg, src.azimuthId() * AZIMUTH_BIN_DEG,
        trg.azimuthId() * AZIMUTH_BIN_DEG, mirror);
  }

  /**
   * The azimuth bin (0..7) of an azimuth in degrees, bins of 45 degrees centred on multiples of
   * 45 (bin k covers [45k - 22.5, 45k + 22.5)), in our azimuth convention (docs/CONVENTIONS.md);
   * {@link #make(int, SpairImageAnnotation, SpairImageAnnotation, boolean)} reads bin k as 45k.
   */
  public static int azimuthBin(double azimuthDeg) {
    double a = ((azimuthDeg % 360) + 360) % 360;
    return (int) Math.floor((a + AZIMUTH_BIN_DEG / 2) / AZIMUTH_BIN_DEG) % 8;
  }

  /** Circular azimuth difference in [0, 180] degrees. */
  public static double azimuthDifference(double azA, double azB) {
    double d = Math.abs(azA - azB) % 360;
    return d > 180 ? 360 - d : d;
  }

  /** 0 if |daz| <= 30, 1 if <= 90, else 2. */
  public static int viewpointVariation(double azA, double azB) {
    double d = azimuthDifference(azA, azB);
    return d <= EASY_AZIMUTH_DEG + 1e-9 ? 0 : d <= MEDIUM_AZIMUTH_DEG + 1e-9 ? 1 : 2;
  }

  /** 0 if the size ratio is <= 1.5, 1 if <= 3, else 2; size = sqrt of the box area. */
  public static int scaleVariation(double[] boxA, double[] boxB) {
    double a = Math.sqrt(Math.max(0, boxA[2] - boxA[0]) * Math.max(0, boxA[3] - boxA[1]));
    double b = Math.sqrt(Math.max(0, boxB[2] - boxB[0]) * Math.max(0, boxB[3] - boxB[1]));
    if (a <= 0 || b <= 0) {
      return 2;
    }
    double r = Math.max(a, b) / Math.min(a, b);
    return r <= EASY_SCALE_RATIO ? 0 : r <= MEDIUM_SCALE_RATIO ? 1 : 2;
  }

  /** SPair's combined flag: 0 none, 1 source only, 2 target only, 3 both. */
  public static int combineFlags(boolean src, boolean trg) {
    return (src ? 1 : 0) + (trg ? 2 : 0);
  }
}
