package org.semcycle.evaluation;

/**
 * One ground-truth keypoint to score: a visible (labelled) keypoint of a target image, either of
 * the image alone ({@code pairId == null}) or of a pair's target ({@link PairIds}).
 *
 * @param dataset {@code pix3d}, {@code spair}, {@code pfpascal}
 * @param category our vocabulary's name (chair, car, airplane)
 * @param imageId target image: file name stem
 * @param pairId null for single images
 * @param keypointId semantic id (after the data set's keypoint map)
 * @param x truth in the target image's pixels (0-based, integers at pixel centres)
 * @param y truth
 * @param tauImg max(w, h) of the target image
 * @param tauBbox max(x2 - x1, y2 - y1) of the target box
 * @param imagePath the target image's path relative to its set's root
 * @param conditions the unit's flags (SPair pair variations, image truncation / occlusion)
 * @param partnerX where the keypoint's reflection partner (the vocabulary's mirror id) is in the
 *     target image when it is labelled there too, else NaN: the keypoint is then <i>ambiguous</i>,
 *     a matcher that confuses left and right lands on the partner
 * @param partnerY the partner's y, or NaN
 */
public record GroundTruthRow(
    String dataset,
    String category,
    String imageId,
    String pairId,
    int keypointId,
    double x,
    double y,
    double tauImg,
    double tauBbox,
    String imagePath,
    UnitConditions conditions,
    double partnerX,
    double partnerY) {

  /** A row without a visible partner. */
  public GroundTruthRow(String dataset, String category, String imageId, String pairId, int keypointId,
      double x, double y, double tauImg, double tauBbox, String imagePath, UnitConditions conditions) {
    this(dataset, category, imageId, pairId, keypointId, x, y, tauImg, tauBbox, imagePath, conditions,
        Double.NaN, Double.NaN);
  }

  /** The same row with its reflection partner at (px, py). */
  public GroundTruthRow withPartner(double px, double py) {
    return new GroundTruthRow(dataset, category, imageId, pairId, keypointId, x, y, tauImg, tauBbox, imagePath,
        conditions, px, py);
  }

  /** True when the reflection partner is labelled in the target image too. */
  public boolean ambiguous() {
    return Double.isFinite(partnerX) && Double.isFinite(partnerY);
  }

  /** SPair pairs: 0 easy, 1 medium, 2 hard; null otherwise. */
  public Integer viewpointVariation() {
    return conditions.viewpointVariation();
  }
}
