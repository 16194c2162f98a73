package org.semcycle.rendering.camera;

import org.semcycle.geometry.Vec3;

/**
 * A look-at viewpoint in the conventions of docs/CONVENTIONS.md: the camera sits at
 * {@code d * (cos(el) sin(az), sin(el), cos(el) cos(az))} and looks at the origin, world up +Y;
 * the image is then turned counter-clockwise by {@code inPlane} degrees about the optical axis.
 *
 * <p>{@code offsetX}/{@code offsetY} optionally shift the principal point, as a fraction of
 * the image width and height: {@code cx = (W - 1) / 2 + offsetX * W}, {@code cy = (H - 1) / 2 +
 * offsetY * H}. A positive offsetX moves the object to the right on screen. The offset keeps
 * the viewpoint independent of image resolution.
 *
 * @param azimuth degrees; any value is accepted, {@link #normalized()} maps it into [0, 360)
 * @param elevation degrees in [-90, 90]
 * @param distance camera centre to origin, object units, > 0
 * @param inPlane degrees, counter-clockwise on screen
 * @param offsetX principal-point shift, fraction of the image width
 * @param offsetY principal-point shift, fraction of the image height
 */
public record Viewpoint(
    double azimuth,
    double elevation,
    double distance,
    double inPlane,
    double offsetX,
    double offsetY) {

  public Viewpoint {
    if (!(distance > 0) || !Double.isFinite(distance)) {
      throw new IllegalArgumentException("distance must be positive and finite: " + distance);
    }
    if (!(elevation >= -90 && elevation <= 90)) {
      throw new IllegalArgumentException("elevation must be in [-90, 90]: " + elevation);
    }
    if (!Double.isFinite(azimuth) || !Double.isFinite(inPlane)
        || !Double.isFinite(offsetX) || !Double.isFinite(offsetY)) {
      throw new IllegalArgumentException("viewpoint angles and offsets must be finite");
    }
  }

  /** A viewpoint without in-plane rotation or principal-point offset. */
  public static Viewpoint of(double azimuth, double elevation, double distance) {
    return new Viewpoint(azimuth, elevation, distance, 0, 0, 0);
  }

  /** A viewpoint with in-plane rotation and no principal-point offset. */
  public static Viewpoint of(double azimuth, double elevation, double distance, double inPlane) {
    return new Viewpoint(azimuth, elevation, distance, inPlane, 0, 0);
  }

  /**
   * The viewpoint (inPlane 0, no offset) of a camera at {@code c} looking at the origin:
   * {@code az = atan2(c.x, c.z)} in [0, 360), {@code el = asin(c.y / |c|)} (computed as atan2(c.y, |c.xz|)). On the poles
   * (c.x = c.z = 0) the azimuth is undefined and reported as 0.
   */
  public static Viewpoint fromCameraPosition(Vec3 c) {
    double d = c.norm();
    if (!(d > 0) || !Double.isFinite(d)) {
      throw new IllegalArgumentException("camera position must be finite and not the origin: " + c);
    }
    double az = wrapDegrees(Math.toDegrees(Math.atan2(c.x(), c.z())));
    double el = Math.toDegrees(Math.atan2(c.y(), Math.hypot(c.x(), c.z()))); // precise near the poles
    return new Viewpoint(az, el, d, 0, 0, 0);
  }

  /** The camera centre in world (object) coordinates. */
  public Vec3 cameraPosition() {
    double az = Math.toRadians(azimuth);
    double el = Math.toRadians(elevation);
    double ce = Math.cos(el);
    return new Vec3(distance * ce * Math.sin(az), distance * Math.sin(el), distance * ce * Math.cos(az));
  }

  /** The same viewpoint with azimuth in [0, 360) and in-plane rotation in (-180, 180]. */
  public Viewpoint normalized() {
    double ip = wrapDegrees(inPlane);
    if (ip > 180) {
      ip -= 360;
    }
    return new Viewpoint(wrapDegrees(azimuth), elevation, distance, ip, offsetX, offsetY);
  }

  public Viewpoint withInPlane(double degrees) {
    return new Viewpoint(azimuth, elevation, distance, degrees, offsetX, offsetY);
  }

  public Viewpoint withOffset(double ox, double oy) {
    return new Viewpoint(azimuth, elevation, distance, inPlane, ox, oy);
  }

  public Viewpoint withDistance(double d) {
    return new Viewpoint(azimuth, elevation, d, inPlane, offsetX, offsetY);
  }

  /** Maps an angle in degrees into [0, 360). */
  public static double wrapDegrees(double deg) {
    double a = deg % 360.0;
    if (a < 0) {
      a += 360.0;
    }
    return a >= 360.0 ? 0.0 : a;
  }

  /** The six parameters, in {@link #toArray()} order (what the viewpoint fitter optimises). */
  public enum Parameter {
    AZIMUTH,
    ELEVATION,
    DISTANCE,
    IN_PLANE,
    OFFSET_X,
    OFFSET_Y
  }

  /** The parameters as an array in {@link Parameter} order. */
  public double[] toArray() {
    return new double[] {azimuth, elevation, distance, inPlane, offsetX, offsetY};
  }

  /** Inverse of {@link #toArray()}. */
  public static Viewpoint fromArray(double[] p) {
    return new Viewpoint(p[0], p[1], p[2], p[3], p[4], p[5]);
  }

  /** Smallest absolute difference between two angles in degrees, in [0, 180]. */
  public static double angularDistance(double a, double b) {
    double d = wrapDegrees(a - b);
    return d > 180 ? 360 - d : d;
  }
}
