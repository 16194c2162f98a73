package org.semcycle.rendering.dataset;

import java.io.Serializable;
import java.util.Locale;

/**
 * How the render job draws a model's training views: count, image size, field of view, camera
 * distance range, camera sampling, in-plane range, background, supersampling, voxel resolution.
 */
public record ViewRenderSpec(
    long seed,
    int views,
    int imageSize,
    double fov,
    double distanceMin,
    double distanceMax,
    Sampling sampling,
    double inPlaneMax,
    String background,
    int supersample,
    int voxelResolution)
    implements Serializable {

  /** Where cameras come from. */
  public enum Sampling {
    /** Uniform on the viewing sphere, as the reference's synthetic training set. */
    UNIFORM,
    /** A prior of real photos: low elevations (mostly 0-35 degrees), all azimuths. */
    PHOTO;

    public static Sampling parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("camera sampling must be 'uniform' or 'photo', got '" + s + "'");
      }
    }
  }

  public ViewRenderSpec {
    if (views < 1 || imageSize < 8 || !(fov > 0 && fov < 180)) {
      throw new IllegalArgumentException("need views >= 1, image size >= 8, 0 < fov < 180");
    }
    if (!(distanceMin > 0) || distanceMax < distanceMin) {
      throw new IllegalArgumentException("need 0 < distance min <= max");
    }
    if (supersample < 1 || voxelResolution < 4) {
      throw new IllegalArgumentException("need supersampling >= 1 and voxel resolution >= 4");
    }
  }
}
