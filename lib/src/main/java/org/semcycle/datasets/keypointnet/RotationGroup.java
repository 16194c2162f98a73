package org.semcycle.datasets.keypointnet;

/**
 * A rotation symmetry group of keypoints (e.g. the legs of a swivel base). {@code kpIndexes}
 * index the model's keypoint list (not semantic ids). When {@code isCircle}, the keypoints lie
 * on a circle with the given centre, radius and axis normal; otherwise those may be null/0
 * (KeypointNet's own chair groups are not circles).
 */
public record RotationGroup(
    int[] kpIndexes, boolean isCircle, double[] center, double radius, double[] normal) {
  public RotationGroup {
    kpIndexes = kpIndexes.clone();
    center = center == null ? null : center.clone();
    normal = normal == null ? null : normal.clone();
  }
}
