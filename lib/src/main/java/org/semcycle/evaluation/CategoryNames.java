package org.semcycle.evaluation;

import java.io.Serializable;
import java.util.List;
import org.semcycle.benchmarks.BenchmarkCategory;

/**
 * Our vocabulary's category name of a data set's category: Pix3D already uses ours; SPair-71k and
 * PF-PASCAL use PASCAL VOC classes ({@code aeroplane} -> {@code airplane}, see {@link
 * BenchmarkCategory#vocClassOf}). A name that is neither ours nor a VOC class of ours is kept.
 */
public final class CategoryNames implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> vocabulary;

  /** {@code vocabulary}: our category names (conf/keypoints.conf). */
  public CategoryNames(List<String> vocabulary) {
    this.vocabulary = List.copyOf(vocabulary);
  }

  public String ours(String datasetCategory) {
    if (vocabulary.contains(datasetCategory)) {
      return datasetCategory;
    }
    for (String c : vocabulary) {
      if (datasetCategory.equals(BenchmarkCategory.vocClassOf(c))) {
        return c;
      }
    }
    return datasetCategory;
  }
}
