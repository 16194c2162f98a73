package org.semcycle.benchmarks;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.semcycle.rendering.dataset.ViewRenderSpec;

/**
 * How the evaluation sets are drawn (configuration {@code semcycle.benchmark}): images per
 * test-split model, image size, field of view, camera distance range, in-plane range (cameras
 * follow the "photo" prior of {@link org.semcycle.rendering.dataset.ViewpointSampler}),
 * background, supersampling, lighting, truncation and occluders, pairs per category, the formats
 * to write and the categories (with their keypoint slots).
 */
public record BenchmarkSpec(
    long seed,
    int imagesPerModel,
    int imageSize,
    double fov,
    double distanceMin,
    double distanceMax,
    double inPlaneMax,
    String background,
    int supersample,
    Lighting lighting,
    Truncation truncation,
    Occlusion occlusion,
    int pairsPerCategory,
    Set<BenchmarkFormat> formats,
    List<BenchmarkCategory> categories)
    implements Serializable {

  /**
   * Random lighting per image: ambient and diffuse terms drawn uniformly in their ranges, the
   * direction toward the light uniform on the cap within {@code coneDegrees} of the headlight.
   */
  public record Lighting(double ambientMin, double ambientMax, double diffuseMin, double diffuseMax, double coneDegrees)
      implements Serializable {
    public Lighting {
      if (ambientMin < 0 || ambientMax < ambientMin || diffuseMin < 0 || diffuseMax < diffuseMin) {
        throw new IllegalArgumentException("lighting ranges must be [min, max] with 0 <= min <= max");
      }
      if (!(coneDegrees >= 0 && coneDegrees <= 90)) {
        throw new IllegalArgumentException("light cone must be in [0, 90] degrees: " + coneDegrees);
      }
    }
  }

  /**
   * With {@code probability}, the principal point moves by a fraction of the image size drawn in
   * [shiftMin, shiftMax], in a uniformly random direction, so part of the object leaves the frame.
   */
  public record Truncation(double probability, double shiftMin, double shiftMax) implements Serializable {
    public Truncation {
      if (!(probability >= 0 && probability <= 1) || shiftMin < 0 || shiftMax < shiftMin) {
        throw new IllegalArgumentException("truncation needs 0 <= p <= 1 and 0 <= shift min <= max");
      }
    }
  }

  /**
   * With {@code probability}, 1..maxCount opaque shapes (rectangles and ellipses of one random
   * colour) are drawn in front of the object, each centred on a random object pixel, with radii
   * drawn in [sizeMin, sizeMax] times the image side.
   */
  public record Occlusion(double probability, int maxCount, double sizeMin, double sizeMax) implements Serializable {
    public Occlusion {
      if (!(probability >= 0 && probability <= 1) || maxCount < 1 || sizeMin <= 0 || sizeMax < sizeMin) {
        throw new IllegalArgumentException("occlusion needs 0 <= p <= 1, max count >= 1, 0 < size min <= max");
      }
    }
  }

  public BenchmarkSpec {
    if (imagesPerModel < 1 || imageSize < 16 || !(fov > 0 && fov < 180)) {
      throw new IllegalArgumentException("need images per model >= 1, image size >= 16, 0 < fov < 180");
    }
    if (!(distanceMin > 0) || distanceMax < distanceMin || inPlaneMax < 0 || supersample < 1) {
      throw new IllegalArgumentException("need 0 < distance min <= max, in-plane max >= 0, supersampling >= 1");
    }
    if (pairsPerCategory < 0) {
      throw new IllegalArgumentException("pairs per category must be >= 0");
    }
    formats = formats.isEmpty() ? EnumSet.noneOf(BenchmarkFormat.class) : EnumSet.copyOf(formats);
    categories = List.copyOf(categories);
  }

  /** The defaults of conf/semcycle.conf's {@code semcycle.benchmark} for these categories. */
  public static BenchmarkSpec defaults(long seed, List<BenchmarkCategory> categories) {
    return new BenchmarkSpec(
        seed, 4, 256, 35, 1.8, 2.6, 10, "clutter", 2,
        new Lighting(0.1, 0.5, 0.5, 1.0, 75),
        new Truncation(0.15, 0.3, 0.5),
        new Occlusion(0.25, 2, 0.08, 0.2),
        40, EnumSet.allOf(BenchmarkFormat.class), categories);
  }

  public BenchmarkSpec withImages(int perModel, int size, int supersampling) {
    return new BenchmarkSpec(seed, perModel, size, fov, distanceMin, distanceMax, inPlaneMax, background,
        supersampling, lighting, truncation, occlusion, pairsPerCategory, formats, categories);
  }

  public BenchmarkSpec withTruncation(Truncation t) {
    return new BenchmarkSpec(seed, imagesPerModel, imageSize, fov, distanceMin, distanceMax, inPlaneMax, background,
        supersample, lighting, t, occlusion, pairsPerCategory, formats, categories);
  }

  public BenchmarkSpec withOcclusion(Occlusion o) {
    return new BenchmarkSpec(seed, imagesPerModel, imageSize, fov, distanceMin, distanceMax, inPlaneMax, background,
        supersample, lighting, truncation, o, pairsPerCategory, formats, categories);
  }

  public BenchmarkSpec withPairs(int perCategory) {
    return new BenchmarkSpec(seed, imagesPerModel, imageSize, fov, distanceMin, distanceMax, inPlaneMax, background,
        supersample, lighting, truncation, occlusion, perCategory, formats, categories);
  }

  public BenchmarkSpec withFormats(Set<BenchmarkFormat> f) {
    return new BenchmarkSpec(seed, imagesPerModel, imageSize, fov, distanceMin, distanceMax, inPlaneMax, background,
        supersample, lighting, truncation, occlusion, pairsPerCategory, f, categories);
  }

  /** The category of a synset, or null when the sets have none for it. */
  public BenchmarkCategory categoryOfSynset(String synset) {
    for (BenchmarkCategory c : categories) {
      if (c.synset().equals(synset)) {
        return c;
      }
    }
    return null;
  }

  /** The camera prior as the training renderer's spec: "photo" sampling, this spec's ranges. */
  ViewRenderSpec cameraSpec() {
    return new ViewRenderSpec(seed, 1, imageSize, fov, distanceMin, distanceMax, ViewRenderSpec.Sampling.PHOTO,
        inPlaneMax, background, supersample, 4);
  }
}
