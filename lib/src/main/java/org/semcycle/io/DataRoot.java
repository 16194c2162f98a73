package org.semcycle.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The root folder of a data set, read through relative paths only. Implementations: {@link
 * LocalDataRoot} here; the jobs module adds one over Hadoop file systems (hdfs://, s3a://).
 * Every relative path goes through {@link RelativePaths#normalize} first, so nothing outside the
 * root can be opened.
 */
public interface DataRoot {

  /** Opens a file below the root. The caller closes the stream. */
  InputStream open(String relPath) throws IOException;

  /** True when a regular file exists at the relative path. */
  boolean exists(String relPath);

  /** Length in bytes of the file, or -1 when it does not exist. */
  long length(String relPath);

  /** Names (not paths) of the entries of a folder below the root, sorted; empty if absent. */
  List<String> list(String relDir);

  /** The full location of a relative path, for messages (e.g. "s3a://bucket/x/y.obj"). */
  String describe(String relPath);

  /** Reads a whole file; refuses files larger than {@code maxBytes}. */
  default byte[] readBytes(String relPath, long maxBytes) {
    long len = length(relPath);
    if (len < 0) {
      throw new DataFormatException(describe(relPath), "file not found");
    }
    if (len > maxBytes) {
      throw new DataFormatException(
          describe(relPath), "file is " + len + " bytes, more than the limit of " + maxBytes);
    }
    try (InputStream in = open(relPath)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + describe(relPath), e);
    }
  }

  /** Reads a whole text file as strict UTF-8; malformed bytes raise a DataFormatException. */
  default String readUtf8(String relPath, long maxBytes) {
    return Texts.decodeUtf8(readBytes(relPath, maxBytes), describe(relPath));
  }

  /** Default limit for annotation and mesh files read whole (256 MiB). */
  long DEFAULT_MAX_BYTES = 256L << 20;

  /** Convenience for {@code readUtf8(relPath, DEFAULT_MAX_BYTES)}. */
  default String readUtf8(String relPath) {
    return readUtf8(relPath, DEFAULT_MAX_BYTES);
  }

  /** Convenience: UTF-8 bytes of a string. */
  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
