package org.semcycle.rendering.dataset;

import org.semcycle.rendering.ProjectedKeypoint;

/**
 * A model keypoint in one view: its semantic id, pixel position (docs/CONVENTIONS.md), camera
 * depth and visibility (inside the image and not behind the surface).
 */
public record ViewKeypoint(int semanticId, double x, double y, double depth, boolean visible) {
  public static ViewKeypoint of(int semanticId, ProjectedKeypoint p) {
    return new ViewKeypoint(semanticId, p.x(), p.y(), p.depth(), p.visible());
  }

  public ProjectedKeypoint projected() {
    return new ProjectedKeypoint(x, y, depth, visible);
  }
}
