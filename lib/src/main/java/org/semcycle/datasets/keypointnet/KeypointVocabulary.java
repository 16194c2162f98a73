package org.semcycle.datasets.keypointnet;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.semcycle.io.DataFormatException;

/**
 * The keypoint vocabulary of each category: semantic id -> name, reflection pairs (left-right
 * mirror images) and rotation groups, as configured in {@code conf/keypoints.conf} under the
 * {@code keypoints} object (KeypointNet's release does not name its ids; names are
 * configuration). Ids are the KeypointNet semantic ids.
 */
public final class KeypointVocabulary {
  private final Map<String, Category> byName;

  private KeypointVocabulary(Map<String, Category> byName) {
    this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
  }

  /**
   * One category's vocabulary. {@code reflectionPairs} and {@code rotationGroups} hold semantic
   * ids (not keypoint-list indexes).
   */
  public record Category(
      String name,
      String synset,
      SortedMap<Integer, String> names,
      List<int[]> reflectionPairs,
      List<int[]> rotationGroups) {
    public Category {
      names = Collections.unmodifiableSortedMap(new TreeMap<>(names));
      reflectionPairs = List.copyOf(reflectionPairs.stream().map(int[]::clone).toList());
      rotationGroups = List.copyOf(rotationGroups.stream().map(int[]::clone).toList());
    }

    /** Semantic id of a keypoint name; throws IllegalArgumentException when unknown. */
    public int id(String keypointName) {
      for (Map.Entry<Integer, String> e : names.entrySet()) {
        if (e.getValue().equals(keypointName)) {
          return e.getKey();
        }
      }
      throw new IllegalArgumentException(
          "category " + name + " has no keypoint named '" + keypointName + "'");
    }

    /** Whether the vocabulary names this keypoint. */
    public boolean has(String keypointName) {
      return names.containsValue(keypointName);
    }

    /** Name of a semantic id, or null when the id is not in the vocabulary. */
    public String name(int id) {
      return names.get(id);
    }

    /** The reflection partner of a semantic id, or -1 when it has none. */
    public int mirrorOf(int id) {
      for (int[] p : reflectionPairs) {
        if (p[0] == id) {
          return p[1];
        }
        if (p[1] == id) {
          return p[0];
        }
      }
      return -1;
    }
  }

  /** Reads a HOCON file holding a {@code keypoints} object; bad content names the file. */
  public static KeypointVocabulary load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DataFormatException(file.toString(), "no such file");
    }
    Config c;
    try {
      c = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new DataFormatException(file.toString(), -1, e.getMessage(), e);
    }
    return parse(c, file.toString());
  }

  /** Reads the {@code keypoints} object of an already loaded configuration. */
  public static KeypointVocabulary fromConfig(Config config) {
    String origin = config.origin() == null ? "config" : config.origin().description();
    return parse(config, origin);
  }

  private static KeypointVocabulary parse(Config root, String file) {
    if (!root.hasPath("keypoints")) {
      throw new DataFormatException(file, "missing 'keypoints' object");
    }
    Config all;
    try {
      all = root.getConfig("keypoints");
    } catch (ConfigException e) {
      throw new DataFormatException(file, "'keypoints' is not an object: " + e.getMessage());
    }
    Map<String, Category> out = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(all.root().keySet());
    Collections.sort(names);
    for (String cat : names) {
      out.put(cat, parseCategory(all, cat, file));
    }
    return new KeypointVocabulary(out);
  }

  private static Category parseCategory(Config all, String cat, String file) {
    String where = "keypoints." + cat;
    try {
      Config c = all.getConfig(quote(cat));
      String synset = c.getString("synset");
      if (!synset.matches("[0-9]{8}")) {
        throw new DataFormatException(file, where + ".synset: not an 8-digit synset: " + synset);
      }
      SortedMap<Integer, String> ids = new TreeMap<>();
      Map<String, Integer> seen = new HashMap<>();
      for (Map.Entry<String, ConfigValue> e : c.getObject("names").entrySet()) {
        int id;
        try {
          id = Integer.parseInt(e.getKey());
        } catch (NumberFormatException ex) {
          throw new DataFormatException(file, where + ".names: id '" + e.getKey() + "' is not an integer");
        }
        if (id < 0) {
          throw new DataFormatException(file, where + ".names: negative id " + id);
        }
        Object v = e.getValue().unwrapped();
        if (!(v instanceof String s) || s.isBlank()) {
          throw new DataFormatException(file, where + ".names." + id + ": name must be a string");
        }
        if (seen.put(s, id) != null) {
          throw new DataFormatException(file, where + ".names: name '" + s + "' used twice");
        }
        ids.put(id, s);
      }
      List<int[]> pairs = idLists(c, "reflection", ids, where, file);
      for (int[] p : pairs) {
        if (p.length != 2 || p[0] == p[1]) {
          throw new DataFormatException(file, where + ".reflection: each pair needs two distinct ids");
        }
      }
      List<int[]> groups = idLists(c, "rotation", ids, where, file);
      return new Category(cat, synset, ids, pairs, groups);
    } catch (ConfigException e) {
      throw new DataFormatException(file, -1, where + ": " + e.getMessage(), e);
    }
  }

  private static List<int[]> idLists(
      Config c, String key, Map<Integer, String> ids, String where, String file) {
    List<int[]> out = new ArrayList<>();
    if (!c.hasPath(key)) {
      return out;
    }
    for (Object o : c.getList(key).unwrapped()) {
      if (!(o instanceof List<?> l)) {
        throw new DataFormatException(file, where + "." + key + ": each entry must be a list of ids");
      }
      int[] a = new int[l.size()];
      for (int i = 0; i < a.length; i++) {
        if (!(l.get(i) instanceof Number n) || n.doubleValue() != n.intValue()) {
          throw new DataFormatException(file, where + "." + key + ": '" + l.get(i) + "' is not an id");
        }
        a[i] = n.intValue();
        if (!ids.containsKey(a[i])) {
          throw new DataFormatException(file, where + "." + key + ": id " + a[i] + " is not named");
        }
      }
      out.add(a);
    }
    return out;
  }

  private static String quote(String key) {
    return "\"" + key.replace("\"", "\\\"") + "\"";
  }

  /** The category of this name (e.g. "chair"); throws IllegalArgumentException when unknown. */
  public Category category(String name) {
    Category c = byName.get(name);
    if (c == null) {
      throw new IllegalArgumentException("no keypoint vocabulary for category '" + name + "'");
    }
    return c;
  }

  /** The category of a synset, or null. */
  public Category bySynset(String synset) {
    for (Category c : byName.values()) {
      if (c.synset().equals(synset)) {
        return c;
      }
    }
    return null;
  }

  /** Category names, sorted. */
  public List<String> categories() {
    return List.copyOf(byName.keySet());
  }
}
