package org.semcycle.rendering;

/**
 * A 3D point seen by a camera: pixel coordinates (integers at pixel centres), depth (camera z)
 * and whether it is visible (on the image, in front of the camera, and not hidden behind the
 * rendered surface; see {@link KeypointProjector}).
 */
public record ProjectedKeypoint(double x, double y, double depth, boolean visible) {}
