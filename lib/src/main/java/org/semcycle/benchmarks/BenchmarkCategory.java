package org.semcycle.benchmarks;

import java.io.Serializable;
import java.util.Map;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;
import org.semcycle.datasets.pfpascal.VocClasses;

/**
 * A category of the evaluation sets: its name in the keypoint vocabulary (also Pix3D's
 * category), ShapeNet synset, PASCAL VOC class (SPair-71k's and PF-PASCAL's category; null when
 * the category has no VOC class, and then it is left out of PF-PASCAL and SPair uses {@code
 * name}), and the number of keypoint slots (largest semantic id + 1): SPair's {@code kps} keys and
 * PF-PASCAL's {@code kps} rows are the semantic ids 0..slots-1.
 */
public record BenchmarkCategory(String name, String synset, String vocClass, int keypointSlots)
    implements Serializable {

  /** Our category names that differ from their PASCAL VOC class. */
  private static final Map<String, String> VOC_NAMES =
      Map.of(
          "airplane", "aeroplane",
          "table", "diningtable",
          "motorcycle", "motorbike",
          "display", "tvmonitor",
          "monitor", "tvmonitor",
          "plant", "pottedplant");

  public BenchmarkCategory {
    if (name == null || !name.matches("\\w+")) {
      throw new IllegalArgumentException("category name must be letters, digits and '_': " + name);
    }
    if (keypointSlots < 1) {
      throw new IllegalArgumentException("a benchmark category needs at least one keypoint id");
    }
    if (vocClass != null) {
      VocClasses.id(vocClass);
    }
  }

  /** The category of a vocabulary entry: VOC class from {@link #vocClassOf}, slots = max id + 1. */
  public static BenchmarkCategory of(KeypointVocabulary.Category c) {
    int slots = c.names().isEmpty() ? 0 : c.names().lastKey() + 1;
    return new BenchmarkCategory(c.name(), c.synset(), vocClassOf(c.name()), slots);
  }

  /** chair -> chair, car -> car, airplane -> aeroplane, ...; null when there is none. */
  public static String vocClassOf(String category) {
    String v = VOC_NAMES.getOrDefault(category, category);
    return VocClasses.NAMES.contains(v) ? v : null;
  }

  /** The category as SPair-71k names it: the VOC class, else our name. */
  public String spairName() {
    return vocClass != null ? vocClass : name;
  }
}
