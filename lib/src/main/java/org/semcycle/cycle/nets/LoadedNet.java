package org.semcycle.cycle.nets;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import ai.djl.Device;
import ai.djl.nn.Block;
import org.semcycle.networks.DjlRuntime;
import org.semcycle.training.ModelFiles;

/**
 * A trained network loaded for inference (the DJL Block side; inputs and outputs are plain
 * float arrays, the Translator side is the stage that calls it). Runs batches in the precision the
 * net was trained in (float32 or float64, read from its parameters) and returns float32 arrays.
 * Thread-safe: each call works in its own sub-manager with grad mode off on the calling thread,
 * so Spark task threads can share one loaded net.
 *
 * @param <O> the net's options record
 */
public final class LoadedNet<O> implements AutoCloseable {
  private final Model model;
  private final O options;
  private final DataType dataType;
  private final Path dir;

  private LoadedNet(Model model, O options, DataType dataType, Path dir) {
    this.model = model;
    this.options = options;
    this.dataType = dataType;
    this.dir = dir;
  }

  /** Loads {@code dir/<name>-0000.params} with its options (see {@link ModelFiles}). */
  public static <O> LoadedNet<O> load(Path dir, String name, Class<O> type,
      Function<O, Block> factory, Device device) throws IOException {
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IOException((dir == null ? name : dir)
          + ": no such model directory (train it with semcycle train)");
    }
    O options = ModelFiles.options(dir, name, type);
    Model model = ModelFiles.load(dir, name, type, factory, device);
    DataType dt = model.getBlock().getParameters().valueAt(0).getArray().getDataType();
    return new LoadedNet<>(model, options, dt, dir);
  }

  public O options() {
    return options;
  }

  public DataType dataType() {
    return dataType;
  }

  public Path dir() {
    return dir;
  }

  /**
   * One forward pass over a batch: {@code data} packs the batch in {@code shape}'s order; each
   * output comes back flattened (batch-major).
   */
  public float[][] forward(float[] data, Shape shape) {
    DjlRuntime.inferenceMode();
    try (NDManager m = model.getNDManager().newSubManager()) {
      NDArray x = m.create(data, shape).toType(dataType, false);
      NDList out = model.getBlock().forward(new ParameterStore(m, false), new NDList(x), false);
      float[][] result = new float[out.size()][];
      for (int i = 0; i < out.size(); i++) {
        result[i] = out.get(i).toType(DataType.FLOAT32, false).toFloatArray();
      }
      return result;
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
