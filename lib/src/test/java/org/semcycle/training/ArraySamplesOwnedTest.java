package org.semcycle.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.semcycle.networks.DjlRuntime;

/**
 * {@link ArraySamples#owned} must not share storage with the direct buffer DJL wraps a Java array
 * in: that buffer is freed after a garbage collection and its memory reused, which here is made to
 * happen (collections while other arrays of a different content are created and dropped). Before
 * the fix a float32 array read back the other arrays' values in every element.
 */
class ArraySamplesOwnedTest {
  @ParameterizedTest
  @EnumSource(value = DataType.class, names = {"FLOAT32", "FLOAT64"})
  void ownedArraysKeepTheirValuesAfterTheSourceBufferIsFreed(DataType type) {
    DjlRuntime.inferenceMode();
    int n = 1 << 18;
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = i % 1000;
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray owned = ArraySamples.owned(manager, x, new Shape(n), type);
      for (int round = 0; round < 10; round++) {
        System.gc();
        try (NDManager other = manager.newSubManager()) {
          for (int k = 0; k < 10; k++) {
            float[] y = new float[n];
            Arrays.fill(y, -7f);
            other.create(y, new Shape(n));
          }
        }
      }
      float[] back = owned.toType(DataType.FLOAT32, false).toFloatArray();
      int mismatches = 0;
      for (int i = 0; i < n; i++) {
        mismatches += back[i] == x[i] ? 0 : 1;
      }
      assertEquals(0, mismatches, "elements changed after the source buffer was freed");
      assertEquals(type, owned.getDataType());
    }
  }
}
