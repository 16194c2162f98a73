package org.semcycle.cli;

import com.typesafe.config.Config;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.semcycle.spark.Locations;
import org.semcycle.spark.S3Settings;

/**
 * A command's inputs checked before Spark starts, each failure one line naming the option, the
 * location and what is missing there (what was found instead), so that a mistake never surfaces
 * as a Spark schema error or a driver stack trace. Works on any Hadoop file system the
 * configuration reaches.
 */
final class Preflight {
  private final Configuration conf;

  Preflight(Config c) {
    this.conf = S3Settings.hadoopConf(c).get();
  }

  /** The qualified location; refused when it does not exist. */
  String exists(String location, String option) {
    String q = Locations.qualify(location);
    if (!has(q, new Path(q), option)) {
      throw new IllegalArgumentException(option + " " + location + ": no such file or folder");
    }
    return q;
  }

  /** A folder holding at least one of {@code entries} (files or folders), else an error listing what it holds. */
  String folderWith(String location, String option, String what, String... entries) {
    String q = exists(location, option);
    for (String e : entries) {
      if (has(q, new Path(q, e), option)) {
        return q;
      }
    }
    throw new IllegalArgumentException(option + " " + location + ": no " + String.join(" or ", entries) + " ("
        + what + "); found: " + found(q, option));
  }

  /**
   * A models folder with the cycle's nets for {@code category}: each of sketch, the voxel net's
   * folder, view and embed below {@code DIR/<category>/} or {@code DIR/}.
   */
  String models(String location, String category, String voxelNet, boolean shipped) {
    return models(location, category == null ? List.of() : List.of(category), voxelNet, shipped);
  }

  /** {@link #models(String, String, String, boolean)} for nets of any of {@code categories}. */
  String models(String location, List<String> categories, String voxelNet, boolean shipped) {
    String q = Locations.qualify(location);
    if (!has(q, new Path(q), "--models")) {
      throw new IllegalArgumentException(shipped
          ? "no shipped nets at " + location + " (bin/semcycle train-all makes them); give --models DIR"
          : "--models " + location + ": no such folder");
    }
    for (String net : List.of("sketch", voxelNet, "view", "embed")) {
      boolean here = has(q, new Path(q, net), "--models")
          || categories.stream().anyMatch(cat -> has(q, new Path(new Path(q, cat), net), "--models"));
      if (!here) {
        throw new IllegalArgumentException("--models " + location + ": no " + net + "/ model"
            + (categories.isEmpty() ? "" : " (nor " + String.join("/ or ", categories.stream()
                .map(cat -> cat + "/" + net).toList()) + "/)") + "; found: " + found(q, "--models")
            + " (semcycle train --net " + (net.equals(voxelNet) ? "voxel" : net) + " makes it)");
      }
    }
    return location;
  }

  /** A kpdb output (its keypoints table). */
  void kpdb(String location, String option) {
    folderWith(location, option, "a kpdb output; semcycle kpdb makes one", "keypoints");
  }

  private String found(String q, String option) {
    try {
      List<String> names = new ArrayList<>();
      for (FileStatus st : fs(q, option).listStatus(new Path(q))) {
        names.add(st.getPath().getName() + (st.isDirectory() ? "/" : ""));
      }
      return names.isEmpty() ? "nothing" : String.join(", ", names.stream().sorted().limit(12).toList())
          + (names.size() > 12 ? ", ..." : "");
    } catch (IOException e) {
      return "(cannot list: " + e.getMessage() + ")";
    }
  }

  private FileSystem fs(String location, String option) {
    try {
      return Locations.fileSystem(location, conf);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(option + " " + location + ": cannot open its file system: " + e.getMessage(), e);
    }
  }

  private boolean has(String location, Path p, String option) {
    try {
      return fs(location, option).exists(p);
    } catch (IOException e) {
      throw new IllegalArgumentException(option + " " + location + ": cannot read: " + e.getMessage(), e);
    }
  }
}
