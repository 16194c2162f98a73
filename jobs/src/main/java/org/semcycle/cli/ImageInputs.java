package org.semcycle.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.semcycle.images.ImageSet;
import org.semcycle.images.PlainImages;
import org.semcycle.spark.HadoopDataRoot;
import org.semcycle.spark.Locations;

/**
 * Where infer's images come from: each image set's root and reader by the set's name. Either the
 * evaluation sets of a benchmark output (or one set's root), or plain photos ({@link
 * PlainImages}) given as a folder, a glob, or a CSV or Parquet list.
 */
public record ImageInputs(Map<String, HadoopDataRoot> roots, Map<String, ImageSet> readers) {

  /** The evaluation sets under {@code root}: its pix3d/ spair/ pfpascal/ folders, or {@code root} itself as the one named. */
  public static ImageInputs evaluationSets(SparkSession spark, String root, List<String> datasets) {
    HadoopDataRoot given = Locations.root(spark, root);
    Map<String, HadoopDataRoot> sets = new LinkedHashMap<>();
    List<String> wanted = datasets == null || datasets.isEmpty() ? ImageSet.DATASETS : datasets;
    for (String d : wanted) {
      if (!ImageSet.DATASETS.contains(d)) {
        throw new IllegalArgumentException("unknown data set '" + d + "'; one of " + ImageSet.DATASETS);
      }
      if (!given.list(d).isEmpty()) {
        sets.put(d, Locations.root(spark, Locations.join(root, d)));
      }
    }
    if (sets.isEmpty()) {
      if (datasets == null || datasets.size() != 1) {
        throw new IllegalArgumentException(given.describe("") + ": no " + wanted
            + " folder; give --dataset NAME when --root is one set's root");
      }
      sets.put(datasets.get(0), given);
    }
    Map<String, ImageSet> readers = new LinkedHashMap<>();
    sets.keySet().forEach(d -> readers.put(d, ImageSet.of(d)));
    return new ImageInputs(sets, readers);
  }

  /**
   * Plain photos: a CSV ({@code .csv}) or Parquet ({@code .parquet}) list, a glob (the part
   * before the first folder with a wildcard is the root), or a folder.
   */
  public static ImageInputs photos(SparkSession spark, String path, String category) {
    String lower = path.toLowerCase(Locale.ROOT);
    int wild = firstWildcard(path);
    PlainImages set;
    String root;
    if (lower.endsWith(".csv") || lower.endsWith(".parquet")) {
      int slash = path.lastIndexOf('/');
      root = slash < 0 ? "." : path.substring(0, slash);
      String name = path.substring(slash + 1);
      HadoopDataRoot r = Locations.root(spark, root);
      set = lower.endsWith(".csv")
          ? PlainImages.csv(category, r.readUtf8(name), r.describe(name))
          : PlainImages.rows(category, parquetRows(spark, path), Locations.qualify(path));
    } else if (wild >= 0) {
      int slash = path.lastIndexOf('/', wild);
      root = slash < 0 ? "." : path.substring(0, slash);
      set = PlainImages.matching(category, path.substring(slash + 1));
    } else {
      root = path;
      set = PlainImages.folder(category);
    }
    return new ImageInputs(Map.of(PlainImages.NAME, Locations.root(spark, root)), Map.of(PlainImages.NAME, set));
  }

  private static int firstWildcard(String path) {
    int best = -1;
    for (char ch : new char[] {'*', '?', '[', '{'}) {
      int i = path.indexOf(ch);
      if (i >= 0 && (best < 0 || i < best)) {
        best = i;
      }
    }
    return best;
  }

  /** A Parquet image list's rows: columns path and optionally category, x1, y1, x2, y2, mask. */
  private static List<PlainImages.Row> parquetRows(SparkSession spark, String path) {
    org.apache.spark.sql.Dataset<Row> d = spark.read().parquet(path);
    List<String> cols = Arrays.asList(d.columns());
    if (!cols.contains("path")) {
      throw new IllegalArgumentException("--images " + path + ": no 'path' column (found " + cols + ")");
    }
    boolean boxes = cols.containsAll(List.of("x1", "y1", "x2", "y2"));
    List<PlainImages.Row> out = new ArrayList<>();
    int line = 1;
    for (Row r : d.collectAsList()) {
      double[] box = null;
      if (boxes && !r.isNullAt(r.fieldIndex("x1"))) {
        box = new double[4];
        String[] names = {"x1", "y1", "x2", "y2"};
        for (int i = 0; i < 4; i++) {
          box[i] = ((Number) r.get(r.fieldIndex(names[i]))).doubleValue();
        }
      }
      out.add(new PlainImages.Row(line++, r.getString(r.fieldIndex("path")),
          cols.contains("category") ? r.getString(r.fieldIndex("category")) : null, box,
          cols.contains("mask") ? r.getString(r.fieldIndex("mask")) : null));
    }
    return out;
  }
}
