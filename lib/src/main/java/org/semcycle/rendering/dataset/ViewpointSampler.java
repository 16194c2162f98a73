package org.semcycle.rendering.dataset;

import java.util.SplittableRandom;
import org.semcycle.rendering.camera.Viewpoint;

/** Draws camera viewpoints: uniform on the sphere, or a real-photo prior of low elevations. */
public final class ViewpointSampler {
  private final ViewRenderSpec spec;

  public ViewpointSampler(ViewRenderSpec spec) {
    this.spec = spec;
  }

  public Viewpoint sample(SplittableRandom rng) {
    double az = rng.nextDouble() * 360.0;
    double el;
    if (spec.sampling() == ViewRenderSpec.Sampling.UNIFORM) {
      // Uniform on the sphere: sin(el) uniform in [-1, 1].
      el = Math.toDegrees(Math.asin(2 * rng.nextDouble() - 1));
    } else {
      // Photos: mostly slightly above the object; a Gaussian around 15 deg, clipped to [-5, 45].
      el = Math.max(-5, Math.min(45, 15 + 10 * gaussian(rng)));
    }
    double d = spec.distanceMin() + rng.nextDouble() * (spec.distanceMax() - spec.distanceMin());
    double ip = spec.inPlaneMax() > 0 ? (2 * rng.nextDouble() - 1) * spec.inPlaneMax() : 0;
    return Viewpoint.of(az, el, d, ip);
  }

  /** Standard normal by Box-Muller (SplittableRandom has no nextGaussian on Java 17). */
  static double gaussian(SplittableRandom rng) {
    double u = 1 - rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
