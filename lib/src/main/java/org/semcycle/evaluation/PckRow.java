package org.semcycle.evaluation;

/**
 * One aggregated PCK value of the evaluate job's {@code pck} table.
 *
 * @param dataset pix3d, spair, pfpascal
 * @param category our category name, or {@code all}
 * @param keypointId semantic id, or null for all keypoints
 * @param method cycle-3d, baseline-2d, ...
 * @param setting full, no-vp-from-rgb, ...
 * @param protocol {@code single} (predictions per image) or {@code pair} (pair-mode predictions)
 * @param unit what the scored ground truth belongs to: {@code image} or {@code pair}
 * @param tau img or bbox
 * @param alpha the threshold factor
 * @param averaging {@code per-keypoint} (the paper) or {@code per-pair} (HPF: per unit, then
 *     over units; for unit = image, per image)
 * @param pck the value, in [0, 1]
 * @param keypoints scored ground-truth keypoints
 * @param units scored images or pairs
 * @param missing ground-truth keypoints without a prediction (counted wrong)
 * @param viewpoint null over every unit; {@code easy}, {@code medium}, {@code hard}: the SPair
 *     pairs of that viewpoint variation (0, 1, 2)
 */
public record PckRow(
    String dataset,
    String category,
    Integer keypointId,
    String method,
    String setting,
    String protocol,
    String unit,
    String tau,
    double alpha,
    String averaging,
    double pck,
    long keypoints,
    long units,
    long missing,
    String viewpoint) {

  /** The category value of rows over every category. */
  public static final String ALL = "all";

  /** Averaging labels. */
  public static final String PER_KEYPOINT = "per-keypoint";

  public static final String PER_PAIR = "per-pair";

  /** SPair's viewpoint_variation 0, 1, 2 as easy, medium, hard. */
  public static String viewpointLabel(int variation) {
    return switch (variation) {
      case 0 -> "easy";
      case 1 -> "medium";
      case 2 -> "hard";
      default -> throw new IllegalArgumentException("viewpoint_variation is 0, 1 or 2: " + variation);
    };
  }

  /** The unit the paper's tables use for a protocol: single -> image, pair -> pair. */
  public static String headlineUnit(String protocol) {
    return "pair".equals(protocol) ? "pair" : "image";
  }
}
