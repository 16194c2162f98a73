package org.semcycle.datasets.keypointnet;

import org.semcycle.geometry.Material;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.SurfaceSampler;
import org.semcycle.geometry.SurfaceSamples;

/**
 * A KeypointNet-style point cloud of a mesh: {@code count} (2048 in KeypointNet) area-uniform
 * surface samples, each coloured with its face material's Kd (textures are not looked up).
 */
public final class SurfacePointCloud {
  /** KeypointNet's points per model. */
  public static final int KEYPOINTNET_POINTS = 2048;

  private SurfacePointCloud() {}

  public static PointCloud sample(Mesh mesh, int count, long seed) {
    SurfaceSamples s = new SurfaceSampler(mesh).sample(count, seed);
    int[] rgb = new int[count];
    for (int i = 0; i < count; i++) {
      rgb[i] = packKd(mesh.faceMaterial(s.face(i)));
    }
    return new PointCloud(s.positionsAsFloat(), rgb);
  }

  /** A material's Kd as packed 0xRRGGBB (each component rounded, clamped to 0..255). */
  public static int packKd(Material m) {
    int[] c = kdRgb(m);
    return PointCloud.packRgb(c[0], c[1], c[2]);
  }

  /** A material's Kd as 0..255 components. */
  public static int[] kdRgb(Material m) {
    double[] kd = m.kd();
    int[] out = new int[3];
    for (int i = 0; i < 3; i++) {
      out[i] = (int) Math.max(0, Math.min(255, Math.round(kd[i] * 255)));
    }
    return out;
  }
}
