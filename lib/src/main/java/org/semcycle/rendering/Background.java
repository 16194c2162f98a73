package org.semcycle.rendering;

import java.util.SplittableRandom;

/**
 * What the RGB image shows where no surface is (depth, normals and silhouette stay empty there):
 * a plain colour, a random plain colour, or procedural clutter (two octaves of value noise
 * between two random colours, overlaid with random rectangles and ellipses) for domain
 * randomisation. Random choices come only from the seed given to {@link #fill}. Written here
 * (no library) so the output is byte-identical for a seed.
 */
public record Background(Kind kind, int rgb) {

  /** The kinds of background. */
  public enum Kind {
    PLAIN,
    RANDOM_COLOUR,
    CLUTTER
  }

  public static final Background WHITE = plain(0xFFFFFF);
  public static final Background BLACK = plain(0x000000);

  /** A plain colour 0xRRGGBB. */
  public static Background plain(int rgb) {
    return new Background(Kind.PLAIN, rgb & 0xFFFFFF);
  }

  /** One random colour per image. */
  public static Background randomColour() {
    return new Background(Kind.RANDOM_COLOUR, 0);
  }

  /** Random value noise and shapes. */
  public static Background clutter() {
    return new Background(Kind.CLUTTER, 0);
  }

  /** Fills {@code out} (packed 0xRRGGBB, row-major, width x height). */
  public void fill(int[] out, int width, int height, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    switch (kind) {
      case PLAIN -> java.util.Arrays.fill(out, 0, width * height, rgb);
      case RANDOM_COLOUR -> java.util.Arrays.fill(out, 0, width * height, rng.nextInt(1 << 24));
      case CLUTTER -> clutter(out, width, height, rng);
      default -> throw new IllegalStateException(kind.toString());
    }
  }

  private static void clutter(int[] out, int w, int h, SplittableRandom rng) {
    int c1 = rng.nextInt(1 << 24);
    int c2 = rng.nextInt(1 << 24);
    int minSide = Math.min(w, h);
    int cell = Math.max(2, minSide / (2 + rng.nextInt(7)));
    float[] coarse = noiseGrid(w, h, cell, rng);
    int cell2 = Math.max(2, cell / 3);
    float[] fine = noiseGrid(w, h, cell2, rng);
    int gw = w / cell + 2;
    int gw2 = w / cell2 + 2;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double t =
            (2.0 * valueAt(coarse, gw, cell, x, y) + valueAt(fine, gw2, cell2, x, y)) / 3.0;
        out[y * w + x] = lerp(c1, c2, t);
      }
    }
    int shapes = 3 + rng.nextInt(10);
    for (int s = 0; s < shapes; s++) {
      int col = rng.nextInt(1 << 24);
      double cx = rng.nextDouble() * w;
      double cy = rng.nextDouble() * h;
      double rx = (0.05 + 0.3 * rng.nextDouble()) * w / 2;
      double ry = (0.05 + 0.3 * rng.nextDouble()) * h / 2;
      boolean ellipse = rng.nextBoolean();
      int x0 = Math.max(0, (int) Math.floor(cx - rx));
      int x1 = Math.min(w - 1, (int) Math.ceil(cx + rx));
      int y0 = Math.max(0, (int) Math.floor(cy - ry));
      int y1 = Math.min(h - 1, (int) Math.ceil(cy + ry));
      for (int y = y0; y <= y1; y++) {
        double dy = (y - cy) / ry;
        for (int x = x0; x <= x1; x++) {
          double dx = (x - cx) / rx;
          boolean in = ellipse ? dx * dx + dy * dy <= 1 : Math.abs(dx) <= 1 && Math.abs(dy) <= 1;
          if (in) {
            out[y * w + x] = col;
          }
        }
      }
    }
  }

  private static float[] noiseGrid(int w, int h, int cell, SplittableRandom rng) {
    int gw = w / cell + 2;
    int gh = h / cell + 2;
    float[] g = new float[gw * gh];
    for (int i = 0; i < g.length; i++) {
      g[i] = (float) rng.nextDouble();
    }
    return g;
  }

  private static double valueAt(float[] g, int gw, int cell, int x, int y) {
    int gx = x / cell;
    int gy = y / cell;
    double fx = smooth((x % cell + 0.5) / cell);
    double fy = smooth((y % cell + 0.5) / cell);
    double a = g[gy * gw + gx] * (1 - fx) + g[gy * gw + gx + 1] * fx;
    double b = g[(gy + 1) * gw + gx] * (1 - fx) + g[(gy + 1) * gw + gx + 1] * fx;
    return a * (1 - fy) + b * fy;
  }

  private static double smooth(double t) {
    return t * t * (3 - 2 * t);
  }

  private static int lerp(int c1, int c2, double t) {
    int out = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
      double v = ((c1 >> shift) & 255) * (1 - t) + ((c2 >> shift) & 255) * t;
      out |= Math.max(0, Math.min(255, (int) Math.round(v))) << shift;
    }
    return out;
  }
}
