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
 * @param viewpointVariation SPair pairs: 0 easy, 1 medium, 2 hard; null otherwise
 * @param imagePath the target image's path relative to its set's root
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
    Integer viewpointVariation,
    String imagePath) {}
