package org.semcycle.rendering;

import org.semcycle.geometry.Vec3;
import org.semcycle.rendering.camera.Camera;

/**
 * The maps one {@link Rasterizer} pass produces, all {@code width x height}, row-major (index
 * {@code y * width + x}). The arrays are this object's own and are handed out without copying:
 * treat them as read-only.
 *
 * <ul>
 *   <li>{@link #rgb()}: packed 0xRRGGBB, shaded object over the background;
 *   <li>{@link #depth()}: camera-frame z (metric, object units) of the visible surface, 0 where
 *       the (centre) sample sees background;
 *   <li>{@link #normals()}: 3 floats a pixel, the camera-frame unit normal of the visible face,
 *       turned to face the camera (n . viewRay < 0, so a plane facing the camera is (0, 0, -1));
 *       (0, 0, 0) for background;
 *   <li>{@link #silhouette()}: coverage 0..255 (unsigned bytes): 255 inside; with
 *       supersampling, the fraction of covered sub-samples;
 *   <li>{@link #faceIndex()}: index of the visible mesh triangle, -1 for background.
 * </ul>
 */
public final class RenderOutput {
  private final Camera camera;
  private final int width;
  private final int height;
  private final int[] rgb;
  private final float[] depth;
  private final float[] normals;
  private final byte[] silhouette;
  private final int[] faceIndex;
  private final Vec3 lightDirection;

  RenderOutput(
      Camera camera,
      int[] rgb,
      float[] depth,
      float[] normals,
      byte[] silhouette,
      int[] faceIndex,
      Vec3 lightDirection) {
    this.camera = camera;
    this.width = camera.width();
    this.height = camera.height();
    this.rgb = rgb;
    this.depth = depth;
    this.normals = normals;
    this.silhouette = silhouette;
    this.faceIndex = faceIndex;
    this.lightDirection = lightDirection;
  }

  public Camera camera() {
    return camera;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int[] rgb() {
    return rgb;
  }

  public float[] depth() {
    return depth;
  }

  public float[] normals() {
    return normals;
  }

  public byte[] silhouette() {
    return silhouette;
  }

  public int[] faceIndex() {
    return faceIndex;
  }

  /** The light used, camera frame, unit vector toward the light. */
  public Vec3 lightDirection() {
    return lightDirection;
  }

  public int rgbAt(int x, int y) {
    return rgb[y * width + x];
  }

  /** Depth at a pixel, 0 for background. */
  public float depthAt(int x, int y) {
    return depth[y * width + x];
  }

  /** Silhouette coverage at a pixel, 0..255. */
  public int silhouetteAt(int x, int y) {
    return silhouette[y * width + x] & 255;
  }

  public int faceAt(int x, int y) {
    return faceIndex[y * width + x];
  }

  public Vec3 normalAt(int x, int y) {
    int i = 3 * (y * width + x);
    return new Vec3(normals[i], normals[i + 1], normals[i + 2]);
  }

  /** Sum of silhouette coverage in pixels (a fully covered pixel counts 1). */
  public double silhouetteArea() {
    long s = 0;
    for (byte b : silhouette) {
      s += b & 255;
    }
    return s / 255.0;
  }

  /** Number of pixels with a surface at their (centre) sample. */
  public int foregroundCount() {
    int n = 0;
    for (int f : faceIndex) {
      if (f >= 0) {
        n++;
      }
    }
    return n;
  }

  /**
   * Smallest and largest depth over the foreground, {@code {zmin, zmax}}; {@code {0, 0}} when the
   * image holds no surface.
   */
  public double[] depthRange() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (float z : depth) {
      if (z > 0) {
        lo = Math.min(lo, z);
        hi = Math.max(hi, z);
      }
    }
    return lo > hi ? new double[] {0, 0} : new double[] {lo, hi};
  }
}
