package org.semcycle.jobs.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The recipe of each net {@code semcycle train --net} trains, by the net's name. */
public final class Recipes {
  private static final Map<String, Recipe> BY_NET = new LinkedHashMap<>();

  static {
    BY_NET.put("sketch", new SketchRecipe());
    BY_NET.put("voxel", new VoxelRecipe());
    BY_NET.put("view", new ViewRecipe(false));
    BY_NET.put("view-sketch", new ViewRecipe(true));
    BY_NET.put("embed", new EmbedRecipe());
    BY_NET.put("critic", new CriticRecipe());
    BY_NET.put("voxel-finetune", new VoxelFinetuneRecipe());
    BY_NET.put("dense2d", new Dense2dRecipe());
  }

  private Recipes() {}

  /** The nets, in the order the help text lists them. */
  public static List<String> nets() {
    return List.copyOf(BY_NET.keySet());
  }

  /** The name of a net as the recipes know it (lower case); an error listing the nets for any other. */
  public static String canonical(String net) {
    String name = net == null ? "" : net.toLowerCase(Locale.ROOT);
    if (!BY_NET.containsKey(name)) {
      throw new IllegalArgumentException(
          "--net must be one of " + String.join(", ", BY_NET.keySet()) + ", got '" + net + "'");
    }
    return name;
  }

  /** The recipe of a net (any case); an error listing the nets for an unknown one. */
  public static Recipe of(String net) {
    return BY_NET.get(canonical(net));
  }
}
