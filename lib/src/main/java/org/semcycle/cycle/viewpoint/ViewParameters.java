package org.semcycle.cycle.viewpoint;

/**
 * A viewpoint in the convention of docs/CONVENTIONS.md: azimuth and elevation in degrees, camera
 * distance in object units, in-plane rotation in degrees (image turned counter-clockwise), and a
 * principal-point offset as a fraction of the image width / height (cx = (W - 1) / 2 +
 * offsetX * W, cy = (H - 1) / 2 + offsetY * H). Field for field the same as the renderer's
 * {@code org.semcycle.rendering.Viewpoint}, which is not on this branch yet.
 */
public record ViewParameters(
    double azimuth,
    double elevation,
    double distance,
    double inPlane,
    double offsetX,
    double offsetY) {

  /** Azimuth, elevation and distance; no in-plane rotation, no offset. */
  public static ViewParameters of(double azimuth, double elevation, double distance) {
    return new ViewParameters(azimuth, elevation, distance, 0, 0, 0);
  }

  /** The parameters as an array in {@link Parameter} order. */
  public double[] toArray() {
    return new double[] {azimuth, elevation, distance, inPlane, offsetX, offsetY};
  }

  /** Inverse of {@link #toArray()}. */
  public static ViewParameters fromArray(double[] p) {
    return new ViewParameters(p[0], p[1], p[2], p[3], p[4], p[5]);
  }

  /** Azimuth wrapped into [0, 360). */
  public ViewParameters normalized() {
    double az = azimuth % 360.0;
    if (az < 0) {
      az += 360.0;
    }
    return new ViewParameters(az, elevation, distance, inPlane, offsetX, offsetY);
  }

  /** Signed smallest difference a - b of two angles in degrees, in (-180, 180]. */
  public static double angleDifference(double a, double b) {
    double d = (a - b) % 360.0;
    if (d > 180) {
      d -= 360;
    } else if (d <= -180) {
      d += 360;
    }
    return d;
  }

  /** The six viewpoint parameters, in array order. */
  public enum Parameter {
    AZIMUTH,
    ELEVATION,
    DISTANCE,
    IN_PLANE,
    OFFSET_X,
    OFFSET_Y
  }
}
