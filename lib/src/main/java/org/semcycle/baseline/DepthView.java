package org.semcycle.baseline;

import org.semcycle.rendering.FloatImage;
import org.semcycle.rendering.ImageCodec;
import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Extrinsics;
import org.semcycle.rendering.camera.Intrinsics;
import org.semcycle.training.views.RenderedSample;

/**
 * A rendered view's geometry: its camera and its depth map (camera z in object units, row-major
 * {@code height x width}, 0 = background), what {@link PixelCorrespondences} needs.
 *
 * <p>The render job samples depth at sub-sample (k/2, k/2) of a k x k supersampled pixel
 * (docs/CONVENTIONS.md), i.e. a quarter pixel right and down of the centre for k = 2; the
 * correspondences treat it as the pixel centre's depth, an error well under a pixel.
 */
public record DepthView(Camera camera, float[] depth) {
  public DepthView {
    if (depth.length != camera.width() * camera.height()) {
      throw new IllegalArgumentException(
          "depth has " + depth.length + " values, the camera " + camera.width() + " x " + camera.height());
    }
  }

  /** Image width. */
  public int width() {
    return camera.width();
  }

  /** Image height. */
  public int height() {
    return camera.height();
  }

  /** Depth of pixel (x, y), 0 for background or outside the image. */
  public float depthAt(int x, int y) {
    if (x < 0 || y < 0 || x >= width() || y >= height()) {
      return 0f;
    }
    return depth[y * width() + x];
  }

  /** The silhouette (depth > 0) as 0/1 floats, row-major. */
  public float[] mask() {
    float[] m = new float[depth.length];
    for (int i = 0; i < m.length; i++) {
      m[i] = depth[i] > 0 ? 1f : 0f;
    }
    return m;
  }

  /**
   * The camera of a render-table row: K row-major (9 values, square pixels) and [R | t]
   * row-major (12 values).
   */
  public static Camera camera(double[] intrinsics, double[] extrinsics, int width, int height, String source) {
    if (intrinsics == null || intrinsics.length != 9 || extrinsics == null || extrinsics.length != 12) {
      throw new IllegalArgumentException(source + ": needs intrinsics (9 values) and extrinsics (12 values)");
    }
    if (Math.abs(intrinsics[0] - intrinsics[4]) > 1e-9 * Math.abs(intrinsics[0])) {
      throw new IllegalArgumentException(source + ": intrinsics with fx != fy are not supported");
    }
    Intrinsics k = new Intrinsics(width, height, intrinsics[0], intrinsics[2], intrinsics[5]);
    double[] r = new double[9];
    double[] t = new double[3];
    for (int row = 0; row < 3; row++) {
      System.arraycopy(extrinsics, 4 * row, r, 3 * row, 3);
      t[row] = extrinsics[4 * row + 3];
    }
    return new Camera(k, new Extrinsics(r, t));
  }

  /** The depth view of a render-table row (its depth PNG decoded with its range). */
  public static DepthView of(RenderedSample s) {
    FloatImage d = ImageCodec.decodeDepth(s.depthPng(), s.depthMin(), s.depthMax(), s.source() + " depth");
    return new DepthView(camera(s.intrinsics(), s.extrinsics(), d.width(), d.height(), s.source()), d.data());
  }
}
