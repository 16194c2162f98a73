package org.semcycle.embedding;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.semcycle.io.DataFormatException;
import org.semcycle.networks.DjlRuntime;

/**
 * A {@link KeypointEmbedder} held in a DJL {@link Model}: creation with a seeded initialisation,
 * inference on raw (un-normalised) clouds, and save/load to a directory ({@value #CONFIG_FILE}
 * with the widths + DJL's {@code keypoint-embedder-0000.params}).
 *
 * <p>Inference turns gradient tracking off on the calling thread for the call (docs/notes/djl.md) and
 * restores it afterwards, and frees every intermediate array before returning.
 */
public final class EmbeddingNet implements PointEmbedder, AutoCloseable {
  /** Name of the widths file written beside the parameters. */
  public static final String CONFIG_FILE = "embedder.json";

  /** DJL model name (parameter file prefix). */
  public static final String MODEL_NAME = "keypoint-embedder";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Model model;
  private final KeypointEmbedder block;
  /** The loaded parameters' inference form, or null (a created net, which trains). */
  private final FoldedEmbedder folded;
  /** A parameter whose gradient says the net was made trainable (the folded form is then stale). */
  private final ai.djl.nn.Parameter probe;

  private EmbeddingNet(Model model, KeypointEmbedder block, FoldedEmbedder folded) {
    this.model = model;
    this.block = block;
    this.folded = folded;
    this.probe = block.getParameters().valueAt(0);
  }

  /** A new, randomly initialised network on the CPU; the same seed gives the same weights. */
  public static EmbeddingNet create(EmbedderConfig config, long seed) {
    return create(config, seed, Device.cpu());
  }

  /** A new, randomly initialised network on a device. */
  public static EmbeddingNet create(EmbedderConfig config, long seed, Device device) {
    DjlRuntime.engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
    Model model = Model.newInstance(MODEL_NAME, device, "PyTorch");
    KeypointEmbedder block = new KeypointEmbedder(config);
    model.setBlock(block);
    block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 8, 3));
    return new EmbeddingNet(model, block, null);
  }

  /** Loads a network saved by {@link #save} on the CPU. */
  public static EmbeddingNet load(Path dir) throws IOException {
    return load(dir, Device.cpu());
  }

  /**
   * Loads a network saved by {@link #save}. Until its parameters are made trainable ({@code
   * Checkpoints.requireGradients}), {@link #embed} runs them as loaded with each batch norm folded
   * into the convolution before it ({@link FoldedEmbedder}); afterwards the block's forward.
   */
  public static EmbeddingNet load(Path dir, Device device) throws IOException {
    Path cfgFile = dir.resolve(CONFIG_FILE);
    EmbedderConfig config = readConfig(cfgFile);
    DjlRuntime.engine();
    Model model = Model.newInstance(MODEL_NAME, device, "PyTorch");
    KeypointEmbedder block = new KeypointEmbedder(config);
    model.setBlock(block);
    block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 8, 3));
    try {
      model.load(dir, MODEL_NAME);
    } catch (MalformedModelException e) {
      model.close();
      throw new DataFormatException(dir.resolve(MODEL_NAME + "-0000.params").toString(), -1,
          "not parameters of " + config + ": " + e.getMessage(), e);
    }
    org.semcycle.training.HalfPrecision.widen(block, model.getNDManager());
    return new EmbeddingNet(model, block,
        NoGrad.run(() -> FoldedEmbedder.of(block, model.getNDManager())));
  }

  /** Writes {@value #CONFIG_FILE} and the parameters into {@code dir} (created if missing). */
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    EmbedderConfig c = block.config();
    ObjectNode n = JSON.createObjectNode();
    n.put("embeddingDim", c.embeddingDim());
    n.set("pointWidths", JSON.valueToTree(c.pointWidths()));
    n.set("globalWidths", JSON.valueToTree(c.globalWidths()));
    n.set("headWidths", JSON.valueToTree(c.headWidths()));
    n.put("batchNorm", c.batchNorm());
    Files.writeString(dir.resolve(CONFIG_FILE), JSON.writerWithDefaultPrettyPrinter()
        .writeValueAsString(n));
    model.save(dir, MODEL_NAME);
  }

  private static EmbedderConfig readConfig(Path file) throws IOException {
    JsonNode n;
    try {
      n = JSON.readTree(Files.readAllBytes(file));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new DataFormatException(file.toString(), -1, "not JSON: " + e.getOriginalMessage(), e);
    }
    try {
      return new EmbedderConfig(
          need(n, "embeddingDim", file).asInt(),
          ints(need(n, "pointWidths", file)),
          ints(need(n, "globalWidths", file)),
          ints(need(n, "headWidths", file)),
          need(n, "batchNorm", file).asBoolean());
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(file.toString(), -1, e.getMessage(), e);
    }
  }

  private static JsonNode need(JsonNode n, String key, Path file) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      throw new DataFormatException(file.toString(), "missing \"" + key + "\"");
    }
    return v;
  }

  private static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asInt();
    }
    return out;
  }

  public Model model() {
    return model;
  }

  public KeypointEmbedder block() {
    return block;
  }

  public EmbedderConfig config() {
    return block.config();
  }

  /** Embedding size D. */
  @Override
  public int dim() {
    return block.config().embeddingDim();
  }

  /**
   * Embeddings of one cloud of raw points (any frame; normalised here with {@link
   * PointNormalizer}): {@code N * D} floats, point-major.
   */
  @Override
  public float[] embed(float[] xyz) {
    float[] norm = PointNormalizer.normalise(xyz);
    return embedNormalised(norm, 1, norm.length / 3);
  }

  /**
   * Embeddings of B already normalised clouds of N points each, packed {@code (B, N, 3)}:
   * {@code B * N * D} floats.
   */
  public float[] embedNormalised(float[] xyz, int batch, int points) {
    if (xyz.length != batch * points * 3) {
      throw new IllegalArgumentException(
          "expected " + batch + " x " + points + " x 3 floats, got " + xyz.length);
    }
    return NoGrad.run(() -> {
      try (NDManager sub = model.getNDManager().newSubManager()) {
        if (folded != null && !probe.getArray().hasGradient()) {
          return folded.embed(sub, xyz, batch, points);
        }
        NDArray in = sub.create(xyz, new Shape(batch, points, 3));
        return forward(new ParameterStore(sub, false), in, false).toFloatArray();
      }
    });
  }

  /** The block's forward pass on {@code (B, N, 3)} normalised points: {@code (B, N, D)}. */
  public NDArray forward(ParameterStore ps, NDArray points, boolean training) {
    return block.forward(ps, new NDList(points), training).singletonOrThrow();
  }

  @Override
  public void close() {
    if (folded != null) {
      folded.close();
    }
    model.close();
  }
}
