package org.semcycle.synthetic;

import java.util.SplittableRandom;
import org.semcycle.geometry.Material;

/** Random part colours (diffuse Kd) for the generators. */
final class Palette {
  private Palette() {}

  /** A material with a colour drawn from hue in [0, 1), saturation and value ranges. */
  static Material random(String name, SplittableRandom r, double s0, double s1, double v0, double v1) {
    return hsv(name, r.nextDouble(), s0 + (s1 - s0) * r.nextDouble(), v0 + (v1 - v0) * r.nextDouble());
  }

  static Material hsv(String name, double h, double s, double v) {
    double hh = (h - Math.floor(h)) * 6;
    int i = (int) Math.floor(hh);
    double f = hh - i;
    double p = v * (1 - s);
    double q = v * (1 - s * f);
    double t = v * (1 - s * (1 - f));
    double[] rgb = switch (i % 6) {
      case 0 -> new double[] {v, t, p};
      case 1 -> new double[] {q, v, p};
      case 2 -> new double[] {p, v, t};
      case 3 -> new double[] {p, q, v};
      case 4 -> new double[] {t, p, v};
      default -> new double[] {v, p, q};
    };
    return new Material(name, rgb, null);
  }

  static Material grey(String name, double v) {
    return new Material(name, v, v, v);
  }

  static double uniform(SplittableRandom r, double a, double b) {
    return a + (b - a) * r.nextDouble();
  }
}
