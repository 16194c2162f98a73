package org.semcycle.rendering.camera;

import java.util.Arrays;
import org.semcycle.geometry.Vec3;

/**
 * World-to-camera rigid transform {@code x_cam = R * x_world + t}; the rows of R are the camera
 * axes (x right, y down, z forward) in world coordinates (docs/CONVENTIONS.md).
 */
public final class Extrinsics {
  private final double[] r;
  private final double[] t;

  /**
   * @param rowMajorR 9 numbers, R row-major
   * @param t 3 numbers
   */
  public Extrinsics(double[] rowMajorR, double[] t) {
    if (rowMajorR.length != 9 || t.length != 3) {
      throw new IllegalArgumentException("R needs 9 numbers and t 3");
    }
    this.r = rowMajorR.clone();
    this.t = t.clone();
  }

  /**
   * The look-at camera of a viewpoint: forward toward the origin, world up +Y, then the in-plane
   * rotation. The right axis is {@code (cos az, 0, -sin az)}, the limit of forward x up, so
   * elevations of exactly +-90 degrees are well defined (azimuth then sets the image's turn).
   */
  public static Extrinsics lookAt(Viewpoint vp) {
    double az = Math.toRadians(vp.azimuth());
    double el = Math.toRadians(vp.elevation());
    double sa = Math.sin(az);
    double ca = Math.cos(az);
    double se = Math.sin(el);
    double ce = Math.cos(el);
    // forward = -c / |c|
    double fx = -ce * sa;
    double fy = -se;
    double fz = -ce * ca;
    // right (before the in-plane turn) and down = forward x right
    double rx = ca;
    double ry = 0;
    double rz = -sa;
    double dx = se * sa;
    double dy = -ce;
    double dz = se * ca;
    double th = Math.toRadians(vp.inPlane());
    double ct = Math.cos(th);
    double st = Math.sin(th);
    // Turning the image counter-clockwise by theta (y down): x' = c x + s y, y' = -s x + c y.
    double[] rot = {
      ct * rx + st * dx, ct * ry + st * dy, ct * rz + st * dz,
      -st * rx + ct * dx, -st * ry + ct * dy, -st * rz + ct * dz,
      fx, fy, fz
    };
    Vec3 c = vp.cameraPosition();
    double[] tr = new double[3];
    for (int i = 0; i < 3; i++) {
      tr[i] = -(rot[3 * i] * c.x() + rot[3 * i + 1] * c.y() + rot[3 * i + 2] * c.z());
    }
    return new Extrinsics(rot, tr);
  }

  /** R row-major (a copy). */
  public double[] rotation() {
    return r.clone();
  }

  /** R as a 3x3 array (a copy). */
  public double[][] rotationMatrix() {
    return new double[][] {{r[0], r[1], r[2]}, {r[3], r[4], r[5]}, {r[6], r[7], r[8]}};
  }

  /** t (a copy). */
  public double[] translation() {
    return t.clone();
  }

  /** Element (row, col) of R. */
  public double r(int row, int col) {
    return r[3 * row + col];
  }

  /** Component i of t. */
  public double t(int i) {
    return t[i];
  }

  public Vec3 toCamera(Vec3 w) {
    return new Vec3(
        r[0] * w.x() + r[1] * w.y() + r[2] * w.z() + t[0],
        r[3] * w.x() + r[4] * w.y() + r[5] * w.z() + t[1],
        r[6] * w.x() + r[7] * w.y() + r[8] * w.z() + t[2]);
  }

  /** Camera-frame direction to world frame (R^T v). */
  public Vec3 directionToWorld(Vec3 v) {
    return new Vec3(
        r[0] * v.x() + r[3] * v.y() + r[6] * v.z(),
        r[1] * v.x() + r[4] * v.y() + r[7] * v.z(),
        r[2] * v.x() + r[5] * v.y() + r[8] * v.z());
  }

  /** World-frame direction to camera frame (R v). */
  public Vec3 directionToCamera(Vec3 v) {
    return new Vec3(
        r[0] * v.x() + r[1] * v.y() + r[2] * v.z(),
        r[3] * v.x() + r[4] * v.y() + r[5] * v.z(),
        r[6] * v.x() + r[7] * v.y() + r[8] * v.z());
  }

  public Vec3 toWorld(Vec3 c) {
    return directionToWorld(new Vec3(c.x() - t[0], c.y() - t[1], c.z() - t[2]));
  }

  /** Camera centre in world coordinates, {@code -R^T t}. */
  public Vec3 cameraCentre() {
    return toWorld(Vec3.ZERO);
  }

  /**
   * The viewpoint of this camera, assuming it looks at the origin with world up +Y: azimuth,
   * elevation and distance from the camera centre, in-plane rotation from how far R's x axis is
   * turned from the look-at right axis. On the poles the azimuth is reported as 0 and the whole
   * turn goes into the in-plane angle. Principal-point offsets live in the intrinsics, so the
   * result has none.
   */
  public Viewpoint viewpoint() {
    Vec3 c = cameraCentre();
    Viewpoint base = Viewpoint.fromCameraPosition(c);
    double az = Math.toRadians(base.azimuth());
    double el = Math.toRadians(base.elevation());
    double sa = Math.sin(az);
    double ca = Math.cos(az);
    double se = Math.sin(el);
    double ce = Math.cos(el);
    double cosT = r[0] * ca + r[2] * (-sa);
    double sinT = r[0] * se * sa + r[1] * (-ce) + r[2] * se * ca;
    double th = Math.toDegrees(Math.atan2(sinT, cosT));
    return new Viewpoint(base.azimuth(), base.elevation(), base.distance(), th, 0, 0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Extrinsics e && Arrays.equals(r, e.r) && Arrays.equals(t, e.t);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(r) + Arrays.hashCode(t);
  }

  @Override
  public String toString() {
    return "Extrinsics[R=" + Arrays.toString(r) + ", t=" + Arrays.toString(t) + "]";
  }
}
