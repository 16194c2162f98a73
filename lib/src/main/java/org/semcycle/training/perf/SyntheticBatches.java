package org.semcycle.training.perf;

import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.semcycle.networks.ViewTask;
import org.semcycle.training.ArraySamples;

/**
 * Fixed, seeded batches in the layouts of the sketch, voxel and view tasks, for timing a
 * training step without rendered data: the same fixtures as the PyTorch twins' script
 * (torch_nets_bench.py) builds, so both sides time the same shapes. Sketch: random RGB, disk
 * silhouettes with a sphere's depth and normals. Voxel: random 2.5D input, a ball (even samples)
 * or a box (odd ones) in the grid. View: random RGB, soft labels of spread-out viewpoints.
 */
public final class SyntheticBatches {
  private SyntheticBatches() {}

  /** n floats uniform in [lo, hi) from the given seed. */
  public static float[] uniform(int n, long seed, float lo, float hi) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (lo + (hi - lo) * r.nextDouble());
    }
    return x;
  }

  /** n sketch-task samples of s x s pixels. */
  public static ArraySamples sketch(int n, int s) {
    float[] depth = new float[n * s * s];
    float[] normals = new float[n * 3 * s * s];
    float[] sil = new float[n * s * s];
    float[] range = new float[n * 2];
    for (int b = 0; b < n; b++) {
      double radius = s * (0.25 + 0.02 * (b % 8));
      for (int y = 0; y < s; y++) {
        for (int x = 0; x < s; x++) {
          double dx = (x - s / 2.0) / radius;
          double dy = (y - s / 2.0) / radius;
          double rr = dx * dx + dy * dy;
          if (rr < 1) {
            int p = y * s + x;
            double nz = Math.sqrt(1 - rr);
            sil[b * s * s + p] = 1;
            depth[b * s * s + p] = (float) (1 - nz);
            normals[(b * 3) * s * s + p] = (float) dx;
            normals[(b * 3 + 1) * s * s + p] = (float) dy;
            normals[(b * 3 + 2) * s * s + p] = (float) -nz;
          }
        }
      }
      range[2 * b] = 1.0f + 0.1f * b;
      range[2 * b + 1] = 1.5f + 0.1f * b;
    }
    return new ArraySamples(n)
        .input("rgb", new Shape(3, s, s), uniform(n * 3 * s * s, 1, 0, 1))
        .label("depth", new Shape(1, s, s), depth)
        .label("normals", new Shape(3, s, s), normals)
        .label("silhouette", new Shape(1, s, s), sil)
        .label("range", new Shape(2), range);
  }

  /** n voxel-task samples: s x s 2.5D inputs, r^3 occupancy grids. */
  public static ArraySamples voxels(int n, int s, int r) {
    byte[] occ = new byte[n * r * r * r];
    for (int b = 0; b < n; b++) {
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < r; j++) {
          for (int k = 0; k < r; k++) {
            double x = (i + 0.5) / r - 0.5;
            double y = (j + 0.5) / r - 0.5;
            double z = (k + 0.5) / r - 0.5;
            boolean in = b % 2 == 0 ? x * x + y * y + z * z < 0.16
                : Math.abs(x) < 0.3 && Math.abs(y) < 0.15 && Math.abs(z) < 0.4;
            occ[((b * r + i) * r + j) * r + k] = (byte) (in ? 1 : 0);
          }
        }
      }
    }
    return new ArraySamples(n)
        .input("sketch", new Shape(4, s, s), uniform(n * 4 * s * s, 2, -1, 1))
        .binaryLabel("occupancy", new Shape(r, r, r), occ);
  }

  /** n view-task samples of s x s RGB pixels. */
  public static ArraySamples views(int n, int s) {
    float[] az = new float[n];
    float[] el = new float[n];
    for (int i = 0; i < n; i++) {
      az[i] = (i * 97 + 3) % 360;
      el[i] = -60 + i * 37 % 120;
    }
    float[][] l = ViewTask.labels(az, el);
    return new ArraySamples(n)
        .input("rgb", new Shape(3, s, s), uniform(n * 3 * s * s, 4, 0, 1))
        .label("azimuth", new Shape(l[0].length / n), l[0])
        .label("elevation", new Shape(l[1].length / n), l[1])
        .label("angles", new Shape(2), l[2]);
  }
}
