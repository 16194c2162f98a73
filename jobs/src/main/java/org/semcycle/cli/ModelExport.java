package org.semcycle.cli;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.semcycle.baseline.DenseDescriptorNet;
import org.semcycle.embedding.EmbeddingNet;
import org.semcycle.networks.SketchNet;
import org.semcycle.networks.ViewNet;
import org.semcycle.networks.VoxelNet;
import org.semcycle.training.HalfPrecision;
import org.semcycle.training.ModelFiles;

/**
 * A trained net's folder as it ships: the parameters (float16 when {@code half}) and the options
 * file, plus the training log (provenance); no checkpoints, optimiser state or pictures.
 */
final class ModelExport {
  private ModelExport() {}

  /** The kind of net a folder of {@code semcycle train} holds, by its name there. */
  private record Kind<O, B extends Block>(String modelName, Class<O> options, Function<O, B> factory,
      Function<B, Shape[]> input) {}

  private static Kind<?, ?> kind(String net) {
    return switch (net) {
      case "sketch" -> new Kind<>("sketch", SketchNet.Options.class, SketchNet::new, b -> new Shape[] {b.inputShape(1)});
      case "voxel" -> new Kind<>("voxel", VoxelNet.Options.class, VoxelNet::new, b -> new Shape[] {b.inputShape(1)});
      case "view", "view-sketch" -> new Kind<>("view", ViewNet.Options.class, ViewNet::new,
          b -> new Shape[] {b.inputShape(1)});
      case "dense2d" -> new Kind<>("dense2d", DenseDescriptorNet.Options.class, DenseDescriptorNet::new,
          b -> new Shape[] {b.inputShape(1)});
      case "embed" -> null;
      default -> throw new IllegalArgumentException("no export for net '" + net + "'");
    };
  }

  /** Writes the shipped form of the net in {@code from} (a {@code semcycle train} folder) into {@code to}. */
  static void export(String net, Path from, Path to, boolean half) throws IOException {
    Files.createDirectories(to);
    Kind<?, ?> k = kind(net);
    if (k == null) {
      try (EmbeddingNet e = EmbeddingNet.load(from)) {
        if (half) {
          HalfPrecision.narrow(e.model().getBlock(), e.model().getNDManager());
        }
        e.save(to);
      }
    } else {
      exportBlock(k, from, to, half);
    }
    Path log = from.resolve("training-log.csv");
    if (Files.exists(log)) {
      Files.copy(log, to.resolve("training-log.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static <O, B extends Block> void exportBlock(Kind<O, B> k, Path from, Path to, boolean half)
      throws IOException {
    O options = ModelFiles.options(from, k.modelName(), k.options());
    try (Model m = ModelFiles.loadTrainable(from, k.modelName(), k.options(), k.factory(), k.input())) {
      if (half) {
        HalfPrecision.narrow(m.getBlock(), m.getNDManager());
      }
      ModelFiles.save(m.getBlock(), options, to, k.modelName());
    }
  }
}
