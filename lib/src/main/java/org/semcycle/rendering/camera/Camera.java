package org.semcycle.rendering.camera;

import org.semcycle.geometry.Vec3;

/**
 * A pinhole camera: intrinsics (image size, focal length, principal point) and world-to-camera
 * extrinsics, in the frames of docs/CONVENTIONS.md (camera x right, y down, z forward; pixel
 * centres at integer coordinates). Immutable and thread-safe.
 */
public final class Camera {
  /** A default horizontal field of view (degrees); the render job's configuration decides its own. */
  public static final double DEFAULT_FOV_DEGREES = 45.0;

  private final Intrinsics intrinsics;
  private final Extrinsics extrinsics;

  public Camera(Intrinsics intrinsics, Extrinsics extrinsics) {
    this.intrinsics = intrinsics;
    this.extrinsics = extrinsics;
  }

  /**
   * The look-at camera of a viewpoint for a {@code width x height} image with horizontal field
   * of view {@code fovDegrees}; the viewpoint's principal-point offset shifts cx, cy.
   */
  public static Camera lookAt(Viewpoint vp, int width, int height, double fovDegrees) {
    Intrinsics k =
        Intrinsics.ofHorizontalFov(width, height, fovDegrees)
            .withPrincipalOffset(vp.offsetX(), vp.offsetY());
    return new Camera(k, Extrinsics.lookAt(vp));
  }

  /** The viewpoint (inPlane 0) of a camera centred at {@code cameraPosition} looking at the origin. */
  public static Viewpoint viewpointOf(Vec3 cameraPosition) {
    return Viewpoint.fromCameraPosition(cameraPosition);
  }

  public Intrinsics intrinsics() {
    return intrinsics;
  }

  public Extrinsics extrinsics() {
    return extrinsics;
  }

  public int width() {
    return intrinsics.width();
  }

  public int height() {
    return intrinsics.height();
  }

  /**
   * This camera's viewpoint, assuming it looks at the origin: see {@link Extrinsics#viewpoint()};
   * the principal-point offset is read back from the intrinsics.
   */
  public Viewpoint viewpoint() {
    Viewpoint v = extrinsics.viewpoint();
    double ox = (intrinsics.cx() - (width() - 1) / 2.0) / width();
    double oy = (intrinsics.cy() - (height() - 1) / 2.0) / height();
    return v.withOffset(ox, oy);
  }

  /** The same pose with every pixel split k x k (see {@link Intrinsics#supersampled(int)}). */
  public Camera supersampled(int k) {
    return k == 1 ? this : new Camera(intrinsics.supersampled(k), extrinsics);
  }

  public Vec3 cameraCentre() {
    return extrinsics.cameraCentre();
  }

  /** World point to camera frame. */
  public Vec3 toCamera(Vec3 world) {
    return extrinsics.toCamera(world);
  }

  /** Projects a world point: pixel (x, y) and depth (camera z). */
  public Projection project(Vec3 world) {
    double[] out = new double[3];
    project(world.x(), world.y(), world.z(), out);
    return new Projection(out[0], out[1], out[2]);
  }

  /** Allocation-free projection: writes x, y, depth into {@code out[0..2]}. */
  public void project(double wx, double wy, double wz, double[] out) {
    double xc = extrinsics.r(0, 0) * wx + extrinsics.r(0, 1) * wy + extrinsics.r(0, 2) * wz + extrinsics.t(0);
    double yc = extrinsics.r(1, 0) * wx + extrinsics.r(1, 1) * wy + extrinsics.r(1, 2) * wz + extrinsics.t(1);
    double zc = extrinsics.r(2, 0) * wx + extrinsics.r(2, 1) * wy + extrinsics.r(2, 2) * wz + extrinsics.t(2);
    out[0] = intrinsics.f() * xc / zc + intrinsics.cx();
    out[1] = intrinsics.f() * yc / zc + intrinsics.cy();
    out[2] = zc;
  }

  /**
   * The camera-frame point at pixel (x, y) and depth z (the inverse of projection for points in
   * front of the camera).
   */
  public Vec3 unprojectToCamera(double x, double y, double depth) {
    return new Vec3(
        (x - intrinsics.cx()) / intrinsics.f() * depth,
        (y - intrinsics.cy()) / intrinsics.f() * depth,
        depth);
  }

  /** The world point at pixel (x, y) and depth z. */
  public Vec3 unproject(double x, double y, double depth) {
    return extrinsics.toWorld(unprojectToCamera(x, y, depth));
  }

  @Override
  public String toString() {
    return "Camera[" + intrinsics + ", " + extrinsics + "]";
  }

  /** K as 9 values, row-major (what the render and benchmark tables store). */
  public double[] intrinsicsRowMajor() {
    double[][] m = intrinsics().matrix();
    double[] a = new double[9];
    for (int r = 0; r < 3; r++) {
      System.arraycopy(m[r], 0, a, 3 * r, 3);
    }
    return a;
  }

  /** [R | t] world-to-camera as 12 values, row-major. */
  public double[] extrinsicsRowMajor() {
    double[] r = extrinsics().rotation();
    double[] t = extrinsics().translation();
    double[] a = new double[12];
    for (int row = 0; row < 3; row++) {
      System.arraycopy(r, 3 * row, a, 4 * row, 3);
      a[4 * row + 3] = t[row];
    }
    return a;
  }
}
