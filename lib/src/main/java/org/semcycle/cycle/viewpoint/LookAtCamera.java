package org.semcycle.cycle.viewpoint;

import org.semcycle.rendering.camera.Viewpoint;

import org.semcycle.geometry.Vec3;

/**
 * The look-at pinhole camera of docs/CONVENTIONS.md in plain Java (double precision), the
 * reference the soft rasteriser's NDArray projection is tested against.
 *
 * <p>Camera centre {@code c = d (cos el sin az, sin el, cos el cos az)} looking at the origin with
 * world up +Y; camera frame x right, y down, z forward: {@code z = -c / |c|},
 * {@code x = normalize(z x up)}, {@code y = z x x}; then the in-plane rotation turns the image
 * counter-clockwise by theta: {@code x' = cos(theta) x + sin(theta) y},
 * {@code y' = -sin(theta) x + cos(theta) y} (y points down, so this is counter-clockwise on
 * screen). Extrinsics {@code x_cam = R x_world + t} with R's rows the rotated axes and
 * {@code t = -R c}. Intrinsics {@code f = (W / 2) / tan(fov / 2)} (horizontal fov),
 * {@code cx = (W - 1) / 2 + offsetX W}, {@code cy = (H - 1) / 2 + offsetY H}. Elevation +-90
 * degrees is singular (up parallel to the view direction).
 */
public final class LookAtCamera {
  private final double[][] rotation;
  private final double[] translation;
  private final double focal;
  private final double cx;
  private final double cy;
  private final int width;
  private final int height;

  private LookAtCamera(
      double[][] rotation, double[] translation, double focal, double cx, double cy, int w, int h) {
    this.rotation = rotation;
    this.translation = translation;
    this.focal = focal;
    this.cx = cx;
    this.cy = cy;
    this.width = w;
    this.height = h;
  }

  /** The camera of a viewpoint for a W x H image with horizontal field of view in degrees. */
  public static LookAtCamera of(Viewpoint vp, int width, int height, double fovDegrees) {
    double az = Math.toRadians(vp.azimuth());
    double el = Math.toRadians(vp.elevation());
    double d = vp.distance();
    Vec3 c = new Vec3(Math.cos(el) * Math.sin(az), Math.sin(el), Math.cos(el) * Math.cos(az))
        .times(d);
    Vec3 forward = c.times(-1).normalized();
    Vec3 right = forward.cross(Vec3.Y).normalized();
    Vec3 down = forward.cross(right);
    double th = Math.toRadians(vp.inPlane());
    Vec3 r0 = right.times(Math.cos(th)).plus(down.times(Math.sin(th)));
    Vec3 r1 = right.times(-Math.sin(th)).plus(down.times(Math.cos(th)));
    double[][] rot = {r0.toArray(), r1.toArray(), forward.toArray()};
    double[] t = new double[3];
    for (int a = 0; a < 3; a++) {
      t[a] = -(rot[a][0] * c.x() + rot[a][1] * c.y() + rot[a][2] * c.z());
    }
    double f = (width / 2.0) / Math.tan(Math.toRadians(fovDegrees) / 2);
    double px = (width - 1) / 2.0 + vp.offsetX() * width;
    double py = (height - 1) / 2.0 + vp.offsetY() * height;
    return new LookAtCamera(rot, t, f, px, py, width, height);
  }

  /** World point to camera frame (x right, y down, z forward). */
  public Vec3 toCamera(Vec3 p) {
    double[] o = new double[3];
    for (int a = 0; a < 3; a++) {
      o[a] = rotation[a][0] * p.x() + rotation[a][1] * p.y() + rotation[a][2] * p.z()
          + translation[a];
    }
    return Vec3.of(o);
  }

  /** Pixel coordinates and depth {u, v, z} of a world point (u right, v down, 0-based). */
  public double[] project(Vec3 p) {
    Vec3 q = toCamera(p);
    return new double[] {focal * q.x() / q.z() + cx, focal * q.y() / q.z() + cy, q.z()};
  }

  /** Rotation rows (copies). */
  public double[][] rotation() {
    return new double[][] {rotation[0].clone(), rotation[1].clone(), rotation[2].clone()};
  }

  public double[] translation() {
    return translation.clone();
  }

  public double focal() {
    return focal;
  }

  public double principalX() {
    return cx;
  }

  public double principalY() {
    return cy;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }
}
