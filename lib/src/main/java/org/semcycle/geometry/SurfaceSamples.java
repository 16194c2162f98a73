package org.semcycle.geometry;

/**
 * Points sampled on a mesh surface: for sample i, the face index, the barycentric weights of
 * the face's three corners ({@code barycentric[3i..3i+2]}, summing to 1) and the position
 * ({@code positions[3i..3i+2]}). Arrays are owned by this object; accessors return copies or
 * single values.
 */
public final class SurfaceSamples {
  private final int[] faces;
  private final double[] barycentric;
  private final double[] positions;

  SurfaceSamples(int[] faces, double[] barycentric, double[] positions) {
    this.faces = faces;
    this.barycentric = barycentric;
    this.positions = positions;
  }

  public int size() {
    return faces.length;
  }

  public int face(int i) {
    return faces[i];
  }

  /** Barycentric weight of corner {@code corner} (0..2) for sample {@code i}. */
  public double weight(int i, int corner) {
    return barycentric[3 * i + corner];
  }

  public double[] barycentric(int i) {
    return new double[] {barycentric[3 * i], barycentric[3 * i + 1], barycentric[3 * i + 2]};
  }

  public Vec3 position(int i) {
    return Vec3.of(positions, 3 * i);
  }

  /** A copy of all positions, 3 doubles a sample. */
  public double[] positions() {
    return positions.clone();
  }

  /** All positions as floats (e.g. for a PCD point cloud). */
  public float[] positionsAsFloat() {
    float[] out = new float[positions.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) positions[i];
    }
    return out;
  }

  /** A copy of all face indices. */
  public int[] faces() {
    return faces.clone();
  }
}
