package org.semcycle.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.semcycle.networks.DjlRuntime;

/** The RGB augmentation: seeded, changes only the "rgb" input, stays in [0, 1]. */
class AugmentedRgbSamplesTest {
  private static final int N = 3;
  private static final int S = 8;

  private static ArraySamples samples() {
    SplittableRandom r = new SplittableRandom(7);
    float[] rgb = new float[N * 3 * S * S];
    float[] other = new float[N * 2 * S * S];
    float[] label = new float[N * S * S];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = (float) r.nextDouble();
    }
    for (int i = 0; i < other.length; i++) {
      other[i] = (float) r.nextDouble();
    }
    for (int i = 0; i < label.length; i++) {
      label[i] = (float) r.nextDouble();
    }
    return new ArraySamples(N)
        .input("extra", new Shape(2, S, S), other)
        .input("rgb", new Shape(3, S, S), rgb)
        .label("depth", new Shape(1, S, S), label);
  }

  private static float[][] draw(SampleSource s, int[] idx) {
    try (NDManager m = NDManager.newBaseManager()) {
      Batch b = s.batch(m, idx);
      return new float[][] {
        b.inputs().get(0).toFloatArray(), b.inputs().get(1).toFloatArray(), b.labels().head().toFloatArray()
      };
    }
  }

  @Test
  void seededChangesRgbOnlyAndStaysInRange() {
    DjlRuntime.engine();
    int[] idx = {2, 0};
    ArraySamples plain = samples();
    float[][] before = draw(plain, idx);
    AugmentedRgbSamples a = new AugmentedRgbSamples(samples(), AugmentedRgbSamples.Options.reference(), 11);
    AugmentedRgbSamples b = new AugmentedRgbSamples(samples(), AugmentedRgbSamples.Options.reference(), 11);
    AugmentedRgbSamples c = new AugmentedRgbSamples(samples(), AugmentedRgbSamples.Options.reference(), 12);
    float[][] x = draw(a, idx);
    float[][] y = draw(b, idx);
    float[][] z = draw(c, idx);
    assertArrayEquals(x[1], y[1], "same seed, same draw: same pixels");
    assertFalse(Arrays.equals(x[1], z[1]), "another seed gives other pixels");
    assertFalse(Arrays.equals(x[1], before[1]), "the rgb input changes");
    assertArrayEquals(before[0], x[0], "other inputs pass through");
    assertArrayEquals(before[2], x[2], "labels pass through");
    for (float v : x[1]) {
      assertTrue(v >= 0f && v <= 1f, "value in [0, 1]: " + v);
    }
    float[][] again = draw(a, idx);
    assertFalse(Arrays.equals(x[1], again[1]), "a sample's next draw differs (a fresh draw per epoch)");
    assertArrayEquals(again[1], draw(b, idx)[1], "the second draws match too");
  }

  @Test
  void zeroStrengthIsIdentityAndMissingFieldIsRejected() {
    DjlRuntime.engine();
    int[] idx = {1};
    float[][] before = draw(samples(), idx);
    float[][] same = draw(new AugmentedRgbSamples(samples(), new AugmentedRgbSamples.Options(0, 0, 0, 0), 3), idx);
    for (int i = 0; i < before[1].length; i++) {
      assertEquals(before[1][i], same[1][i], 1e-6f);
    }
    ArraySamples noRgb = new ArraySamples(1).input("sketch", new Shape(1), new float[] {0.5f});
    assertThrows(IllegalArgumentException.class,
        () -> new AugmentedRgbSamples(noRgb, AugmentedRgbSamples.Options.reference(), 0));
  }
}
