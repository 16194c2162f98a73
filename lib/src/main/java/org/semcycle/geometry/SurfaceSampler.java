package org.semcycle.geometry;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Uniform random points on a mesh surface (written here, not from a library): a face is drawn
 * with probability proportional to its area (binary search in the cumulative area table), then
 * a point uniform on that triangle with the square-root warp: {@code s = sqrt(r1)}, weights
 * {@code (1 - s, s (1 - r2), s r2)}. Same mesh, count and seed give the same samples.
 */
public final class SurfaceSampler {
  private final Mesh mesh;
  private final double[] cumulative;

  /** Prepares the area table; a mesh whose total area is 0 is refused. */
  public SurfaceSampler(Mesh mesh) {
    this.mesh = mesh;
    int n = mesh.faceCount();
    cumulative = new double[n];
    double sum = 0;
    for (int f = 0; f < n; f++) {
      sum += mesh.faceArea(f);
      cumulative[f] = sum;
    }
    if (!(sum > 0) || !Double.isFinite(sum)) {
      throw new IllegalArgumentException("mesh has no surface to sample (total area " + sum + ")");
    }
  }

  /** {@code count} samples drawn with a {@link SplittableRandom} seeded by {@code seed}. */
  public SurfaceSamples sample(int count, long seed) {
    return sample(count, new SplittableRandom(seed));
  }

  /** {@code count} samples drawn from {@code rng}. */
  public SurfaceSamples sample(int count, SplittableRandom rng) {
    int[] faces = new int[count];
    double[] bary = new double[3 * count];
    double[] pos = new double[3 * count];
    double total = cumulative[cumulative.length - 1];
    for (int i = 0; i < count; i++) {
      int f = pickFace(rng.nextDouble() * total);
      double s = Math.sqrt(rng.nextDouble());
      double r2 = rng.nextDouble();
      double w0 = 1 - s;
      double w1 = s * (1 - r2);
      double w2 = s * r2;
      faces[i] = f;
      bary[3 * i] = w0;
      bary[3 * i + 1] = w1;
      bary[3 * i + 2] = w2;
      Vec3 p = mesh.pointOnFace(f, w0, w1, w2);
      pos[3 * i] = p.x();
      pos[3 * i + 1] = p.y();
      pos[3 * i + 2] = p.z();
    }
    return new SurfaceSamples(faces, bary, pos);
  }

  /** The first face whose cumulative area exceeds {@code x} (zero-area faces never chosen). */
  private int pickFace(double x) {
    int i = Arrays.binarySearch(cumulative, x);
    i = i >= 0 ? i + 1 : -i - 1;
    return Math.min(i, cumulative.length - 1);
  }
}
