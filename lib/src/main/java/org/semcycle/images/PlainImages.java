package org.semcycle.images;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.semcycle.benchmarks.BenchmarkCategory;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.DataRoot;
import org.semcycle.io.ImageLoader;
import org.semcycle.io.RelativePaths;

/**
 * Plain photos, without annotation: every {@code .jpg}, {@code .jpeg} and {@code .png} (any case)
 * below the root, recursively; or those whose path below the root matches a glob; or the rows of
 * a list ({@link Row}: a CSV with a header naming the columns {@code path}, and optionally {@code
 * category}, {@code x1, y1, x2, y2} (the object's box) and {@code mask}; or the same columns read
 * from Parquet by the caller). A row's paths are relative to the list's folder; one that is
 * absolute or climbs out of it is a listing reject, as is a category the vocabulary lacks. Images
 * are decoded upright by their Exif orientation, up to {@link ImageLoader#PHOTO_MAX_PIXELS}. An
 * image's id is its path below the root (unique, extension included).
 *
 * @param category the category of every image without its own (null: each row must name one)
 * @param glob a glob over paths below the root ({@code **}/*.jpg), or null for every image
 * @param rows the list's rows, or null to walk the folder
 * @param source the list file, for messages (null when walking)
 */
public record PlainImages(String category, String glob, List<Row> rows, String source) implements ImageSet {
  /** The data set name of plain photos in the tables. */
  public static final String NAME = "images";

  /** File name endings taken when walking a folder (compared in lower case). */
  public static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png");

  /**
   * One row of an image list.
   *
   * @param line the row's line (for messages)
   * @param path the image, relative to the list's folder
   * @param category null for the list's default
   * @param box [x1, y1, x2, y2] or null
   * @param mask a mask of the object, relative to the list's folder, or null
   */
  public record Row(int line, String path, String category, double[] box, String mask) implements java.io.Serializable {}

  /** Every image below the root. */
  public static PlainImages folder(String category) {
    return new PlainImages(category, null, null, null);
  }

  /** The images below the root whose path matches {@code glob}. */
  public static PlainImages matching(String category, String glob) {
    return new PlainImages(category, glob, null, null);
  }

  /** The rows of a CSV list (its text; {@code source} names it in messages). */
  public static PlainImages csv(String category, String text, String source) {
    List<Row> rows = new ArrayList<>();
    CSVFormat f = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
        .setIgnoreEmptyLines(true).get();
    try (CSVParser p = CSVParser.parse(new StringReader(text), f)) {
      List<String> names = p.getHeaderNames();
      if (!names.contains("path")) {
        throw new DataFormatException(source, 1, "the header needs a 'path' column, found " + names);
      }
      boolean boxes = names.containsAll(List.of("x1", "y1", "x2", "y2"));
      for (CSVRecord r : p) {
        int line = (int) r.getRecordNumber() + 1;
        double[] box = null;
        if (boxes && !r.get("x1").isEmpty()) {
          box = new double[4];
          String[] cols = {"x1", "y1", "x2", "y2"};
          for (int i = 0; i < 4; i++) {
            try {
              box[i] = Double.parseDouble(r.get(cols[i]));
            } catch (NumberFormatException e) {
              throw new DataFormatException(source, line, cols[i] + " is not a number: '" + r.get(cols[i]) + "'");
            }
          }
        }
        rows.add(new Row(line, r.get("path"), names.contains("category") && !r.get("category").isEmpty()
            ? r.get("category") : null, box, names.contains("mask") && !r.get("mask").isEmpty() ? r.get("mask") : null));
      }
    } catch (IOException | IllegalStateException | IllegalArgumentException e) {
      throw new DataFormatException(source, -1, "not a CSV image list: " + e.getMessage(), e);
    }
    return new PlainImages(category, null, rows, source);
  }

  /** The given rows (e.g. read from Parquet). */
  public static PlainImages rows(String category, List<Row> rows, String source) {
    return new PlainImages(category, null, List.copyOf(rows), source);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Listing list(DataRoot root, List<BenchmarkCategory> cats) {
    List<ImageTask> tasks = new ArrayList<>();
    Map<String, String> rejects = new LinkedHashMap<>();
    if (rows == null) {
      PathMatcher m = glob == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + glob);
      for (String rel : walk(root, "")) {
        if (m == null ? isImage(rel) : m.matches(Path.of(rel))) {
          add(tasks, rejects, cats, rel, category, null, null, root.describe(rel));
        }
      }
    } else {
      for (Row r : rows) {
        String where = source + ":" + r.line();
        try {
          String path = RelativePaths.normalize(r.path(), where);
          String mask = r.mask() == null ? null : RelativePaths.normalize(r.mask(), where);
          add(tasks, rejects, cats, path, r.category() != null ? r.category() : category, r.box(), mask, where);
        } catch (DataFormatException e) {
          rejects.put(key(r.category() != null ? r.category() : category, r.path()), e.getMessage());
        }
      }
    }
    return new Listing(tasks, rejects);
  }

  private void add(List<ImageTask> tasks, Map<String, String> rejects, List<BenchmarkCategory> cats, String path,
      String cat, double[] box, String mask, String where) {
    BenchmarkCategory c = ImageSet.find(cats, cat, BenchmarkCategory::name);
    if (c == null) {
      rejects.put(key(cat, path), where + ": " + (cat == null ? "no category (give --category or a category column)"
          : "category '" + cat + "' is not in the keypoint vocabulary"));
      return;
    }
    tasks.add(new ImageTask(NAME, c.name(), c.synset(), path, path, box, null, 0, mask));
  }

  private static String key(String cat, String path) {
    return (cat == null ? "?" : cat) + "/" + path;
  }

  /** Every file below {@code dir} (relative paths, sorted), skipping hidden entries. */
  private static List<String> walk(DataRoot root, String dir) {
    List<String> out = new ArrayList<>();
    for (String name : root.list(dir)) {
      if (name.startsWith(".") || name.startsWith("_")) {
        continue;
      }
      String rel = dir.isEmpty() ? name : dir + "/" + name;
      if (root.exists(rel)) {
        out.add(rel);
      } else {
        out.addAll(walk(root, rel));
      }
    }
    return out;
  }

  static boolean isImage(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(p::endsWith);
  }

  @Override
  public ImageLoader.Policy loading(long maxPixels) {
    return ImageLoader.Policy.PHOTO;
  }
}
