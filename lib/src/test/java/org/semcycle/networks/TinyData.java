package org.semcycle.networks;

import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.semcycle.training.ArraySamples;

/** Small deterministic fixtures for the network tests. */
final class TinyData {
  private TinyData() {}

  static float[] uniform(int n, long seed, float lo, float hi) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (lo + (hi - lo) * r.nextDouble());
    }
    return a;
  }

  /** n sketch-net samples of size s: disk silhouettes, smooth depth and normals. */
  static ArraySamples sketch(int n, int s) {
    float[] rgb = uniform(n * 3 * s * s, 1, 0, 1);
    float[] depth = new float[n * s * s];
    float[] normals = new float[n * 3 * s * s];
    float[] sil = new float[n * s * s];
    float[] range = new float[n * 2];
    for (int b = 0; b < n; b++) {
      double radius = s * (0.25 + 0.1 * b);
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
        .input("rgb", new Shape(3, s, s), rgb)
        .label("depth", new Shape(1, s, s), depth)
        .label("normals", new Shape(3, s, s), normals)
        .label("silhouette", new Shape(1, s, s), sil)
        .label("range", new Shape(2), range);
  }

  /** n voxel grids of resolution r: a ball for even samples, a box for odd ones. */
  static float[] shapes(int n, int r) {
    float[] occ = new float[n * r * r * r];
    for (int b = 0; b < n; b++) {
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < r; j++) {
          for (int k = 0; k < r; k++) {
            double x = (i + 0.5) / r - 0.5, y = (j + 0.5) / r - 0.5, z = (k + 0.5) / r - 0.5;
            boolean in =
                b % 2 == 0
                    ? x * x + y * y + z * z < 0.16
                    : Math.abs(x) < 0.3 && Math.abs(y) < 0.15 && Math.abs(z) < 0.4;
            occ[((b * r + i) * r + j) * r + k] = in ? 1f : 0f;
          }
        }
      }
    }
    return occ;
  }

  static ArraySamples voxels(int n, int s, int r) {
    return new ArraySamples(n)
        .input("sketch", new Shape(4, s, s), uniform(n * 4 * s * s, 2, -1, 1))
        .label("occupancy", new Shape(r, r, r), shapes(n, r));
  }

  static ArraySamples critic(int n, int r) {
    return new ArraySamples(n)
        .input("real", new Shape(r, r, r), shapes(n, r))
        .input("fake", new Shape(r, r, r), uniform(n * r * r * r, 3, 0.2f, 0.8f));
  }

  static ArraySamples views(int n, int channels, int s) {
    float[] az = new float[n];
    float[] el = new float[n];
    for (int i = 0; i < n; i++) {
      az[i] = (i * 97 + 3) % 360;
      el[i] = -60 + i * 37 % 120;
    }
    float[][] labels = ViewTask.labels(az, el);
    return new ArraySamples(n)
        .input("image", new Shape(channels, s, s), uniform(n * channels * s * s, 4, 0, 1))
        .label("azimuth", new Shape(24), labels[0])
        .label("elevation", new Shape(12), labels[1])
        .label("angles", new Shape(2), labels[2]);
  }

  static int[] all(int n) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    return idx;
  }
}
