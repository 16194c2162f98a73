package org.semcycle.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.semcycle.geometry.Vec3;
import org.semcycle.rendering.camera.Viewpoint;
import org.semcycle.rendering.dataset.ViewpointSampler;

/**
 * Draws the harder-than-training conditions of evaluation images from a {@link BenchmarkSpec}:
 * cameras from the "photo" prior (low elevations, small in-plane roll), truncation by a
 * principal-point shift with the spec's probability, random lighting, and occluders. Every draw
 * takes its random numbers from the generator it is given, so a seed fixes the result.
 */
public final class ConditionSampler {
  private final BenchmarkSpec spec;
  private final ViewpointSampler cameras;

  public ConditionSampler(BenchmarkSpec spec) {
    this.spec = spec;
    this.cameras = new ViewpointSampler(spec.cameraSpec());
  }

  /** Viewpoint (maybe truncating), light, and the number of occluders (0 when none). */
  public ImageConditions sample(SplittableRandom rng) {
    Viewpoint vp = cameras.sample(rng);
    BenchmarkSpec.Truncation t = spec.truncation();
    if (rng.nextDouble() < t.probability()) {
      double angle = 2 * Math.PI * rng.nextDouble();
      double shift = t.shiftMin() + rng.nextDouble() * (t.shiftMax() - t.shiftMin());
      vp = vp.withOffset(shift * Math.cos(angle), shift * Math.sin(angle));
    }
    BenchmarkSpec.Lighting l = spec.lighting();
    double ambient = l.ambientMin() + rng.nextDouble() * (l.ambientMax() - l.ambientMin());
    double diffuse = l.diffuseMin() + rng.nextDouble() * (l.diffuseMax() - l.diffuseMin());
    Vec3 light = lightWithin(rng, l.coneDegrees());
    BenchmarkSpec.Occlusion o = spec.occlusion();
    int occluders = rng.nextDouble() < o.probability() ? 1 + rng.nextInt(o.maxCount()) : 0;
    return new ImageConditions(vp, light, ambient, diffuse, occluders);
  }

  /** A direction toward the light, uniform on the cap within {@code cone} degrees of (0, 0, -1). */
  static Vec3 lightWithin(SplittableRandom rng, double coneDegrees) {
    double cosMax = Math.cos(Math.toRadians(coneDegrees));
    double ct = cosMax + (1 - cosMax) * rng.nextDouble();
    double st = Math.sqrt(Math.max(0, 1 - ct * ct));
    double phi = 2 * Math.PI * rng.nextDouble();
    return new Vec3(st * Math.cos(phi), st * Math.sin(phi), -ct);
  }

  /**
   * {@code count} occluders, each centred on a random pixel of {@code foreground} (row-major
   * object pixels of a {@code size x size} image; anywhere when there are none).
   */
  public List<Occluder> occluders(SplittableRandom rng, int count, boolean[] foreground, int size) {
    int[] fg = new int[foreground.length];
    int n = 0;
    for (int i = 0; i < foreground.length; i++) {
      if (foreground[i]) {
        fg[n++] = i;
      }
    }
    BenchmarkSpec.Occlusion o = spec.occlusion();
    List<Occluder> out = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      double cx;
      double cy;
      if (n > 0) {
        int p = fg[rng.nextInt(n)];
        cx = p % size;
        cy = p / size;
      } else {
        cx = rng.nextDouble() * size;
        cy = rng.nextDouble() * size;
      }
      double rx = (o.sizeMin() + rng.nextDouble() * (o.sizeMax() - o.sizeMin())) * size;
      double ry = (o.sizeMin() + rng.nextDouble() * (o.sizeMax() - o.sizeMin())) * size;
      Occluder.Shape shape = rng.nextBoolean() ? Occluder.Shape.RECTANGLE : Occluder.Shape.ELLIPSE;
      out.add(new Occluder(shape, cx, cy, rx, ry, rng.nextInt(1 << 24)));
    }
    return out;
  }
}
