package org.semcycle.evaluation;

/**
 * Whether a keypoint of an image's object is visible (in the image, not self-occluded, not
 * under an occluder), for every keypoint of the object's model, visible or not: what the cycle's
 * predicted visibility is scored against. Read from the synthetic sets' {@code semcycle_gt}
 * files; the public data sets label only visible keypoints and do not say which hidden ones the
 * object has.
 */
public record VisibilityTruth(String dataset, String category, String imageId, int keypointId, boolean visible) {}
