package org.semcycle.datasets.pix3d;

/**
 * Pix3D's camera (rot_mat, trans_mat, focal_length in mm, img_size, cam_position,
 * inplane_rotation) and its mapping to the project's pinhole camera (docs/CONVENTIONS.md).
 *
 * <h2>Mapping</h2>
 *
 * <ul>
 *   <li>Pix3D's camera frame is x <b>left</b>, y <b>up</b>, z forward (depth positive in front),
 *       as Mesh R-CNN's Pix3D code reads it ({@code X = (w - 1 - u - px) * Z / f}). Ours is
 *       OpenCV's, x right, y down, z forward. The two differ by a 180 degree turn about z, {@code
 *       F = diag(-1, -1, 1)}: {@code R = F * rot_mat}, {@code t = F * trans_mat}; R stays a
 *       rotation (det F = +1), and the camera centre {@code -R^T t = -rot_mat^T trans_mat} is the
 *       same in both.
 *   <li>Focal length in pixels: the 32 mm sensor spans the image width, so {@code f =
 *       focal_length / 32 * W}; pixels are square ({@code fx = fy = f}).
 *   <li>Principal point: the image centre in our pixel convention (0-based, integers at pixel
 *       centres): {@code cx = (W - 1) / 2, cy = (H - 1) / 2}. (Mesh R-CNN's {@code px = w / 2}
 *       with {@code w - 1 - u} puts it at {@code w / 2 - 1}; the half-pixel difference is below
 *       Pix3D's annotation accuracy.)
 *   <li>{@code rot_mat} already includes the in-plane rotation; {@code cam_position} and {@code
 *       inplane_rotation} are a second, redundant description kept for writers. Readers project
 *       with rot_mat / trans_mat only. {@link #fromPinhole} stores our renderer's in-plane angle
 *       theta in radians, positive = object turned counter-clockwise on screen (our convention;
 *       Pix3D does not document its sign).
 * </ul>
 *
 * @param rotMat Pix3D's rot_mat (model to Pix3D camera frame)
 * @param transMat Pix3D's trans_mat
 * @param focalLength mm, 32 mm sensor width
 * @param width image width W in pixels
 * @param height image height H in pixels
 * @param inplaneRotation radians
 */
public record Pix3dCamera(
    double[][] rotMat, double[] transMat, double focalLength, int width, int height,
    double inplaneRotation) {

  /** Pix3D's sensor width in mm. */
  public static final double SENSOR_WIDTH_MM = 32.0;

  public Pix3dCamera {
    rotMat = Pix3dRecord.copy2(rotMat);
    transMat = transMat.clone();
    if (!(focalLength > 0) || width <= 0 || height <= 0) {
      throw new IllegalArgumentException("focal length and image size must be positive");
    }
  }

  /** The camera of a Pix3D record. */
  public static Pix3dCamera of(Pix3dRecord r) {
    return new Pix3dCamera(
        r.rotMat(), r.transMat(), r.focalLength(), r.width(), r.height(), r.inplaneRotation());
  }

  /** Focal length in pixels: {@code focal_length / 32 * W}. */
  public double focalPixels() {
    return focalLength / SENSOR_WIDTH_MM * width;
  }

  /** Pinhole intrinsics {@code [[f, 0, cx], [0, f, cy], [0, 0, 1]]}, 0-based pixel centres. */
  public double[][] intrinsics() {
    double f = focalPixels();
    return new double[][] {{f, 0, (width - 1) / 2.0}, {0, f, (height - 1) / 2.0}, {0, 0, 1}};
  }

  /** World(model)-to-camera rotation in our (OpenCV) camera frame: {@code F * rot_mat}. */
  public double[][] rotation() {
    return flip(rotMat);
  }

  /** World(model)-to-camera translation in our camera frame: {@code F * trans_mat}. */
  public double[] translation() {
    return new double[] {-transMat[0], -transMat[1], transMat[2]};
  }

  /** Camera centre in the model frame, {@code -rot_mat^T trans_mat}. */
  public double[] cameraPosition() {
    double[] c = new double[3];
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 3; k++) {
        c[i] -= rotMat[k][i] * transMat[k];
      }
    }
    return c;
  }

  @Override
  public double[][] rotMat() {
    return Pix3dRecord.copy2(rotMat);
  }

  @Override
  public double[] transMat() {
    return transMat.clone();
  }

  /**
   * Projects a point of the model frame to pixels {@code [x, y]} (0-based), or {@code [NaN, NaN]}
   * when it is not in front of the camera.
   */
  public double[] project(double[] xyz) {
    double[][] r = rotation();
    double[] t = translation();
    double[] c = new double[3];
    for (int i = 0; i < 3; i++) {
      c[i] = r[i][0] * xyz[0] + r[i][1] * xyz[1] + r[i][2] * xyz[2] + t[i];
    }
    if (!(c[2] > 0)) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double f = focalPixels();
    return new double[] {f * c[0] / c[2] + (width - 1) / 2.0, f * c[1] / c[2] + (height - 1) / 2.0};
  }

  /**
   * Pix3D's camera for a pinhole camera of ours.
   *
   * @param focalPixels f in pixels (square pixels, principal point at the image centre)
   * @param rotation world-to-camera R in our (OpenCV) frame, 3x3
   * @param translation world-to-camera t in our frame
   * @param inplaneRotation our in-plane angle, radians (recorded as is)
   */
  public static Pix3dCamera fromPinhole(
      double focalPixels, int width, int height, double[][] rotation, double[] translation,
      double inplaneRotation) {
    return new Pix3dCamera(
        flip(rotation),
        new double[] {-translation[0], -translation[1], translation[2]},
        focalPixels * SENSOR_WIDTH_MM / width,
        width,
        height,
        inplaneRotation);
  }

  private static double[][] flip(double[][] m) {
    double[][] out = Pix3dRecord.copy2(m);
    for (int k = 0; k < 3; k++) {
      out[0][k] = -out[0][k];
      out[1][k] = -out[1][k];
    }
    return out;
  }
}
