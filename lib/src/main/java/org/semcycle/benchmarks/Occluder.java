package org.semcycle.benchmarks;

/**
 * An opaque shape drawn in front of the object: an axis-aligned rectangle or ellipse of one
 * colour, in pixels (centre and half sizes; docs/CONVENTIONS.md pixel centres). A pixel is
 * covered when its centre is inside the shape.
 *
 * @param rgb packed 0xRRGGBB
 */
public record Occluder(Shape shape, double cx, double cy, double rx, double ry, int rgb) {

  /** The shapes an occluder takes. */
  public enum Shape {
    RECTANGLE,
    ELLIPSE
  }

  public Occluder {
    if (!(rx > 0) || !(ry > 0) || !Double.isFinite(cx) || !Double.isFinite(cy)) {
      throw new IllegalArgumentException("occluder needs a finite centre and positive radii");
    }
  }

  /** True when pixel (x, y)'s centre is inside the shape. */
  public boolean covers(int x, int y) {
    double dx = (x - cx) / rx;
    double dy = (y - cy) / ry;
    return shape == Shape.ELLIPSE ? dx * dx + dy * dy <= 1 : Math.abs(dx) <= 1 && Math.abs(dy) <= 1;
  }

  /**
   * Paints the occluders into {@code rgb} (later ones over earlier ones) and returns the covered
   * pixels, row-major.
   */
  public static boolean[] paint(Iterable<Occluder> occluders, int[] rgb, int width, int height) {
    boolean[] covered = new boolean[width * height];
    for (Occluder o : occluders) {
      int x0 = Math.max(0, (int) Math.floor(o.cx - o.rx));
      int x1 = Math.min(width - 1, (int) Math.ceil(o.cx + o.rx));
      int y0 = Math.max(0, (int) Math.floor(o.cy - o.ry));
      int y1 = Math.min(height - 1, (int) Math.ceil(o.cy + o.ry));
      for (int y = y0; y <= y1; y++) {
        for (int x = x0; x <= x1; x++) {
          if (o.covers(x, y)) {
            covered[y * width + x] = true;
            rgb[y * width + x] = o.rgb & 0xFFFFFF;
          }
        }
      }
    }
    return covered;
  }
}
