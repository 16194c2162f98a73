package org.semcycle.datasets.pfpascal;

import java.util.ArrayList;
import java.util.List;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.DataRoot;
import org.semcycle.io.RelativePaths;

/**
 * PF-PASCAL's pair CSVs. Test: header {@code source_image,target_image,class,XA,YA,XB,YB}, the
 * X/Y columns {@code ;}-separated numbers of the keypoints valid in both images; train/val:
 * {@code source_image,target_image,class,flip}. {@code class} is 1..20 in VOC order.
 *
 * <p><b>Pixel conversion at this boundary</b>: the CSV holds MATLAB's 1-based coordinates;
 * reading subtracts 1, writing adds 1.
 *
 * <p>No CSV library is on the classpath; the fields never contain commas or quotes, so each line
 * is split on ',' (keeping empty fields) and quoted fields are refused. Image paths are
 * normalised with {@link RelativePaths}. Any malformed line (wrong column count, non-numeric
 * value, XA/YA/XB/YB counts that differ, class outside 1..20) is an error naming the file and
 * the line.
 */
public final class PfPascalCsv {
  private PfPascalCsv() {}

  /** The two CSV kinds. */
  public enum Kind {
    /** {@code source_image,target_image,class,XA,YA,XB,YB} */
    TEST("source_image,target_image,class,XA,YA,XB,YB"),
    /** {@code source_image,target_image,class,flip} */
    TRAIN("source_image,target_image,class,flip");

    private final String header;

    Kind(String header) {
      this.header = header;
    }

    public String header() {
      return header;
    }
  }

  /** A parsed pair and its 0-based data row (header not counted). */
  public record Entry(int row, PfPascalPair pair) {}

  /** The pairs that parse, and one error (naming file and line) per line that does not. */
  public record Index(List<Entry> pairs, List<DataFormatException> rejects) {}

  /** Parses a pair CSV of either kind (told apart by its header); any bad line fails it. */
  public static List<PfPascalPair> parse(String text, String source) {
    Index index = parseEach(text, source);
    if (!index.rejects().isEmpty()) {
      throw index.rejects().get(0);
    }
    List<PfPascalPair> out = new ArrayList<>();
    for (Entry e : index.pairs()) {
      out.add(e.pair());
    }
    return out;
  }

