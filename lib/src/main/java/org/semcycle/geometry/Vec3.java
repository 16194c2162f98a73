package org.semcycle.geometry;

/** An immutable 3-vector of doubles, for code that reads better with names than with arrays. */
public record Vec3(double x, double y, double z) {
  public static final Vec3 ZERO = new Vec3(0, 0, 0);
  public static final Vec3 X = new Vec3(1, 0, 0);
  public static final Vec3 Y = new Vec3(0, 1, 0);
  public static final Vec3 Z = new Vec3(0, 0, 1);

  public static Vec3 of(double[] a) {
    return new Vec3(a[0], a[1], a[2]);
  }

  public static Vec3 of(double[] a, int offset) {
    return new Vec3(a[offset], a[offset + 1], a[offset + 2]);
  }

  public Vec3 plus(Vec3 o) {
    return new Vec3(x + o.x, y + o.y, z + o.z);
  }

  public Vec3 minus(Vec3 o) {
    return new Vec3(x - o.x, y - o.y, z - o.z);
  }

  public Vec3 times(double s) {
    return new Vec3(x * s, y * s, z * s);
  }

  public double dot(Vec3 o) {
    return x * o.x + y * o.y + z * o.z;
  }

  public Vec3 cross(Vec3 o) {
    return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x);
  }

  public double norm() {
    return Math.sqrt(dot(this));
  }

  /** Unit vector in the same direction; the zero vector stays zero. */
  public Vec3 normalized() {
    double n = norm();
    return n == 0 ? this : times(1.0 / n);
  }

  /** Mirror image through the Y-Z plane (ShapeNet's left-right symmetry plane). */
  public Vec3 mirrorX() {
    return new Vec3(-x, y, z);
  }

  public double distance(Vec3 o) {
    return minus(o).norm();
  }

  public double[] toArray() {
    return new double[] {x, y, z};
  }

  public boolean isFinite() {
    return Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(z);
  }
}
