package org.semcycle.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.semcycle.io.LocalDataRoot;

/** Writes fixture files below a temporary folder and opens it as a data root. */
public final class TestFiles {
  private final Path dir;

  public TestFiles(Path dir) {
    this.dir = dir;
  }

  /** Writes UTF-8 text at a relative path; returns this for chaining. */
  public TestFiles put(String rel, String text) {
    return put(rel, text.getBytes(StandardCharsets.UTF_8));
  }

  public TestFiles put(String rel, byte[] bytes) {
    try {
      Path p = dir.resolve(rel);
      Files.createDirectories(p.getParent());
      Files.write(p, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public LocalDataRoot root() {
    return new LocalDataRoot(dir);
  }
}
