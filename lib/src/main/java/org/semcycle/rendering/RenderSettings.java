package org.semcycle.rendering;

import org.semcycle.geometry.Vec3;

/**
 * Options of the {@link Rasterizer} that do not depend on the view.
 *
 * @param supersample k: each pixel is sampled k x k times; RGB and silhouette coverage are
 *     box-averaged, depth, normals and face index come from sub-sample (k/2, k/2) (the centre
 *     for odd k, the nearest to it for even k). 1 = one sample at the pixel centre.
 * @param near near-plane distance (camera z, object units): geometry closer is clipped away
 * @param ambient ambient term of the shading, 0..1
 * @param diffuse Lambertian term of the shading, 0..1
 * @param lightDirection unit direction from the surface toward a directional light, in the
 *     camera frame (x right, y down, z forward; (0, 0, -1) is a headlight); null picks one at
 *     random per view from the seed, within 60 degrees of the headlight
 * @param background what the RGB image shows behind the object
 */
public record RenderSettings(
    int supersample,
    double near,
    double ambient,
    double diffuse,
    Vec3 lightDirection,
    Background background) {

  /** One sample a pixel, near 0.01, ambient 0.35 + diffuse 0.65, random light, white ground. */
  public static final RenderSettings DEFAULT =
      new RenderSettings(1, 0.01, 0.35, 0.65, null, Background.WHITE);

  public RenderSettings {
    if (supersample < 1 || supersample > 16) {
      throw new IllegalArgumentException("supersample must be in 1..16: " + supersample);
    }
    if (!(near > 0)) {
      throw new IllegalArgumentException("near plane must be positive: " + near);
    }
    if (lightDirection != null) {
      double n = lightDirection.norm();
      if (!(n > 0) || !Double.isFinite(n)) {
        throw new IllegalArgumentException("light direction must be a non-zero vector");
      }
      lightDirection = lightDirection.times(1 / n);
    }
    if (background == null) {
      throw new IllegalArgumentException("background must not be null");
    }
  }

  public RenderSettings withSupersample(int k) {
    return new RenderSettings(k, near, ambient, diffuse, lightDirection, background);
  }

  public RenderSettings withNear(double n) {
    return new RenderSettings(supersample, n, ambient, diffuse, lightDirection, background);
  }

  public RenderSettings withLighting(double ambientTerm, double diffuseTerm) {
    return new RenderSettings(supersample, near, ambientTerm, diffuseTerm, lightDirection, background);
  }

  /** A fixed light (camera frame, toward the light), or null for a random one per seed. */
  public RenderSettings withLightDirection(Vec3 towardLight) {
    return new RenderSettings(supersample, near, ambient, diffuse, towardLight, background);
  }

  public RenderSettings withBackground(Background b) {
    return new RenderSettings(supersample, near, ambient, diffuse, lightDirection, b);
  }
}
