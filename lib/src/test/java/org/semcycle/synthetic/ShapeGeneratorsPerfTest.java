package org.semcycle.synthetic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;

/** Prints models per second per category (one thread). Run with -Dgroups=perf. */
@Tag("perf")
class ShapeGeneratorsPerfTest {
  @Test
  void modelsPerSecond() {
    KeypointVocabulary v = KeypointVocabulary.load(ShapeGeneratorsTest.confFile());
    int n = Integer.getInteger("synthetic.models", 2000);
    for (String cat : ShapeGenerators.CATEGORIES) {
      ShapeGenerator g = ShapeGenerators.forCategory(cat, v);
      for (int i = 0; i < 200; i++) {
        g.generate(1, i); // warm-up
      }
      long faces = 0;
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        faces += g.generate(42, i).mesh().faceCount();
      }
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "synthetic %-8s %7.0f models/s  (%d models, %.1f faces/model, %.2f s)%n",
          cat, n / s, n, faces / (double) n, s);
      assertTrue(s > 0);
    }
  }
}
