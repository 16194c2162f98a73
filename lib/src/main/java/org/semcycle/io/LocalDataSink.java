package org.semcycle.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes below a local folder; each file is written to a temporary name and moved in place. */
public final class LocalDataSink implements DataSink {
  private final Path root;

  public LocalDataSink(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public void write(String relPath, byte[] bytes) throws IOException {
    Path target = root.resolve(RelativePaths.normalize(relPath, root.toString()));
    Files.createDirectories(target.getParent());
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public String describe(String relPath) {
    return root.resolve(relPath).toString();
  }
}
