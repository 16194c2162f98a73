package org.semcycle.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A data set on the local file system. */
public final class LocalDataRoot implements DataRoot {
  private final Path root;

  public LocalDataRoot(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** The absolute local path of a relative path, checked to stay below the root. */
  public Path resolve(String relPath) {
    Path p = root.resolve(RelativePaths.normalize(relPath, root.toString())).normalize();
    if (!p.startsWith(root)) {
      throw new DataFormatException(root.toString(), "path escapes the data-set root: " + relPath);
    }
    return p;
  }

  @Override
  public InputStream open(String relPath) throws IOException {
    return Files.newInputStream(resolve(relPath));
  }

  @Override
  public boolean exists(String relPath) {
    return Files.isRegularFile(resolve(relPath));
  }

  @Override
  public long length(String relPath) {
    Path p = resolve(relPath);
    try {
      return Files.isRegularFile(p) ? Files.size(p) : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public List<String> list(String relDir) {
    Path dir = relDir == null || relDir.isEmpty() ? root : resolve(relDir);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(x -> x.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  @Override
  public String describe(String relPath) {
    return relPath == null || relPath.isEmpty() ? root.toString() : root.resolve(relPath).toString();
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
