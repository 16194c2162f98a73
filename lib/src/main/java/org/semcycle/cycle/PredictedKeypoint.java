package org.semcycle.cycle;

/**
 * One keypoint the cycle places on an image, in the original image's pixels. An occluded
 * keypoint keeps its position with {@code visible = false}; one that cannot be placed (behind
 * the camera) has NaN coordinates.
 */
public record PredictedKeypoint(int semanticId, double x, double y, boolean visible,
    double confidence) {}
