package org.semcycle.evaluation;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import java.io.Serializable;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps a data set's keypoint index to the semantic id of our 3D vocabulary, per data set and
 * category ({@code conf/evaluation.conf}, {@code semcycle.evaluation.keypoint-maps.<dataset>.<our
 * category>}, e.g. {@code { "0" = 3, "4" = 12 }}). Without a map the index is the semantic id
 * (the synthetic sets are written that way); with one, only the listed indices are scored: the
 * keypoints the vocabulary and the data set share.
 */
public final class KeypointIdMap implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, Map<Integer, Integer>> maps;

  public KeypointIdMap(Map<String, Map<Integer, Integer>> byDatasetSlashCategory) {
    Map<String, Map<Integer, Integer>> copy = new HashMap<>();
    byDatasetSlashCategory.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
    this.maps = Collections.unmodifiableMap(copy);
  }

  /** Every index is its semantic id. */
  public static KeypointIdMap identity() {
    return new KeypointIdMap(Map.of());
  }

  /**
   * Reads {@code keypoint-maps} of an evaluation config block: dataset -> category -> {index =
   * semantic id}. Errors name the path.
   */
  public static KeypointIdMap fromConfig(Config evaluation) {
    if (!evaluation.hasPath("keypoint-maps")) {
      return identity();
    }
    Config all = evaluation.getConfig("keypoint-maps");
    Map<String, Map<Integer, Integer>> maps = new HashMap<>();
    for (String dataset : all.root().keySet()) {
      Config byCat = all.getConfig(dataset);
      for (String category : byCat.root().keySet()) {
        Map<Integer, Integer> m = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : byCat.getConfig(category).root().entrySet()) {
          String where = "keypoint-maps." + dataset + "." + category + "." + e.getKey();
          try {
            int index = Integer.parseInt(e.getKey());
            Object v = e.getValue().unwrapped();
            if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < 0 || index < 0) {
              throw new ConfigException.BadValue(where, "expected a non-negative semantic id, found " + v);
            }
            m.put(index, n.intValue());
          } catch (NumberFormatException ex) {
            throw new ConfigException.BadValue(where, "keys are the data set's keypoint indices (integers)");
          }
        }
        maps.put(dataset + "/" + category, m);
      }
    }
    return new KeypointIdMap(maps);
  }

  /** The semantic id of a data set's keypoint index, or null when it is not scored. */
  public Integer semanticId(String dataset, String category, int index) {
    Map<Integer, Integer> m = maps.get(dataset + "/" + category);
    return m == null ? Integer.valueOf(index) : m.get(index);
  }

  /** True when the data set and category have an explicit map. */
  public boolean mapped(String dataset, String category) {
    return maps.containsKey(dataset + "/" + category);
  }
}
