package org.semcycle.rendering.camera;

/**
 * Pinhole intrinsics {@code K = [[f, 0, cx], [0, f, cy], [0, 0, 1]]} with square pixels, for an
 * image of {@code width x height} pixels. Pixel coordinates are 0-based with integer values at
 * pixel centres (docs/CONVENTIONS.md), so the centred principal point is {@code ((W-1)/2,
 * (H-1)/2)}.
 */
public record Intrinsics(int width, int height, double f, double cx, double cy) {

  public Intrinsics {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
    }
    if (!(f > 0) || !Double.isFinite(f) || !Double.isFinite(cx) || !Double.isFinite(cy)) {
      throw new IllegalArgumentException("bad intrinsics f=" + f + " cx=" + cx + " cy=" + cy);
    }
  }

  /**
   * Intrinsics from the horizontal field of view: {@code f = (W / 2) / tan(fov / 2)}, principal
   * point at the image centre.
   */
  public static Intrinsics ofHorizontalFov(int width, int height, double fovDegrees) {
    if (!(fovDegrees > 0 && fovDegrees < 180)) {
      throw new IllegalArgumentException("field of view must be in (0, 180) degrees: " + fovDegrees);
    }
    double f = (width / 2.0) / Math.tan(Math.toRadians(fovDegrees) / 2);
    return new Intrinsics(width, height, f, (width - 1) / 2.0, (height - 1) / 2.0);
  }

  /** The horizontal field of view in degrees. */
  public double horizontalFov() {
    return Math.toDegrees(2 * Math.atan((width / 2.0) / f));
  }

  /** The same camera with the principal point shifted by (dx * W, dy * H) pixels. */
  public Intrinsics withPrincipalOffset(double dx, double dy) {
    return new Intrinsics(width, height, f, cx + dx * width, cy + dy * height);
  }

  /**
   * The camera whose pixels are this camera's pixels split k x k: sub-pixel (C, R) is centred
   * at this camera's {@code ((C + 0.5) / k - 0.5, (R + 0.5) / k - 0.5)}.
   */
  public Intrinsics supersampled(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("supersampling factor must be >= 1: " + k);
    }
    return new Intrinsics(width * k, height * k, f * k, (cx + 0.5) * k - 0.5, (cy + 0.5) * k - 0.5);
  }

  /** The 3x3 matrix K, row-major. */
  public double[][] matrix() {
    return new double[][] {{f, 0, cx}, {0, f, cy}, {0, 0, 1}};
  }

  /** True when pixel coordinates (x, y) fall on the image: [-0.5, W - 0.5) x [-0.5, H - 0.5). */
  public boolean contains(double x, double y) {
    return x >= -0.5 && x < width - 0.5 && y >= -0.5 && y < height - 0.5;
  }
}
