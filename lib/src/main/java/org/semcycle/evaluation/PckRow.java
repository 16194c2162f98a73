package org.semcycle.evaluation;

import java.util.List;

/**
 * One aggregated PCK value of the evaluate job's {@code pck} tables.
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
 * @param missing ground-truth keypoints without a prediction and without a reject of their
 *     unit (a defect of the run; counted wrong)
 * @param rejected ground-truth keypoints of units the run rejected with a reason (counted wrong)
 * @param breakdown {@link #ALL} over every unit, else what splits the units ({@link #BREAKDOWNS})
 * @param subset the part of the breakdown ({@link #ALL} with breakdown all)
 * @param flipRate on the {@code ambiguity / ambiguous} subset: the share of keypoints predicted
 *     within alpha tau of their reflection partner's true position and not of their own; NaN
 *     elsewhere
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
    long rejected,
    String breakdown,
    String subset,
    double flipRate) {

  /** The category, breakdown and subset value of rows over every category / unit. */
  public static final String ALL = "all";

  /** Averaging labels. */
  public static final String PER_KEYPOINT = "per-keypoint";

  public static final String PER_PAIR = "per-pair";

  /** SPair's pair flags (pair units). */
  public static final String VIEWPOINT = "viewpoint";
  public static final String SCALE = "scale";
  public static final String TRUNCATION = "truncation";
  public static final String OCCLUSION = "occlusion";
  /** The image's condition (image units): clean, truncated, occluded. */
  public static final String CONDITION = "condition";
  /** Whether the keypoint's reflection partner is visible too: ambiguous, unambiguous. */
  public static final String AMBIGUITY = "ambiguity";

  /** Every breakdown, in table order. */
  public static final List<String> BREAKDOWNS =
      List.of(VIEWPOINT, SCALE, TRUNCATION, OCCLUSION, CONDITION, AMBIGUITY);

  /** SPair's viewpoint_variation and scale_variation 0, 1, 2 as easy, medium, hard. */
  public static String variationLabel(int variation) {
    return switch (variation) {
      case 0 -> "easy";
      case 1 -> "medium";
      case 2 -> "hard";
      default -> throw new IllegalArgumentException("a variation is 0, 1 or 2: " + variation);
    };
  }

  /** SPair's truncation and occlusion 0..3 as none, source, target, both. */
  public static String flagLabel(int flag) {
    return switch (flag) {
      case 0 -> "none";
      case 1 -> "source";
      case 2 -> "target";
      case 3 -> "both";
      default -> throw new IllegalArgumentException("a truncation/occlusion flag is 0..3: " + flag);
    };
  }

  /** The subsets of a breakdown, in table order. */
  public static List<String> subsets(String breakdown) {
    return switch (breakdown) {
      case VIEWPOINT, SCALE -> List.of("easy", "medium", "hard");
      case TRUNCATION, OCCLUSION -> List.of("none", "source", "target", "both");
      case CONDITION -> List.of("clean", "truncated", "occluded");
      case AMBIGUITY -> List.of("ambiguous", "unambiguous");
      default -> List.of(ALL);
    };
  }

  /** True for the rows over every unit of the run (no breakdown). */
  public boolean overall() {
    return ALL.equals(breakdown);
  }

  /** The unit the paper's tables use for a protocol: single -> image, pair -> pair. */
  public static String headlineUnit(String protocol) {
    return "pair".equals(protocol) ? "pair" : "image";
  }
}
