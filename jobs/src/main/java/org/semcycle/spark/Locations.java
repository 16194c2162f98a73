package org.semcycle.spark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;

/** Turns command-line locations into Hadoop URIs and opens their file systems. */
public final class Locations {
  private Locations() {}

  /** A location with a scheme stays as it is; a plain path becomes an absolute file:// URI. */
  public static String qualify(String location) {
    if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    }
    URI u = Path.of(location).toAbsolutePath().normalize().toUri();
    String s = u.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** The file system of a location; local ones write no .crc side files. */
  public static FileSystem fileSystem(String location, Configuration conf) throws IOException {
    FileSystem fs = new org.apache.hadoop.fs.Path(location).getFileSystem(conf);
    fs.setWriteChecksum(false);
    fs.setVerifyChecksum(false);
    return fs;
  }

  public static SerializableHadoopConf hadoopConf(SparkSession s) {
    return new SerializableHadoopConf(new Configuration(s.sparkContext().hadoopConfiguration()));
  }

  public static HadoopDataRoot root(SparkSession s, String location) {
    return new HadoopDataRoot(qualify(location), hadoopConf(s));
  }

  public static HadoopDataSink sink(SparkSession s, String location) {
    return new HadoopDataSink(qualify(location), hadoopConf(s));
  }

  /** Joins a qualified location and a relative path. */
  public static String join(String location, String rel) {
    return qualify(location) + "/" + rel;
  }
}
