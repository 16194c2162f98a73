package org.semcycle.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A job's output folder, written atomically and resumable shard by shard.
 *
 * <p><b>Atomic writes.</b> A run never writes below the final tables: it writes every table into
 * a staging folder beside them, {@code OUT/_staging-<run id>/<table>}, and publishes them only
 * after the whole computation succeeded, by renames ({@link #commit}, {@link #replace}). A job
 * that dies while computing leaves only its staging folder, which the next run on the same
 * output removes; a reader of {@code OUT/<table>} never sees a half-written file or a table
 * with part of a shard. The commit is redo-logged: before the first rename the run writes the
 * list of its renames to {@code _staging-<id>/_COMMITTING}; a run that finds such a log (its
 * predecessor died while committing) first finishes those renames (each step can be repeated),
 * so all tables of one run are published together or the next run completes them. On HDFS and
 * local file systems a rename is atomic and costs no copy; on S3 it is a copy and a delete per
 * file (see README, "On a cluster"). One job at a time per output folder.
 *
 * <p><b>Modes.</b> {@link OutputMode#OVERWRITE}: {@link #commit} replaces each table whole (the
 * old one is moved aside, the staged one renamed into place, the old one deleted).
 * {@link OutputMode#RESUME}: the job asks for the shards already done ({@link #doneKeys}),
 * computes only the others, and {@link #commit} moves the staged part files into the existing
 * tables. Each of a job's shards (a model) is computed by one task and so lands in one part file
 * per table partition, so at every instant a table holds whole shards only. Derived entries
 * (summaries, previews, index files) are rebuilt from the final tables and published with
 * {@link #replace} in both modes.
 */
public final class ShardedOutput implements AutoCloseable {
  static final String STAGING_PREFIX = "_staging-";
  static final String COMMIT_LOG = "_COMMITTING";

  private final SparkSession spark;
  private final String out;
  private final OutputMode mode;
  private final FileSystem fs;
  private final Path staging;

  private ShardedOutput(SparkSession spark, String out, OutputMode mode, FileSystem fs, Path staging) {
    this.spark = spark;
    this.out = out;
    this.mode = mode;
    this.fs = fs;
    this.staging = staging;
  }

  /**
   * Opens (creates) the output folder {@code location}: finishes the commit of a run that died
   * while committing, removes staging folders of runs that died while computing, and makes this
   * run's staging folder.
   */
  public static ShardedOutput open(SparkSession spark, String location, OutputMode mode) {
    String out = Locations.qualify(location);
    try {
      FileSystem fs = Locations.fileSystem(out, spark.sparkContext().hadoopConfiguration());
      Path root = new Path(out);
      fs.mkdirs(root);
      recover(fs, root);
      Path staging = new Path(root, STAGING_PREFIX + UUID.randomUUID());
      fs.mkdirs(staging);
      return new ShardedOutput(spark, out, mode, fs, staging);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the output folder " + out, e);
    }
  }

  /**
   * Finishes interrupted commits and deletes abandoned staging folders below {@code root}.
   *
   * @return how many interrupted commits were completed
   */
  static int recover(FileSystem fs, Path root) throws IOException {
    int rolled = 0;
    for (FileStatus st : fs.listStatus(root)) {
      if (st.isDirectory() && st.getPath().getName().startsWith(STAGING_PREFIX)) {
        Path log = new Path(st.getPath(), COMMIT_LOG);
        if (fs.exists(log)) {
          System.err.println("output: finishing the interrupted commit of " + st.getPath());
          rollForward(fs, root, st.getPath(), readLog(fs, log));
          rolled++;
        }
        fs.delete(st.getPath(), true);
      }
    }
    return rolled;
  }

  public OutputMode mode() {
    return mode;
  }

  /** The output folder, qualified. */
  public String location() {
    return out;
  }

  /** Where this run writes table or file {@code name} before it is published. */
  public String staged(String name) {
    return stagingFolder() + "/" + name;
  }

  /** This run's staging folder (for jobs that write a whole tree into it). */
  public String stagingFolder() {
    return out + "/" + staging.getName();
  }

  /** Names of the entries staged so far (sorted; without markers starting with _ or .). */
  public List<String> stagedEntries() {
    try {
      List<String> names = new ArrayList<>();
      for (FileStatus st : fs.listStatus(staging)) {
        String n = st.getPath().getName();
        if (!n.startsWith("_") && !n.startsWith(".")) {
          names.add(n);
        }
      }
      names.sort(null);
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + staging, e);
    }
  }

  /** The published location of table or file {@code name}. */
  public String published(String name) {
    return out + "/" + name;
  }

  /** True when {@code name} is published (a folder or a file). */
  public boolean exists(String name) {
    try {
      return fs.exists(new Path(published(name)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat " + published(name), e);
    }
  }

  /**
   * In {@link OutputMode#RESUME}: the shard keys (the key columns' values joined with '/') of the
   * rows already in published Parquet table {@code table}; empty when overwriting or when the
   * table does not exist.
   */
  public Set<String> doneKeys(String table, String... keyColumns) {
    Set<String> keys = new HashSet<>();
    if (mode != OutputMode.RESUME || !exists(table)) {
      return keys;
    }
    String expr = "concat_ws('/', " + String.join(", ", keyColumns) + ") as k";
    for (Row r : spark.read().parquet(published(table)).selectExpr(expr).distinct().collectAsList()) {
      keys.add(r.getString(0));
    }
    return keys;
  }

  /** The shard key of values as {@link #doneKeys} builds it. */
  public static String key(String... values) {
    StringBuilder b = new StringBuilder();
    for (String v : values) {
      if (v != null) {
        b.append(b.length() > 0 ? "/" : "").append(v);
      }
    }
    return b.toString();
  }

  /**
   * Publishes the staged sharded tables: replaces them ({@link OutputMode#OVERWRITE}) or adds
   * their part files to the published ones ({@link OutputMode#RESUME}). Names not staged are
   * skipped.
   */
  public void commit(String... tables) {
    Map<String, String> actions = new LinkedHashMap<>();
    for (String t : tables) {
      actions.put(t, mode == OutputMode.RESUME ? "append" : "replace");
    }
    run(actions);
  }

  /** Publishes staged tables or files that replace the published ones whole, in both modes. */
  public void replace(String... entries) {
    Map<String, String> actions = new LinkedHashMap<>();
    for (String e : entries) {
      actions.put(e, "replace");
    }
    run(actions);
  }

  private void run(Map<String, String> actions) {
    Path log = new Path(staging, COMMIT_LOG);
    try {
      StringBuilder b = new StringBuilder();
      actions.forEach((name, action) -> b.append(action).append(' ').append(name).append('\n'));
      Path tmp = new Path(staging, "." + COMMIT_LOG + ".tmp");
      try (FSDataOutputStream o = fs.create(tmp, true)) {
        o.write(b.toString().getBytes(StandardCharsets.UTF_8));
      }
      if (!fs.rename(tmp, log)) {
        throw new IOException("cannot rename " + tmp + " to " + log);
      }
      rollForward(fs, new Path(out), staging, actions);
      fs.delete(log, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish " + actions.keySet() + " in " + out
          + " (the next run on this output finishes the commit)", e);
    }
  }

  /** Removes this run's staging folder (whatever was not published). */
  @Override
  public void close() {
    try {
      fs.delete(staging, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + staging, e);
    }
  }

  private static Map<String, String> readLog(FileSystem fs, Path log) throws IOException {
    Map<String, String> actions = new LinkedHashMap<>();
    String text;
    try (var in = fs.open(log)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        int sp = line.indexOf(' ');
        actions.put(line.substring(sp + 1), line.substring(0, sp));
      }
    }
    return actions;
  }

  /** Executes (or finishes) the renames of a commit; every step can run again after a crash. */
  static void rollForward(FileSystem fs, Path root, Path staging, Map<String, String> actions) throws IOException {
    for (Map.Entry<String, String> a : actions.entrySet()) {
      Path src = new Path(staging, a.getKey());
      Path dst = new Path(root, a.getKey());
      if (!fs.exists(src)) {
        continue; // done before the crash, or not staged
      }
      if (a.getValue().equals("append") && fs.exists(dst)) {
        for (Path f : dataFiles(fs, src)) {
          Path target = new Path(dst, relative(src, f));
          fs.mkdirs(target.getParent());
          if (!fs.rename(f, target)) {
            throw new IOException("cannot move " + f + " to " + target);
          }
        }
        fs.delete(src, true);
      } else {
        Path old = new Path(staging, "_old-" + a.getKey());
        if (fs.exists(dst) && !fs.rename(dst, old)) {
          throw new IOException("cannot move " + dst + " aside to " + old);
        }
        fs.mkdirs(dst.getParent());
        if (!fs.rename(src, dst)) {
          throw new IOException("cannot rename " + src + " to " + dst);
        }
        fs.delete(old, true);
      }
    }
  }

  /** Files below a table folder, without Spark's and Hadoop's markers (names starting _ or .). */
  static List<Path> dataFiles(FileSystem fs, Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    for (FileStatus st : fs.listStatus(dir)) {
      String n = st.getPath().getName();
      if (n.startsWith("_") || n.startsWith(".")) {
        continue;
      }
      if (st.isDirectory()) {
        files.addAll(dataFiles(fs, st.getPath()));
      } else {
        files.add(st.getPath());
      }
    }
    return files;
  }

  private static String relative(Path base, Path file) {
    String b = base.toUri().getPath();
    String f = file.toUri().getPath();
    return f.substring(b.length() + 1);
  }
}
