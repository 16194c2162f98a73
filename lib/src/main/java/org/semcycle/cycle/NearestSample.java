package org.semcycle.cycle;

import org.semcycle.geometry.Vec3;

/** The nearest of packed xyz samples to a point (brute force: a few thousand samples). */
final class NearestSample {
  private NearestSample() {}

  static int index(float[] xyz, Vec3 p) {
    int best = 0;
    double bd = Double.POSITIVE_INFINITY;
    for (int i = 0; i < xyz.length / 3; i++) {
      double dx = xyz[3 * i] - p.x();
      double dy = xyz[3 * i + 1] - p.y();
      double dz = xyz[3 * i + 2] - p.z();
      double dd = dx * dx + dy * dy + dz * dz;
      if (dd < bd) {
        bd = dd;
        best = i;
      }
    }
    return best;
  }
}
