package org.semcycle.datasets.keypointnet;

import org.semcycle.geometry.Vec3;

/**
 * A coloured point cloud as KeypointNet's PCD files hold it: {@code xyz} 3 floats a point in
 * ShapeNet's normalised frame, {@code rgb} one packed {@code 0xRRGGBB} int a point.
 */
public record PointCloud(float[] xyz, int[] rgb) {
  public PointCloud {
    if (xyz.length % 3 != 0 || rgb.length != xyz.length / 3) {
      throw new IllegalArgumentException(
          "need 3 coordinates and one rgb a point: " + xyz.length + " coordinates, " + rgb.length + " colours");
    }
    xyz = xyz.clone();
    rgb = rgb.clone();
  }

  public int size() {
    return rgb.length;
  }

  public Vec3 point(int i) {
    return new Vec3(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
  }

  /** Packs 0..255 components as {@code 0xRRGGBB}. */
  public static int packRgb(int r, int g, int b) {
    return (r & 0xff) << 16 | (g & 0xff) << 8 | (b & 0xff);
  }

  /** The (r, g, b) components, 0..255, of a packed colour. */
  public static int[] unpackRgb(int packed) {
    return new int[] {(packed >> 16) & 0xff, (packed >> 8) & 0xff, packed & 0xff};
  }

  // Arrays are exposed as copies so the record stays immutable.
  @Override
  public float[] xyz() {
    return xyz.clone();
  }

  @Override
  public int[] rgb() {
    return rgb.clone();
  }
}
