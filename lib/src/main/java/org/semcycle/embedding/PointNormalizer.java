package org.semcycle.embedding;

import org.semcycle.geometry.Vec3;

/**
 * Normalises a point cloud to its bounding-box centre and maximum extent (stage 5 of
 * PIPELINE.md): {@code p' = (p - centre) / maxExtent}, so the cloud fits in [-0.5, 0.5]^3 with
 * its longest side spanning 1. The returned {@link Transform} maps positions back.
 */
public final class PointNormalizer {
  private PointNormalizer() {}

  /**
   * The normalising transform of packed xyz points. A cloud with zero extent (one point, or all
   * equal) gets scale 1, so it is only centred.
   *
   * @throws IllegalArgumentException when empty, not a multiple of 3, or not finite
   */
  public static Transform fit(float[] xyz) {
    if (xyz == null || xyz.length == 0 || xyz.length % 3 != 0) {
      throw new IllegalArgumentException(
          "need packed xyz points (length a positive multiple of 3), got "
              + (xyz == null ? "null" : xyz.length));
    }
    float[] lo = {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY};
    float[] hi = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
    for (int i = 0; i < xyz.length; i++) {
      float v = xyz[i];
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException("point " + i / 3 + " is not finite");
      }
      int a = i % 3;
      lo[a] = Math.min(lo[a], v);
      hi[a] = Math.max(hi[a], v);
    }
    double ext = 0;
    for (int a = 0; a < 3; a++) {
      ext = Math.max(ext, (double) hi[a] - lo[a]);
    }
    return new Transform(
        0.5 * ((double) lo[0] + hi[0]),
        0.5 * ((double) lo[1] + hi[1]),
        0.5 * ((double) lo[2] + hi[2]),
        ext > 0 ? ext : 1.0);
  }

  /** Fits and applies in one go. */
  public static float[] normalise(float[] xyz) {
    return fit(xyz).apply(xyz);
  }

  /** {@code p' = (p - centre) / scale}; {@link #invert} maps back. */
  public record Transform(double cx, double cy, double cz, double scale) {
    /** Normalised copy of packed xyz points. */
    public float[] apply(float[] xyz) {
      float[] out = new float[xyz.length];
      for (int i = 0; i < xyz.length; i += 3) {
        out[i] = (float) ((xyz[i] - cx) / scale);
        out[i + 1] = (float) ((xyz[i + 1] - cy) / scale);
        out[i + 2] = (float) ((xyz[i + 2] - cz) / scale);
      }
      return out;
    }

    /** Original-frame copy of packed normalised points. */
    public float[] invert(float[] xyz) {
      float[] out = new float[xyz.length];
      for (int i = 0; i < xyz.length; i += 3) {
        out[i] = (float) (xyz[i] * scale + cx);
        out[i + 1] = (float) (xyz[i + 1] * scale + cy);
        out[i + 2] = (float) (xyz[i + 2] * scale + cz);
      }
      return out;
    }

    /** Original-frame position of one normalised point. */
    public Vec3 toOriginal(Vec3 p) {
      return new Vec3(p.x() * scale + cx, p.y() * scale + cy, p.z() * scale + cz);
    }

    /** Normalised position of one original-frame point. */
    public Vec3 toNormalised(Vec3 p) {
      return new Vec3((p.x() - cx) / scale, (p.y() - cy) / scale, (p.z() - cz) / scale);
    }
  }
}
