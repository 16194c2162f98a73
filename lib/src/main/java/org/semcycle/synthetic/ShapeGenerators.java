package org.semcycle.synthetic;

import java.util.List;
import java.util.Locale;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;
import org.semcycle.io.Seeds;

/** Looks up the generator of a category and derives model ids. */
public final class ShapeGenerators {
  private ShapeGenerators() {}

  /** Categories with a generator. */
  public static final List<String> CATEGORIES = List.of("airplane", "car", "chair");

  /** The generator of "chair", "car" or "airplane", using that category's vocabulary. */
  public static ShapeGenerator forCategory(String name, KeypointVocabulary vocabulary) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "chair" -> new ChairGenerator(vocabulary.category("chair"));
      case "car" -> new CarGenerator(vocabulary.category("car"));
      case "airplane", "aeroplane" -> new AirplaneGenerator(vocabulary.category("airplane"));
      default -> throw new IllegalArgumentException(
          "no shape generator for category '" + name + "' (have " + CATEGORIES + ")");
    };
  }

  /** 32 lowercase hex digits from {@code Seeds.mix(seed, category, index)}. */
  public static String modelId(long seed, String category, int index) {
    long h1 = Seeds.mix(seed, category, index);
    long h2 = Seeds.mix64(h1 ^ 0x5bd1e9955bd1e995L);
    return String.format(Locale.ROOT, "%016x%016x", h1, h2);
  }
}
