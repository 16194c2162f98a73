package org.semcycle.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.semcycle.io.DataRoot;
import org.semcycle.io.LocalDataRoot;

/**
 * A local data root that records every relative path a reader asks for (open, exists, length,
 * list), as the reader gave it, so a test can prove that no reader even tried a path outside the
 * root ({@link #escapes}).
 */
public final class RecordingDataRoot implements DataRoot {
  private final LocalDataRoot inner;
  private final List<String> asked = Collections.synchronizedList(new ArrayList<>());

  public RecordingDataRoot(Path root) {
    this.inner = new LocalDataRoot(root);
  }

  /** Paths asked for so far. */
  public List<String> asked() {
    return List.copyOf(asked);
  }

  /** The asked paths that would resolve outside the root (absolute, or climbing out with ..). */
  public List<String> escapes() {
    Path root = inner.root().toAbsolutePath().normalize();
    return asked().stream()
        .filter(p -> p.startsWith("/") || p.contains("://") || !root.resolve(p).normalize().startsWith(root))
        .toList();
  }

  @Override
  public InputStream open(String relPath) throws IOException {
    asked.add(relPath);
    return inner.open(relPath);
  }

  @Override
  public boolean exists(String relPath) {
    asked.add(relPath);
    return inner.exists(relPath);
  }

  @Override
  public long length(String relPath) {
    asked.add(relPath);
    return inner.length(relPath);
  }

  @Override
  public List<String> list(String relDir) {
    asked.add(relDir);
    return inner.list(relDir);
  }

  @Override
  public String describe(String relPath) {
    return inner.describe(relPath);
  }
}
