package org.semcycle.datasets.keypointnet;

/** One line of a KeypointNet split file: a ShapeNet synset and model id. */
public record SplitEntry(String synsetId, String modelId) {
  /** The line form {@code synset-modelId}. */
  public String key() {
    return synsetId + "-" + modelId;
  }
}
