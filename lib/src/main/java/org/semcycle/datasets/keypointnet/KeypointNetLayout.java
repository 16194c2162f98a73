package org.semcycle.datasets.keypointnet;

/** Relative paths of KeypointNet's files below its root. */
public final class KeypointNetLayout {
  private KeypointNetLayout() {}

  /** {@code annotations/<className>.json}, e.g. "annotations/chair.json". */
  public static String annotations(String className) {
    return "annotations/" + className + ".json";
  }

  /** {@code pcds/<synset>/<modelId>.pcd}. */
  public static String pcd(String synsetId, String modelId) {
    return "pcds/" + synsetId + "/" + modelId + ".pcd";
  }

  /** {@code splits/<name>.txt} for train, val or test. */
  public static String split(String name) {
    return Splits.path(name);
  }
}
