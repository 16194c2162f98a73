package org.semcycle.rendering.camera;

/**
 * A world point seen by a camera: continuous pixel coordinates (x right, y down, integers at
 * pixel centres) and depth, the camera-frame z (positive in front of the camera). Points at or
 * behind the camera plane have non-finite or meaningless x, y: check {@link #inFront()}.
 */
public record Projection(double x, double y, double depth) {
  public boolean inFront() {
    return depth > 0;
  }
}
