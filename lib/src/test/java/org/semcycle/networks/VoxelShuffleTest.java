package org.semcycle.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** The voxel shuffle's index mapping and the shuffle-head VoxelNet's output grid. */
class VoxelShuffleTest {
  @Test
  void channelOfACellBecomesItsChildVoxel() {
    DjlRuntime.engine();
    int n = 2;
    int h = 3;
    float[] in = new float[n * 8 * h * h * h];
    for (int i = 0; i < in.length; i++) {
      in[i] = i;
    }
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray out = VoxelNet.voxelShuffle(m.create(in, new Shape(n, 8, h, h, h)));
      assertEquals(new Shape(n, 2 * h, 2 * h, 2 * h), out.getShape());
      float[] o = out.toFloatArray();
      int r = 2 * h;
      for (int b = 0; b < n; b++) {
        for (int ch = 0; ch < 8; ch++) {
          int a = ch >> 2;
          int bb = (ch >> 1) & 1;
          int c = ch & 1;
          for (int x = 0; x < h; x++) {
            for (int y = 0; y < h; y++) {
              for (int z = 0; z < h; z++) {
                float expected = in[(((b * 8 + ch) * h + x) * h + y) * h + z];
                int i = 2 * x + a;
                int j = 2 * y + bb;
                int k = 2 * z + c;
                assertEquals(expected, o[((b * r + i) * r + j) * r + k], 0f,
                    "sample " + b + " channel " + ch + " cell " + x + "," + y + "," + z);
              }
            }
          }
        }
      }
      assertThrows(IllegalArgumentException.class,
          () -> VoxelNet.voxelShuffle(m.zeros(new Shape(1, 4, 2, 2, 2))));
    }
  }

  @Test
  void shuffleHeadNetOutputsTheFullGrid() {
    DjlRuntime.engine();
    try (NDManager m = NDManager.newBaseManager()) {
      VoxelNet net = new VoxelNet(new VoxelNet.Options(16, 4, 4, 16, 16, 4, true, 2, false));
      net.initialize(m, DataType.FLOAT32, net.inputShape(2));
      NDArray y = net.forward(new ParameterStore(m, false),
          new ai.djl.ndarray.NDList(m.randomUniform(0f, 1f, net.inputShape(2))), false).head();
      assertEquals(new Shape(2, 16, 16, 16), y.getShape());
      assertEquals(new Shape(2, 16, 16, 16), net.getOutputShapes(new Shape[] {net.inputShape(2)})[0]);
      assertThrows(IllegalArgumentException.class,
          () -> new VoxelNet(new VoxelNet.Options(16, 4, 4, 16, 4, 4, true, 1, false)));
    }
  }

  @Test
  void planarDecoderNetOutputsTheFullGrid() {
    DjlRuntime.engine();
    try (NDManager m = NDManager.newBaseManager()) {
      VoxelNet net = new VoxelNet(new VoxelNet.Options(16, 4, 4, 16, 16, 4, false, 1, true));
      net.initialize(m, DataType.FLOAT32, net.inputShape(2));
      NDArray y = net.forward(new ParameterStore(m, false),
          new ai.djl.ndarray.NDList(m.randomUniform(0f, 1f, net.inputShape(2))), false).head();
      assertEquals(new Shape(2, 16, 16, 16), y.getShape());
      assertEquals(new Shape(2, 16, 16, 16), net.getOutputShapes(new Shape[] {net.inputShape(2)})[0]);
      assertThrows(IllegalArgumentException.class,
          () -> new VoxelNet(new VoxelNet.Options(16, 4, 4, 16, 16, 4, true, 1, true)));
    }
  }
}
