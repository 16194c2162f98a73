package org.semcycle.cycle;

/**
 * The stages of the cycle that an ablation setting can replace by ground truth (the paper's
 * table 3): the 2.5D sketches, the 3D shape, the viewpoint (camera) and the semantics (the 3D
 * keypoints on the shape).
 */
public enum CycleStage {
  SKETCH("2.5D sketches"),
  SHAPE("3D shape"),
  VIEWPOINT("viewpoint"),
  SEMANTICS("3D keypoints");

  private final String description;

  CycleStage(String description) {
    this.description = description;
  }

  /** What the stage produces, for messages. */
  public String description() {
    return description;
  }
}
