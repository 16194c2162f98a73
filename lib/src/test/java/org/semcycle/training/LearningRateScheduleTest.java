package org.semcycle.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;

/** The cosine learning-rate schedule of {@link TrainLoop.Options}. */
class LearningRateScheduleTest {
  private static TrainLoop.Options options(int epochs, float floor) {
    return new TrainLoop.Options(epochs, 16, 1e-3f, 0.9f, 0.999f, 0L, 0, DataType.FLOAT32, floor);
  }

  @Test
  void cosineFallsFromTheFullRateTowardsTheFloor() {
    TrainLoop.Options o = options(10, 0.05f);
    assertEquals(1e-3f, o.learningRate(1), 1e-9f);
    // Halfway (epoch 6 of 10: t = 0.5) the factor is floor + (1 - floor) / 2.
    assertEquals(1e-3 * (0.05 + 0.95 * 0.5), o.learningRate(6), 1e-9);
    for (int e = 2; e <= 10; e++) {
      assertTrue(o.learningRate(e) < o.learningRate(e - 1), "falls at epoch " + e);
    }
    double last = 1e-3 * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * 0.9)));
    assertEquals(last, o.learningRate(10), 1e-9);
    assertTrue(o.learningRate(10) > 0.05e-3f);
  }

  @Test
  void floorOneIsConstantAndTheOldConstructorToo() {
    TrainLoop.Options o = options(10, 1f);
    TrainLoop.Options old = new TrainLoop.Options(10, 16, 1e-3f, 0.9f, 0.999f, 0L, 0, DataType.FLOAT32);
    for (int e = 1; e <= 10; e++) {
      assertEquals(1e-3f, o.learningRate(e));
      assertEquals(1e-3f, old.learningRate(e));
    }
    assertThrows(IllegalArgumentException.class, () -> options(10, 1.5f));
    assertThrows(IllegalArgumentException.class, () -> options(10, -0.1f));
  }
}
