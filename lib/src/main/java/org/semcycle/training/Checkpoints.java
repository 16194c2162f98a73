package org.semcycle.training;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.semcycle.io.DataFormatException;

/**
 * Per-epoch checkpoints in {@code <modelDir>/checkpoints/}: {@code params.bin} (the block's
 * parameters, batch-norm statistics included, in DJL's block format), {@code adam.bin} (Adam's
 * step count and moments) and {@code epoch.txt} (the last finished epoch, written last through
 * an atomic rename so that a crash never leaves a half checkpoint behind it).
 */
public final class Checkpoints {
  private final Path dir;

  /** Checkpoints of a model directory. */
  public Checkpoints(Path modelDir) {
    this.dir = modelDir.resolve("checkpoints");
  }

  /** The last finished epoch, or 0 when there is no checkpoint. */
  public int lastEpoch() throws IOException {
    Path f = dir.resolve("epoch.txt");
    if (!Files.exists(f)) {
      return 0;
    }
    String s = Files.readString(f, StandardCharsets.UTF_8).trim();
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new DataFormatException(f.toString(), "not an epoch number: '" + s + "'");
    }
  }

  /** Saves the state after an epoch. */
  public void save(int epoch, Block block, Adam adam) throws IOException {
    Files.createDirectories(dir);
    Path params = dir.resolve("params.bin.tmp");
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(params)))) {
      block.saveParameters(out);
    }
    Path state = dir.resolve("adam.bin.tmp");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(state))) {
      adam.save(out);
    }
    Files.move(params, dir.resolve("params.bin"), StandardCopyOption.REPLACE_EXISTING);
    Files.move(state, dir.resolve("adam.bin"), StandardCopyOption.REPLACE_EXISTING);
    Path tmp = dir.resolve("epoch.txt.tmp");
    Files.writeString(tmp, epoch + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, dir.resolve("epoch.txt"), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** Restores parameters (trainable ones marked as requiring gradients) and Adam's state. */
  public void restore(NDManager manager, Block block, Adam adam) throws IOException {
    Path params = dir.resolve("params.bin");
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(params)))) {
      block.loadParameters(manager, in);
    } catch (MalformedModelException e) {
      throw new DataFormatException(params.toString(), -1, e.getMessage(), e);
    }
    requireGradients(block);
    Path state = dir.resolve("adam.bin");
    if (Files.exists(state)) {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(state))) {
        adam.load(in);
      }
    }
  }

  /** Marks every trainable parameter's array as requiring gradients (after loading). */
  public static void requireGradients(Block block) {
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().requiresGradient() && p.getValue().isInitialized()) {
        p.getValue().getArray().setRequiresGradient(true);
      }
    }
  }
}
