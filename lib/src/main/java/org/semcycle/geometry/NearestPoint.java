package org.semcycle.geometry;

/**
 * Brute-force nearest neighbour in a small point array (a 2048-point PCD): linear scan, ties go
 * to the lowest index.
 */
public final class NearestPoint {
  private NearestPoint() {}

  /** Index of the point of {@code xyz} (3 floats a point) nearest to the query. */
  public static int nearest(float[] xyz, double qx, double qy, double qz) {
    requirePoints(xyz.length);
    int best = 0;
    double bestD = Double.POSITIVE_INFINITY;
    for (int i = 0; i < xyz.length / 3; i++) {
      double dx = xyz[3 * i] - qx;
      double dy = xyz[3 * i + 1] - qy;
      double dz = xyz[3 * i + 2] - qz;
      double d = dx * dx + dy * dy + dz * dz;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  /** Index of the point of {@code xyz} (3 doubles a point) nearest to the query. */
  public static int nearest(double[] xyz, double qx, double qy, double qz) {
    requirePoints(xyz.length);
    int best = 0;
    double bestD = Double.POSITIVE_INFINITY;
    for (int i = 0; i < xyz.length / 3; i++) {
      double dx = xyz[3 * i] - qx;
      double dy = xyz[3 * i + 1] - qy;
      double dz = xyz[3 * i + 2] - qz;
      double d = dx * dx + dy * dy + dz * dz;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  public static int nearest(float[] xyz, Vec3 q) {
    return nearest(xyz, q.x(), q.y(), q.z());
  }

  public static int nearest(double[] xyz, Vec3 q) {
    return nearest(xyz, q.x(), q.y(), q.z());
  }

  private static void requirePoints(int len) {
    if (len < 3 || len % 3 != 0) {
      throw new IllegalArgumentException("need at least one point, 3 values each; got " + len);
    }
  }
}
