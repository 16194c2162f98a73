package org.semcycle.datasets.pfpascal;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Paths of PF-PASCAL's files relative to the root that holds the pair CSVs. Images lie in a
 * {@code JPEGImages/} folder and annotations in the {@code Annotations/} folder beside it: {@code
 * P/JPEGImages/<VOC id>.jpg} and {@code P/Annotations/<class>/<VOC id>.mat}. In the release that
 * NC-Net and HPF use, P is {@value #RELEASE_DIR} (the CSVs name {@code
 * PF-dataset-PASCAL/JPEGImages/<id>.jpg}); P may also be empty (both folders at the root). {@link
 * #annotationOf} is the one rule that takes an image to its annotation; every reader and writer
 * goes through it. Ids are letters, digits and '_' (e.g. {@code 2009_002457}); classes are VOC
 * names.
 */
public final class PfPascalLayout {
  private PfPascalLayout() {}

  /** The release's folder of images and annotations below the root of its pair CSVs. */
  public static final String RELEASE_DIR = "PF-dataset-PASCAL";

  /** The folders P a root may hold {@code P/JPEGImages} and {@code P/Annotations} in. */
  public static final List<String> BASES = List.of("", RELEASE_DIR);

  private static final String IMAGES = "JPEGImages";
  private static final String ANNOTATIONS = "Annotations";
  private static final Pattern ID = Pattern.compile("\\w+");

  /** {@code P/JPEGImages/<id>.jpg} ({@code JPEGImages/<id>.jpg} for an empty P). */
  public static String image(String base, String vocId) {
    return under(base, IMAGES + "/" + id(vocId) + ".jpg");
  }

  /** {@code P/Annotations}: the folder of one class folder per VOC class. */
  public static String annotationsDir(String base) {
    return under(base, ANNOTATIONS);
  }

  /**
   * The annotation of an image as a pair CSV names it: {@code P/JPEGImages/<id>.<ext>} ->
   * {@code P/Annotations/<class>/<id>.mat}.
   *
   * @throws IllegalArgumentException when the image is not in a {@code JPEGImages} folder, the
   *     id is not a VOC id or the class not a VOC class
   */
  public static String annotationOf(String imagePath, String className) {
    VocClasses.id(className);
    return annotationsDir(base(imagePath)) + "/" + className + "/" + vocId(imagePath) + ".mat";
  }

  /** The folder P of an image path {@code P/JPEGImages/<id>.<ext>} (empty for our own layout). */
  public static String base(String imagePath) {
    int slash = imagePath.lastIndexOf('/');
    String dir = slash < 0 ? "" : imagePath.substring(0, slash);
    int up = dir.lastIndexOf('/');
    if (!dir.substring(up + 1).equals(IMAGES)) {
      throw new IllegalArgumentException("PF-PASCAL image path must be [P/]" + IMAGES
          + "/<id>.jpg (its annotation is P/" + ANNOTATIONS + "/<class>/<id>.mat): " + imagePath);
    }
    return up < 0 ? "" : dir.substring(0, up);
  }

  /** The VOC id of an image path such as {@code JPEGImages/2009_002457.jpg}. */
  public static String vocId(String imagePath) {
    int slash = imagePath.lastIndexOf('/');
    String name = imagePath.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    return id(dot < 0 ? name : name.substring(0, dot));
  }

  private static String under(String base, String rel) {
    return base.isEmpty() ? rel : base + "/" + rel;
  }

  private static String id(String s) {
    if (s == null || !ID.matcher(s).matches()) {
      throw new IllegalArgumentException("VOC image id must be letters, digits and '_': " + s);
    }
    return s;
  }
}
