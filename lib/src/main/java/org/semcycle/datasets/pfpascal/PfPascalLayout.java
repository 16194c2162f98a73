package org.semcycle.datasets.pfpascal;

import java.util.regex.Pattern;

/**
 * Paths of PF-PASCAL's files relative to the root: {@code JPEGImages/<VOC id>.jpg} and {@code
 * Annotations/<class>/<VOC id>.mat}. Ids are letters, digits and '_' (e.g. {@code 2009_002457});
 * classes are VOC names.
 */
public final class PfPascalLayout {
  private PfPascalLayout() {}

  private static final Pattern ID = Pattern.compile("\\w+");

  /** {@code JPEGImages/<id>.jpg} */
  public static String image(String vocId) {
    return "JPEGImages/" + id(vocId) + ".jpg";
  }

  /** {@code Annotations/<class>/<id>.mat} */
  public static String annotation(String className, String vocId) {
    VocClasses.id(className);
    return "Annotations/" + className + "/" + id(vocId) + ".mat";
  }

  /** The VOC id of an image path such as {@code JPEGImages/2009_002457.jpg}. */
  public static String vocId(String imagePath) {
    int slash = imagePath.lastIndexOf('/');
    String name = imagePath.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    return id(dot < 0 ? name : name.substring(0, dot));
  }

  private static String id(String s) {
    if (s == null || !ID.matcher(s).matches()) {
      throw new IllegalArgumentException("VOC image id must be letters, digits and '_': " + s);
    }
    return s;
  }
}
