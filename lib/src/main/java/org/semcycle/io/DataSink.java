package org.semcycle.io;

import java.io.IOException;

/**
 * Where a writer puts files, by relative path. The local implementation is {@link
 * LocalDataSink}; the jobs module adds one over Hadoop file systems. Writers produce bytes and
 * hand them over whole, so the same writer serves local disks, HDFS and S3.
 */
public interface DataSink {

  /** Writes (or replaces) a file below the sink's root, creating folders as needed. */
  void write(String relPath, byte[] bytes) throws IOException;

  /** The full location of a relative path, for messages. */
  String describe(String relPath);

  /** A view of this sink whose paths are relative to the sub-folder {@code dir}. */
  default DataSink under(String dir) {
    DataSink parent = this;
    String prefix = RelativePaths.normalize(dir, describe(""));
    return new DataSink() {
      @Override
      public void write(String relPath, byte[] bytes) throws IOException {
        parent.write(prefix + "/" + relPath, bytes);
      }

      @Override
      public String describe(String relPath) {
        return parent.describe(prefix + "/" + relPath);
      }
    };
  }
}
