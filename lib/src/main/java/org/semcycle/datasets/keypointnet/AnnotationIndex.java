package org.semcycle.datasets.keypointnet;

import java.util.HashMap;
import java.util.Map;
import org.semcycle.io.DataRoot;

/**
 * A KeypointNet root's annotations by synset and model id, each category's file read on first
 * use. Not thread-safe: one per task or partition.
 */
public final class AnnotationIndex {
  private final DataRoot root;
  private final Map<String, String> classBySynset;
  private final Map<String, Map<String, ModelAnnotation>> bySynset = new HashMap<>();

  /**
   * @param root a KeypointNet root, or null for none (every lookup then finds nothing)
   * @param classBySynset our category name of each synset
   */
  public AnnotationIndex(DataRoot root, Map<String, String> classBySynset) {
    this.root = root;
    this.classBySynset = Map.copyOf(classBySynset);
  }

  /** The model's annotation, or null when the data set has none for it. */
  public ModelAnnotation find(String synset, String modelId) {
    if (root == null) {
      return null;
    }
    return bySynset.computeIfAbsent(synset, s -> {
      String cls = classBySynset.get(s);
      String rel = cls == null ? null : KeypointNetLayout.annotations(cls);
      Map<String, ModelAnnotation> map = new HashMap<>();
      if (rel != null && root.exists(rel)) {
        for (ModelAnnotation a : AnnotationReader.read(root, rel)) {
          map.put(a.modelId(), a);
        }
      }
      return map;
    }).get(modelId);
  }
}
