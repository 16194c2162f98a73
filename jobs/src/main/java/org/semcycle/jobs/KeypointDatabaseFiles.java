package org.semcycle.jobs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.semcycle.embedding.KeypointDatabase;
import org.semcycle.embedding.KeypointRecord;
import org.semcycle.io.DataFormatException;
import org.semcycle.spark.Locations;

/**
 * A kpdb output's keypoints table read with Parquet's own reader, without a Spark session (the
 * {@code predict} command): every {@code .parquet} file below {@code DIR/keypoints} (or DIR), the
 * synset from its {@code synset=...} partition folder, rows in the order {@link
 * KeypointDatabases#read} sorts them.
 */
public final class KeypointDatabaseFiles {
  private KeypointDatabaseFiles() {}

  public static KeypointDatabase read(String kpdb, Configuration conf) {
    String location = Locations.qualify(kpdb);
    List<KeypointRecord> records = new ArrayList<>();
    try {
      FileSystem fs = Locations.fileSystem(location, conf);
      Path dir = new Path(location);
      if (fs.exists(new Path(dir, KpdbJob.TABLE))) {
        dir = new Path(dir, KpdbJob.TABLE);
      }
      if (!fs.exists(dir)) {
        throw new DataFormatException(location, "no such keypoint database (semcycle kpdb makes one)");
      }
      List<Path> files = new ArrayList<>();
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
      while (it.hasNext()) {
        FileStatus st = it.next();
        if (st.getPath().getName().endsWith(".parquet") && !st.getPath().getName().startsWith(".")) {
          files.add(st.getPath());
        }
      }
      if (files.isEmpty()) {
        throw new DataFormatException(location, "no Parquet files: not a kpdb output");
      }
      for (Path f : files) {
        String partition = partitionValue(f, "synset");
        try (ParquetReader<Group> r = ParquetReader.builder(new GroupReadSupport(), f).withConf(conf).build()) {
          for (Group g = r.read(); g != null; g = r.read()) {
            String synset = partition != null ? partition : g.getString("synset", 0);
            records.add(new KeypointRecord(synset, g.getString("model_id", 0),
                g.getInteger("semantic_id", 0), floats(g, "xyz"), floats(g, "embedding")));
          }
        } catch (RuntimeException e) {
          if (e instanceof DataFormatException d) {
            throw d;
          }
          throw new DataFormatException(f.toString(), -1, "not a kpdb keypoints file: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new DataFormatException(location, -1, "cannot read the keypoint database: " + e.getMessage(), e);
    }
    records.sort(Comparator.comparing(KeypointRecord::synset).thenComparing(KeypointRecord::modelId)
        .thenComparingInt(KeypointRecord::semanticId)
        .thenComparing((a, b) -> java.util.Arrays.compare(a.xyz(), b.xyz())));
    return KeypointDatabase.of(records);
  }

  /** The value of a partition column from a {@code column=value} folder of the file's path, or null. */
  private static String partitionValue(Path file, String column) {
    for (Path p = file.getParent(); p != null; p = p.getParent()) {
      if (p.getName().startsWith(column + "=")) {
        return p.getName().substring(column.length() + 1);
      }
    }
    return null;
  }

  /** A list-of-float column in Parquet's three-level list layout (Spark's). */
  private static float[] floats(Group g, String column) {
    Group list = g.getGroup(column, 0);
    int n = list.getFieldRepetitionCount(0);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = list.getGroup(0, i).getFloat(0, 0);
    }
    return out;
  }
}
