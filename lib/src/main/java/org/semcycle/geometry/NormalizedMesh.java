package org.semcycle.geometry;

/**
 * A mesh normalised as ShapeNet does, with the similarity that did it:
 * {@code normalised = (original - center) * scale}.
 */
public record NormalizedMesh(Mesh mesh, Vec3 center, double scale) {

  /** Maps a point of the original mesh's frame into the normalised frame. */
  public Vec3 apply(Vec3 p) {
    return p.minus(center).times(scale);
  }

  /** Maps a point of the normalised frame back to the original one. */
  public Vec3 invert(Vec3 q) {
    return q.times(1.0 / scale).plus(center);
  }
}
