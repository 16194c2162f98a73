package org.semcycle.datasets.keypointnet;

import java.util.List;

/**
 * KeypointNet's symmetries of one model: reflection pairs and rotation groups, each as indexes
 * into the model's keypoint list.
 */
public record Symmetries(List<int[]> reflection, List<RotationGroup> rotation) {
  public static final Symmetries NONE = new Symmetries(List.of(), List.of());

  public Symmetries {
    reflection = List.copyOf(reflection);
    rotation = List.copyOf(rotation);
  }
}
