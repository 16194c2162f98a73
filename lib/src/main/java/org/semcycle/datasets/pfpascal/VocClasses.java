package org.semcycle.datasets.pfpascal;

import java.util.List;

/** The 20 PASCAL VOC classes in VOC order; PF-PASCAL's CSV {@code class} column is 1..20. */
public final class VocClasses {
  private VocClasses() {}

  /** Names in VOC order; class id {@code k} (1-based) is {@code NAMES.get(k - 1)}. */
  public static final List<String> NAMES =
      List.of(
          "aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car", "cat", "chair", "cow",
          "diningtable", "dog", "horse", "motorbike", "person", "pottedplant", "sheep", "sofa",
          "train", "tvmonitor");

  /** The name of a 1-based class id. */
  public static String name(int classId) {
    if (classId < 1 || classId > NAMES.size()) {
      throw new IllegalArgumentException("VOC class id must be 1..20: " + classId);
    }
    return NAMES.get(classId - 1);
  }

  /** The 1-based id of a class name. */
  public static int id(String name) {
    int i = NAMES.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("not a VOC class: '" + name + "'");
    }
    return i + 1;
  }
}
