package org.semcycle.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.semcycle.networks.DjlRuntime;

/** A byte-stored 0/1 label field batches as the same values stored as floats would. */
class ArraySamplesBinaryLabelTest {
  @Test
  void binaryLabelsBatchLikeFloatLabels() {
    DjlRuntime.inferenceMode();
    int n = 5;
    Shape grid = new Shape(2, 2, 2);
    byte[] bytes = new byte[n * 8];
    float[] floats = new float[n * 8];
    float[] inputs = new float[n * 3];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) ((i * 7 + i / 8) % 3 == 0 ? 1 : 0);
      floats[i] = bytes[i];
    }
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = i * 0.5f;
    }
    ArraySamples asBytes = new ArraySamples(n).input("x", new Shape(3), inputs).binaryLabel("y", grid, bytes);
    ArraySamples asFloats = new ArraySamples(n).input("x", new Shape(3), inputs).label("y", grid, floats);
    int[] order = {4, 0, 2};
    try (NDManager m = NDManager.newBaseManager()) {
      Batch a = asBytes.batch(m, order);
      Batch b = asFloats.batch(m, order);
      assertEquals(new Shape(3, 2, 2, 2), a.labels().head().getShape());
      assertEquals(DataType.FLOAT32, a.labels().head().getDataType());
      assertArrayEquals(b.labels().head().toFloatArray(), a.labels().head().toFloatArray());
      assertArrayEquals(b.inputs().head().toFloatArray(), a.inputs().head().toFloatArray());
    }
    byte[] bad = new byte[n * 8];
    bad[3] = 2;
    assertThrows(IllegalArgumentException.class, () -> new ArraySamples(n).binaryLabel("y", grid, bad));
    assertThrows(IllegalArgumentException.class, () -> new ArraySamples(n).binaryLabel("y", grid, new byte[7]));
  }
}
