package org.semcycle.geometry;

/** Axis-aligned bounding box. */
public record Bounds(Vec3 min, Vec3 max) {

  /** Bounds of packed xyz coordinates; empty input gives an inverted (empty) box. */
  public static Bounds of(double[] xyz) {
    double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (int i = 0; i < xyz.length; i++) {
      int a = i % 3;
      lo[a] = Math.min(lo[a], xyz[i]);
      hi[a] = Math.max(hi[a], xyz[i]);
    }
    return new Bounds(Vec3.of(lo), Vec3.of(hi));
  }

  public Vec3 center() {
    return min.plus(max).times(0.5);
  }

  public Vec3 size() {
    return max.minus(min);
  }

  public double diagonal() {
    return size().norm();
  }

  public double maxExtent() {
    Vec3 s = size();
    return Math.max(s.x(), Math.max(s.y(), s.z()));
  }

  public boolean contains(Vec3 p, double tol) {
    return p.x() >= min.x() - tol && p.y() >= min.y() - tol && p.z() >= min.z() - tol
        && p.x() <= max.x() + tol && p.y() <= max.y() + tol && p.z() <= max.z() + tol;
  }
}
