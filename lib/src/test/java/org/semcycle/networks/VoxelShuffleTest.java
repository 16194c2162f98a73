package org.semcycle.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** The voxel shuffle's index mapping, and the output grid of the shuffle-head and planar-decoder VoxelNets. */
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
    assertOutputsTheFullGrid(new VoxelNet.Options(16, 4, 4, 16, 16, 4, true, 2, false));
    assertThrows(IllegalArgumentException.class,
        () -> new VoxelNet(new VoxelNet.Options(16, 4, 4, 16, 4, 4, true, 1, false)));
  }

  @Test
  void planarDecoderNetOutputsTheFullGrid() {
    assertOutputsTheFullGrid(new VoxelNet.Options(16, 4, 4, 16, 16, 4, false, 1, true));
    assertThrows(IllegalArgumentException.class,
        () -> new VoxelNet(new VoxelNet.Options(16, 4, 4, 16, 16, 4, true, 1, true)));
  }

  /** The planar decoder's head channel i is the grid's x slice i (docs/CONVENTIONS.md axes). */
  @Test
  void planarHeadChannelIsTheXSlice() {
    DjlRuntime.engine();
    int r = 8;
    int slice = 5;
    try (NDManager m = NDManager.newBaseManager()) {
      VoxelNet net = new VoxelNet(new VoxelNet.Options(8, 4, 4, 16, r, 4, false, 1, true));
      net.initialize(m, DataType.FLOAT32, net.inputShape(2));
      int set = 0;
      for (var p : net.getParameters()) {
        if (!p.getKey().startsWith("05out_")) {
          continue;
        }
        NDArray a = p.getValue().getArray();
        if (p.getKey().endsWith("bias")) {
          float[] bias = new float[(int) a.size()];
          bias[slice] = 1f;
          a.set(bias);
        } else {
          a.set(new float[(int) a.size()]);
        }
        set++;
      }
      assertEquals(2, set, "the head's weight and bias among " + net.getParameters().keys());
      float[] y = net.forward(new ParameterStore(m, false),
          new ai.djl.ndarray.NDList(m.randomUniform(0f, 1f, net.inputShape(2))), false).head().toFloatArray();
      for (int b = 0; b < 2; b++) {
        for (int i = 0; i < r; i++) {
          for (int jk = 0; jk < r * r; jk++) {
            assertEquals(i == slice ? 1f : 0f, y[(b * r + i) * r * r + jk], 0f, "sample " + b + " x " + i);
          }
        }
      }
    }
  }

  private static void assertOutputsTheFullGrid(VoxelNet.Options o) {
    DjlRuntime.engine();
    try (NDManager m = NDManager.newBaseManager()) {
      VoxelNet net = new VoxelNet(o);
      net.initialize(m, DataType.FLOAT32, net.inputShape(2));
      NDArray y = net.forward(new ParameterStore(m, false),
          new ai.djl.ndarray.NDList(m.randomUniform(0f, 1f, net.inputShape(2))), false).head();
      Shape grid = new Shape(2, o.resolution(), o.resolution(), o.resolution());
      assertEquals(grid, y.getShape());
      assertEquals(grid, net.getOutputShapes(new Shape[] {net.inputShape(2)})[0]);
    }
  }
}
