package org.semcycle.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.semcycle.io.DataRoot;
import org.semcycle.io.RelativePaths;

/**
 * A data set below any Hadoop path (file://, hdfs://, s3a://). Serializable, so a task can open
 * files on an executor; the FileSystem is looked up lazily there (Hadoop caches it per JVM).
 */
public final class HadoopDataRoot implements DataRoot, Serializable {
  private static final long serialVersionUID = 1L;
  private final String root;
  private final SerializableHadoopConf conf;
  private transient FileSystem fs;

  public HadoopDataRoot(String root, SerializableHadoopConf conf) {
    this.root = stripSlash(root);
    this.conf = conf;
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") && s.length() > 1 ? s.substring(0, s.length() - 1) : s;
  }

  public String root() {
    return root;
  }

  /** The root of a sub-folder (relative path, no "..") of this root. */
  public HadoopDataRoot under(String relDir) {
    return new HadoopDataRoot(root + "/" + org.semcycle.io.RelativePaths.normalize(relDir, root), conf);
  }

  private FileSystem fs() throws IOException {
    if (fs == null) {
      fs = Locations.fileSystem(root, conf.get());
    }
    return fs;
  }

  Path path(String rel) {
    if (rel == null || rel.isEmpty()) {
      return new Path(root);
    }
    return new Path(root + "/" + RelativePaths.normalize(rel, root));
  }

  @Override
  public InputStream open(String relPath) throws IOException {
    return fs().open(path(relPath));
  }

  @Override
  public boolean exists(String relPath) {
    try {
      return fs().isFile(path(relPath));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat " + describe(relPath), e);
    }
  }

  @Override
  public long length(String relPath) {
    try {
      return fs().getFileStatus(path(relPath)).getLen();
    } catch (FileNotFoundException e) {
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat " + describe(relPath), e);
    }
  }

  @Override
  public List<String> list(String relDir) {
    try {
      Path p = path(relDir);
      if (!fs().exists(p)) {
        return List.of();
      }
      FileStatus[] st = fs().listStatus(p);
      return Arrays.stream(st).map(s -> s.getPath().getName()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + describe(relDir), e);
    }
  }

  @Override
  public String describe(String relPath) {
    return relPath == null || relPath.isEmpty() ? root : root + "/" + relPath;
  }

  @Override
  public String toString() {
    return root;
  }
}
