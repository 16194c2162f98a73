package org.semcycle.training;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.semcycle.io.DataFormatException;

/**
 * A trained network as a DJL model directory: {@code <name>-0000.params} written by
 * {@link Model#save} plus {@code <name>.options.json}, the options record the block is rebuilt
 * from (Jackson), so that {@link #load} needs only the directory, the name and the factory.
 * Parameters stored in float16 (shipped models, {@link HalfPrecision}) load as float32.
 */
public final class ModelFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelFiles() {}

  /** Saves the block's parameters and its options into dir. */
  public static void save(Block block, Object options, Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    JSON.writerWithDefaultPrettyPrinter().writeValue(optionsFile(dir, name).toFile(), options);
    Model model = Model.newInstance(name, Device.cpu(), "PyTorch");
    model.setBlock(block);
    model.save(dir, name);
  }

  /** Reads the options record saved beside the model. */
  public static <O> O options(Path dir, String name, Class<O> type) throws IOException {
    Path f = optionsFile(dir, name);
    try {
      return JSON.readValue(f.toFile(), type);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new DataFormatException(f.toString(), -1, e.getOriginalMessage(), e);
    }
  }

  /**
   * Loads a saved model: rebuilds the block from its options and loads the parameters. The
   * returned model owns the parameters; close it when done.
   */
  public static <O> Model load(Path dir, String name, Class<O> type, Function<O, Block> factory)
      throws IOException {
    return load(dir, name, type, factory, Device.cpu());
  }

  /** {@link #load(Path, String, Class, Function)} onto a device (a GPU executor's). */
  public static <O> Model load(Path dir, String name, Class<O> type, Function<O, Block> factory,
      Device device) throws IOException {
    O options = options(dir, name, type);
    Model model = Model.newInstance(name, device, "PyTorch");
    model.setBlock(factory.apply(options));
    try {
      model.load(dir, name);
    } catch (MalformedModelException e) {
      throw new DataFormatException(dir.resolve(name).toString(), -1, e.getMessage(), e);
    }
    HalfPrecision.widen(model.getBlock(), model.getNDManager());
    return model;
  }

  /**
   * Loads a saved model to train it further (fine-tuning): the rebuilt block is first
   * initialised in float32 for the given input shapes (which records the input description
   * that a later {@link #save} needs; a block that was only loaded cannot be saved again), then
   * the saved parameters replace the initial ones and every trainable parameter requires
   * gradients again. Close the returned model when done; its manager owns the parameters.
   */
  public static <O, B extends Block> Model loadTrainable(Path dir, String name, Class<O> type,
      Function<O, B> factory, Function<B, Shape[]> inputShapes) throws IOException {
    O options = options(dir, name, type);
    B block = factory.apply(options);
    Model model = Model.newInstance(name, Device.cpu(), "PyTorch");
    model.setBlock(block);
    block.initialize(model.getNDManager(), DataType.FLOAT32, inputShapes.apply(block));
    try {
      model.load(dir, name);
    } catch (MalformedModelException e) {
      model.close();
      throw new DataFormatException(dir.resolve(name).toString(), -1, e.getMessage(), e);
    }
    HalfPrecision.widen(block, model.getNDManager());
    Checkpoints.requireGradients(block);
    return model;
  }

  private static Path optionsFile(Path dir, String name) {
    return dir.resolve(name + ".options.json");
  }
}
