package org.semcycle.datasets.keypointnet;

import java.util.List;

/** KeypointNet's annotation of one model: {@code class_id} (synset), model id, keypoints, symmetries. */
public record ModelAnnotation(
    String classId, String modelId, List<Keypoint> keypoints, Symmetries symmetries) {
  public ModelAnnotation {
    keypoints = List.copyOf(keypoints);
    symmetries = symmetries == null ? Symmetries.NONE : symmetries;
  }
}
