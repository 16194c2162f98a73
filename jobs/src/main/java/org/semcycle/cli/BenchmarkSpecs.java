package org.semcycle.cli;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import org.semcycle.benchmarks.BenchmarkCategory;
import org.semcycle.benchmarks.BenchmarkFormat;
import org.semcycle.benchmarks.BenchmarkSpec;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;

/** Reads a {@link BenchmarkSpec} from semcycle.benchmark, semcycle.seed and the keypoint vocabulary. */
final class BenchmarkSpecs {
  private BenchmarkSpecs() {}

  static BenchmarkSpec from(Config c) {
    Config b = c.getConfig("semcycle.benchmark");
    KeypointVocabulary vocab = KeypointVocabulary.fromConfig(c);
    List<BenchmarkCategory> cats = new ArrayList<>();
    for (String name : vocab.categories()) {
      cats.add(BenchmarkCategory.of(vocab.category(name)));
    }
    double[] dist = range(b, "distance");
    double[] amb = range(b, "lighting.ambient");
    double[] dif = range(b, "lighting.diffuse");
    double[] shift = range(b, "truncation-shift");
    double[] occ = range(b, "occluder-size");
    return new BenchmarkSpec(
        c.hasPath("semcycle.benchmark.seed") ? c.getLong("semcycle.benchmark.seed") : c.getLong("semcycle.seed"),
        b.getInt("images-per-model"),
        b.getInt("image-size"),
        b.getDouble("fov"),
        dist[0],
        dist[1],
        b.getDouble("in-plane-max"),
        b.getString("background"),
        b.getInt("supersampling"),
        new BenchmarkSpec.Lighting(amb[0], amb[1], dif[0], dif[1], b.getDouble("lighting.cone")),
        new BenchmarkSpec.Truncation(b.getDouble("truncation-probability"), shift[0], shift[1]),
        new BenchmarkSpec.Occlusion(b.getDouble("occluder-probability"), b.getInt("occluders-max"), occ[0], occ[1]),
        b.getInt("pairs-per-category"),
        BenchmarkFormat.parseAll(formats(b)),
        cats);
  }

  /** {@code formats} as a list ([pix3d, spair]) or a comma-separated string (from --formats). */
  private static List<String> formats(Config b) {
    try {
      return b.getStringList("formats");
    } catch (com.typesafe.config.ConfigException.WrongType e) {
      return List.of(b.getString("formats"));
    }
  }

  private static double[] range(Config b, String key) {
    List<Double> d = b.getDoubleList(key);
    if (d.size() != 2) {
      throw new IllegalArgumentException("semcycle.benchmark." + key + " must be [min, max], got " + d);
    }
    return new double[] {d.get(0), d.get(1)};
  }
}
