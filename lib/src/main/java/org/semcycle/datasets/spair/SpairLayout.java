package org.semcycle.datasets.spair;

/**
 * Paths of SPair-71k's files, relative to the data-set root. Arguments are checked with {@link
 * SpairPairName#isValidId} so no path leaves the root.
 */
public final class SpairLayout {
  private SpairLayout() {}

  /** {@code JPEGImages/<cat>/<imgid>.jpg} */
  public static String image(String category, String imageId) {
    return "JPEGImages/" + id(category) + "/" + id(imageId) + ".jpg";
  }

  /** {@code Segmentation/<cat>/<imgid>.png} */
  public static String segmentation(String category, String imageId) {
    return "Segmentation/" + id(category) + "/" + id(imageId) + ".png";
  }

  /** {@code ImageAnnotation/<cat>/<imgid>.json} */
  public static String imageAnnotation(String category, String imageId) {
    return "ImageAnnotation/" + id(category) + "/" + id(imageId) + ".json";
  }

  /** {@code PairAnnotation/<split>/<pairname>.json} */
  public static String pairAnnotation(SpairSplit split, SpairPairName name) {
    return "PairAnnotation/" + split.dir() + "/" + name + ".json";
  }

  /** {@code Layout/large/<split>.txt} */
  public static String layout(SpairSplit split) {
    return "Layout/large/" + split.dir() + ".txt";
  }

  private static String id(String s) {
    SpairPairName.checkId(s, "SPair id");
    return s;
  }
}
