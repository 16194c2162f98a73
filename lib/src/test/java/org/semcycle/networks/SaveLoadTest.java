package org.semcycle.networks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.training.ModelFiles;

/**
 * Saving a net as a DJL model directory and loading it back gives identical outputs (float64, so that equality
 * is exact).
 */
class SaveLoadTest {
  @TempDir Path dir;

  private <O> void roundTrip(String name, Block block, O options, Class<O> type,
      Function<O, Block> factory, Shape input) throws Exception {
    DjlRuntime.inferenceMode();
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(3);
      block.initialize(m, DataType.FLOAT64, input);
      NDArray x = m.create(TinyData.uniform((int) input.size(), 9, 0, 1), input).toType(DataType.FLOAT64, true);
      NDList before = block.forward(new ParameterStore(m, false), new NDList(x), false);
      ModelFiles.save(block, options, dir, name);
      assertEquals(options, ModelFiles.options(dir, name, type));
      try (Model model = ModelFiles.load(dir, name, type, factory)) {
        NDList after =
            model.getBlock().forward(new ParameterStore(m, false), new NDList(x), false);
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
          assertArrayEquals(before.get(i).toDoubleArray(), after.get(i).toDoubleArray(), 1e-9,
              name + " output " + i);
        }
      }
    } finally {
      DjlRuntime.trainingMode();
    }
  }

  @Test
  void sketchNet() throws Exception {
    SketchNet.Options o = new SketchNet.Options(32, 4, 1f);
    roundTrip("sketch", new SketchNet(o), o, SketchNet.Options.class, SketchNet::new,
        new Shape(2, 3, 32, 32));
  }

  @Test
  void voxelNet() throws Exception {
    VoxelNet.Options o = new VoxelNet.Options(8, 4, 4, 16, 8, 4);
    roundTrip("voxel", new VoxelNet(o), o, VoxelNet.Options.class, VoxelNet::new,
        new Shape(2, 4, 8, 8));
  }

  @Test
  void voxelNetWithPlanarDecoder() throws Exception {
    VoxelNet.Options o = new VoxelNet.Options(8, 4, 4, 16, 8, 4, false, 1, true);
    roundTrip("voxel-planar", new VoxelNet(o), o, VoxelNet.Options.class, VoxelNet::new,
        new Shape(2, 4, 8, 8));
  }

  @Test
  void critic() throws Exception {
    VoxelCritic.Options o = new VoxelCritic.Options(8, 4);
    roundTrip("critic", new VoxelCritic(o), o, VoxelCritic.Options.class, VoxelCritic::new,
        new Shape(2, 8, 8, 8));
  }

  @Test
  void viewNet() throws Exception {
    ViewNet.Options o = new ViewNet.Options(32, 3, 4);
    roundTrip("view", new ViewNet(o), o, ViewNet.Options.class, ViewNet::new,
        new Shape(2, 3, 32, 32));
  }
}