  /**
   * Parses a pair CSV line by line: a bad line becomes a reject and the others are kept (a bad
   * header or an empty file still fails the whole file).
   */
  public static Index parseEach(String text, String source) {
    String[] lines = text.split("\r?\n", -1);
    if (lines.length == 0 || lines[0].isBlank()) {
      throw new DataFormatException(source, 1, "empty CSV, expected a header");
    }
    String header = lines[0].strip();
    Kind kind;
    if (header.equals(Kind.TEST.header())) {
      kind = Kind.TEST;
    } else if (header.equals(Kind.TRAIN.header())) {
      kind = Kind.TRAIN;
    } else {
      throw new DataFormatException(
          source, 1, "unknown header '" + header + "', expected '" + Kind.TEST.header()
              + "' or '" + Kind.TRAIN.header() + "'");
    }
    int cols = kind == Kind.TEST ? 7 : 4;
    List<Entry> out = new ArrayList<>();
    List<DataFormatException> rejects = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int line = i + 1;
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        out.add(new Entry(i - 1, parseLine(lines[i], kind, cols, source, line)));
      } catch (DataFormatException e) {
        rejects.add(e);
      }
    }
    return new Index(out, rejects);
  }

  private static PfPascalPair parseLine(String text, Kind kind, int cols, String source, int line) {
      if (text.indexOf('"') >= 0) {
        throw new DataFormatException(source, line, "quoted fields are not supported");
      }
      String[] f = text.split(",", -1);
      if (f.length != cols) {
        throw new DataFormatException(
            source, line, "expected " + cols + " columns, found " + f.length);
      }
      String src = path(f[0], source, line);
      String trg = path(f[1], source, line);
      int cls = integer(f[2], "class", source, line);
      if (cls < 1 || cls > 20) {
        throw new DataFormatException(source, line, "class must be 1..20 (VOC order), found " + cls);
      }
      if (kind == Kind.TRAIN) {
        int flip = integer(f[3], "flip", source, line);
        if (flip != 0 && flip != 1) {
          throw new DataFormatException(source, line, "flip must be 0 or 1, found " + flip);
        }
        return PfPascalPair.train(src, trg, cls, flip);
      } else {
        double[] xa = numbers(f[3], "XA", source, line);
        double[] ya = numbers(f[4], "YA", source, line);
        double[] xb = numbers(f[5], "XB", source, line);
        double[] yb = numbers(f[6], "YB", source, line);
        if (ya.length != xa.length || xb.length != xa.length || yb.length != xa.length) {
          throw new DataFormatException(
              source, line, "XA, YA, XB, YB hold " + xa.length + ", " + ya.length + ", "
                  + xb.length + ", " + yb.length + " values; they must be equal");
        }
        double[][] a = new double[xa.length][];
        double[][] b = new double[xa.length][];
        for (int k = 0; k < xa.length; k++) {
          a[k] = new double[] {xa[k] - 1, ya[k] - 1}; // 1-based -> 0-based
          b[k] = new double[] {xb[k] - 1, yb[k] - 1};
        }
        return PfPascalPair.test(src, trg, cls, a, b);
      }
  }

  /** CSV bytes of pairs; TEST needs keypoints on every pair (written 1-based). */
  public static byte[] toBytes(List<PfPascalPair> pairs, Kind kind) {
    StringBuilder sb = new StringBuilder(kind.header()).append('\n');
    for (PfPascalPair p : pairs) {
      checkField(p.sourceImage());
      checkField(p.targetImage());
      sb.append(p.sourceImage()).append(',').append(p.targetImage()).append(',')
          .append(p.classId()).append(',');
      if (kind == Kind.TRAIN) {
        sb.append(p.flip());
      } else {
        if (!p.hasKeypoints()) {
          throw new IllegalArgumentException("test CSV rows need keypoints");
        }
        double[][] a = p.sourceKps();
        double[][] b = p.targetKps();
        joinColumn(sb, a, 0).append(',');
        joinColumn(sb, a, 1).append(',');
        joinColumn(sb, b, 0).append(',');
        joinColumn(sb, b, 1);
      }
      sb.append('\n');
    }
    return DataRoot.utf8(sb.toString());
  }

  private static StringBuilder joinColumn(StringBuilder sb, double[][] pts, int c) {
    for (int k = 0; k < pts.length; k++) {
      double v = pts[k][c] + 1; // 0-based -> 1-based
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("CSV keypoints must be visible (finite)");
      }
      if (k > 0) {
        sb.append(';');
      }
      if (v == Math.rint(v) && Math.abs(v) < 1e15) {
        sb.append((long) v);
      } else {
        sb.append(v);
      }
    }
    return sb;
  }

  private static void checkField(String s) {
    if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("CSV field cannot hold ',', '\"' or a newline: " + s);
    }
  }

  private static String path(String s, String source, int line) {
    try {
      return RelativePaths.normalize(s.strip(), "");
    } catch (DataFormatException e) {
      throw new DataFormatException(source, line, e.problem());
    }
  }

  private static int integer(String s, String col, String source, int line) {
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      throw new DataFormatException(source, line, col + " is not an integer: '" + s + "'");
    }
  }

  private static double[] numbers(String s, String col, String source, int line) {
    String t = s.strip();
    if (t.isEmpty()) {
      return new double[0];
    }
    String[] parts = t.split(";", -1);
    double[] out = new double[parts.length];
    for (int k = 0; k < parts.length; k++) {
      try {
        out[k] = Double.parseDouble(parts[k].strip());
      } catch (NumberFormatException e) {
        throw new DataFormatException(
            source, line, col + " value " + (k + 1) + " is not a number: '" + parts[k] + "'");
      }
      if (!Double.isFinite(out[k])) {
        throw new DataFormatException(
            source, line, col + " value " + (k + 1) + " is not finite: '" + parts[k] + "'");
      }
    }
    return out;
  }
}
