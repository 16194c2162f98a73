package org.semcycle.spark;

import java.io.IOException;
import java.io.Serializable;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.semcycle.io.DataSink;
import org.semcycle.io.LocalDataSink;
import org.semcycle.io.RelativePaths;

/**
 * Writes files below any Hadoop path. On object stores a file appears only when its stream
 * closes (S3 multipart upload completes), so readers never see half a file; on file:// and
 * HDFS it writes a hidden temporary name and renames it.
 */
public final class HadoopDataSink implements DataSink, Serializable {
  private static final long serialVersionUID = 1L;
  private final String root;
  private final SerializableHadoopConf conf;
  private transient FileSystem fs;
  private transient LocalDataSink local;

  public HadoopDataSink(String root, SerializableHadoopConf conf) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.conf = conf;
  }

  private FileSystem fs() throws IOException {
    if (fs == null) {
      fs = Locations.fileSystem(root, conf.get());
    }
    return fs;
  }

  @Override
  public void write(String relPath, byte[] bytes) throws IOException {
    Path target = new Path(root + "/" + RelativePaths.normalize(relPath, root));
    if ("file".equals(target.toUri().getScheme())) {
      // Hadoop's local file system forks a shell per file to set permissions: 10x slower.
      local().write(RelativePaths.normalize(relPath, root), bytes);
      return;
    }
    boolean objectStore = "s3a".equals(target.toUri().getScheme());
    if (objectStore) {
      try (FSDataOutputStream out = fs().create(target, true)) {
        out.write(bytes);
      }
      return;
    }
    Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
    try (FSDataOutputStream out = fs().create(tmp, true)) {
      out.write(bytes);
    }
    fs().delete(target, false);
    if (!fs().rename(tmp, target)) {
      throw new IOException("cannot rename " + tmp + " to " + target);
    }
  }

  private LocalDataSink local() {
    if (local == null) {
      local = new LocalDataSink(java.nio.file.Path.of(new Path(root).toUri()));
    }
    return local;
  }

  @Override
  public String describe(String relPath) {
    return root + "/" + relPath;
  }
}
