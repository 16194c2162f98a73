package org.semcycle.images;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.semcycle.benchmarks.BenchmarkCategory;
import org.semcycle.io.DataRoot;
import org.semcycle.io.ImageLoader;

/**
 * A set of images the cycle runs on, read with its format's own reader: the evaluation sets'
 * layouts ({@link Pix3dImages}, {@link SpairImages}, {@link PfPascalImages}) and a plain folder
 * or list of photos ({@link PlainImages}). An image of a category the keypoint vocabulary lacks is
 * a listing reject (with the reason), not a task.
 */
public interface ImageSet extends java.io.Serializable {
  /** Tasks, and listing rejects: reason per {@code category/image id} (or a record's place). */
  record Listing(List<ImageTask> tasks, Map<String, String> rejects) {}

  /** The evaluation sets by name. */
  List<String> DATASETS = List.of("pix3d", "spair", "pfpascal");

  /** The set's name in the tables ({@link ImageTask#dataset()}). */
  String name();

  /** Every image of the set under {@code root}. */
  Listing list(DataRoot root, List<BenchmarkCategory> categories);

  /** The set's test pairs (pair mode and the 2D baseline), none when it has no pair list. */
  default List<ImagePair> pairs(DataRoot root, List<BenchmarkCategory> categories) {
    return List.of();
  }

  /**
   * The object's box of a task without one, from the image's annotation ({@link
   * ImageTask#boxSource()}), or null when the set has none (the cycle then finds it).
   */
  default double[] box(DataRoot root, ImageTask t) {
    return t.box();
  }

  /** How the set's images are decoded: the evaluation sets keep the stored pixel layout. */
  default ImageLoader.Policy loading(long maxPixels) {
    return ImageLoader.Policy.dataSet(maxPixels);
  }

  /**
   * True when the set's pair list exists; else says on stderr that the set gives no pairs (its
   * images are still predicted).
   */
  static boolean hasPairList(DataRoot root, String list) {
    if (root.exists(list)) {
      return true;
    }
    System.err.println("infer: " + root.describe(list) + " not found: no pairs from this set"
        + " (pair mode and the 2D baseline skip it; its images are still predicted)");
    return false;
  }

  /** An evaluation set by name. */
  static ImageSet of(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "pix3d" -> new Pix3dImages();
      case "spair" -> new SpairImages();
      case "pfpascal" -> new PfPascalImages();
      default -> throw new IllegalArgumentException("unknown data set '" + name + "'; one of " + DATASETS);
    };
  }

  /** The category whose {@code key} is {@code name}, or null. */
  static BenchmarkCategory find(List<BenchmarkCategory> cats, String name, Function<BenchmarkCategory, String> key) {
    for (BenchmarkCategory c : cats) {
      if (name != null && name.equals(key.apply(c))) {
        return c;
      }
    }
    return null;
  }
}
