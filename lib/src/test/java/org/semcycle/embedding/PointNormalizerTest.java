package org.semcycle.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.semcycle.geometry.Vec3;

class PointNormalizerTest {
  @Test
  void centresOnTheBoxAndScalesByMaxExtent() {
    // Box x in [1, 5], y in [0, 2], z in [-1, 1]: centre (3, 1, 0), max extent 4.
    float[] xyz = {1, 0, -1, 5, 2, 1, 2, 1, 0};
    PointNormalizer.Transform t = PointNormalizer.fit(xyz);
    assertEquals(3, t.cx(), 1e-9);
    assertEquals(1, t.cy(), 1e-9);
    assertEquals(0, t.cz(), 1e-9);
    assertEquals(4, t.scale(), 1e-9);
    float[] n = t.apply(xyz);
    assertArrayEquals(new float[] {-0.5f, -0.25f, -0.25f, 0.5f, 0.25f, 0.25f, -0.25f, 0, 0}, n,
        1e-6f);
    assertArrayEquals(xyz, t.invert(n), 1e-6f);
    assertEquals(new Vec3(5, 2, 1), t.toOriginal(new Vec3(0.5, 0.25, 0.25)));
    assertEquals(new Vec3(0.5, 0.25, 0.25), t.toNormalised(new Vec3(5, 2, 1)));
  }

  @Test
  void degenerateAndBadInput() {
    assertEquals(1.0, PointNormalizer.fit(new float[] {2, 2, 2}).scale());
    assertThrows(IllegalArgumentException.class, () -> PointNormalizer.fit(new float[] {1, 2}));
    assertThrows(IllegalArgumentException.class,
        () -> PointNormalizer.fit(new float[] {1, Float.NaN, 2}));
  }
}
