package org.semcycle.networks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class DjlRuntimeTest {
  @Test
  void engineComputesOnCpuOffline() {
    assertEquals("PyTorch", DjlRuntime.engine().getEngineName());
    try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
      NDArray a = m.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
      assertArrayEquals(new float[] {7, 10, 15, 22}, a.matMul(a).toFloatArray(), 1e-6f);
    }
  }

  @Test
  void missingGpuFallsBackToCpu() {
    assertEquals(Device.cpu(), DjlRuntime.device("0"));
    assertEquals(Device.cpu(), DjlRuntime.device(null));
  }
}
