package org.semcycle.datasets.keypointnet;

import java.util.Arrays;
import java.util.List;
import org.semcycle.datasets.parse.StrictNumbers;
import org.semcycle.datasets.parse.TextLines;
import org.semcycle.datasets.parse.Tokens;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.DataRoot;

/**
 * Reads an ASCII PCD v0.7 file (KeypointNet's {@code pcds/<synset>/<model>.pcd}). Header lines
 * VERSION FIELDS SIZE TYPE COUNT WIDTH HEIGHT VIEWPOINT POINTS DATA ({@code #} comments allowed),
 * DATA must be {@code ascii}. FIELDS must hold x, y and z; rgb is optional (black when absent)
 * and other fields are skipped. The colour is taken as an integer {@code 0xRRGGBB} (TYPE U or I,
 * or an integer token under TYPE F, as KeypointNet writes it), or as PCL's float-packed form (a
 * float whose bit pattern holds the colour; recognised as a float token smaller than 1e-30).
 * Blank data lines are skipped. Errors with file and line: unknown header keys, header counts
 * that disagree, a point line with the wrong number of values, a value that is not a finite
 * number, and more or fewer point lines than POINTS says.
 */
public final class PcdReader {
  private PcdReader() {}

  public static PointCloud read(DataRoot root, String relPath) {
    return parse(root.readUtf8(relPath), root.describe(relPath));
  }

  public static PointCloud parse(String text, String source) {
    TextLines lines = new TextLines(text);
    PcdHeader h = PcdHeader.parse(lines, source);
    int n = h.points();
    float[] xyz = new float[3 * n];
    int[] rgb = new int[n];
    int read = 0;
    while (lines.next()) {
      List<String> t = Tokens.split(lines.line());
      if (t.isEmpty()) {
        continue;
      }
      int line = lines.number();
      if (read == n) {
        throw new DataFormatException(source, line, "more point lines than POINTS " + n + " in the header");
      }
      if (t.size() != h.valuesPerPoint()) {
        throw new DataFormatException(source, line, "point line has " + t.size() + " values, FIELDS/COUNT need "
            + h.valuesPerPoint() + (lines.lastWithoutNewline() ? " (file looks truncated)" : ""));
      }
      for (int a = 0; a < 3; a++) {
        xyz[3 * read + a] = (float) StrictNumbers.parseFinite(t.get(h.column(a)), source, line,
            "coordinate " + "xyz".charAt(a));
      }
      if (h.rgbColumn() >= 0) {
        rgb[read] = colour(t.get(h.rgbColumn()), h.rgbType(), source, line);
      }
      read++;
    }
    if (read < n) {
      throw new DataFormatException(source, Math.max(lines.number(), 1),
          "truncated: the file ends after " + read + " point lines, the header says POINTS " + n);
    }
    return new PointCloud(xyz, rgb);
  }

  private static int colour(String tok, char type, String source, int line) {
    if (StrictNumbers.isInteger(tok)) {
      try {
        return (int) (Long.parseLong(tok.startsWith("+") ? tok.substring(1) : tok) & 0xffffff);
      } catch (NumberFormatException e) {
        throw new DataFormatException(source, line, "rgb out of range: '" + tok + "'");
      }
    }
    if (type != 'F') {
      throw new DataFormatException(source, line, "rgb of TYPE " + type + " is not an integer: '" + tok + "'");
    }
    double v = StrictNumbers.parseFinite(tok, source, line, "rgb");
    if (Math.abs(v) < 1e-30) {
      return Float.floatToRawIntBits(Float.parseFloat(tok)) & 0xffffff;
    }
    if (v == Math.rint(v) && v >= 0 && v < 4294967296.0) {
      return (int) ((long) v & 0xffffff);
    }
    throw new DataFormatException(source, line, "rgb is neither a packed integer nor a packed float: '" + tok + "'");
  }

  /** The parsed header: where x, y, z and rgb sit on a point line. */
  record PcdHeader(int points, int valuesPerPoint, int[] xyzColumns, int rgbColumn, char rgbType) {
    int column(int axis) {
      return xyzColumns[axis];
    }

    static PcdHeader parse(TextLines lines, String source) {
      String[] fields = null;
      String[] type = null;
      int[] count = null;
      int width = -1;
      int height = -1;
      int points = -1;
      int sizeCount = -1;
      while (lines.next()) {
        String raw = lines.line();
        int hash = raw.indexOf('#');
        List<String> t = Tokens.split(hash >= 0 ? raw.substring(0, hash) : raw);
        if (t.isEmpty()) {
          continue;
        }
        int line = lines.number();
        List<String> args = t.subList(1, t.size());
        switch (t.get(0)) {
          case "VERSION", "VIEWPOINT" -> { }
          case "FIELDS" -> fields = args.toArray(String[]::new);
          case "SIZE" -> sizeCount = args.size();
          case "TYPE" -> type = args.toArray(String[]::new);
          case "COUNT" -> count = args.stream()
              .mapToInt(a -> positive(a, source, line, "COUNT")).toArray();
          case "WIDTH" -> width = single(args, source, line, "WIDTH");
          case "HEIGHT" -> height = single(args, source, line, "HEIGHT");
          case "POINTS" -> points = single(args, source, line, "POINTS");
          case "DATA" -> {
            if (args.size() != 1 || !args.get(0).equals("ascii")) {
              throw new DataFormatException(source, line, "only DATA ascii is supported, found '"
                  + String.join(" ", args) + "'");
            }
            return build(fields, type, count, sizeCount, width, height, points, source, line);
          }
          default -> throw new DataFormatException(source, line, "unknown PCD header line '" + t.get(0) + "'");
        }
      }
      throw new DataFormatException(source, Math.max(lines.number(), 1), "PCD header without a DATA line");
    }

    private static PcdHeader build(String[] fields, String[] type, int[] count, int sizeCount,
        int width, int height, int points, String source, int line) {
      if (fields == null) {
        throw new DataFormatException(source, line, "PCD header lacks FIELDS");
      }
      int nf = fields.length;
      if (count == null) {
        count = new int[nf];
        Arrays.fill(count, 1);
      }
      if (count.length != nf || (type != null && type.length != nf) || (sizeCount >= 0 && sizeCount != nf)) {
        throw new DataFormatException(source, line, "SIZE/TYPE/COUNT do not match the " + nf + " FIELDS");
      }
      if (points < 0) {
        if (width < 0) {
          throw new DataFormatException(source, line, "PCD header lacks POINTS");
        }
        points = width * Math.max(height, 1);
      } else if (width >= 0 && (long) width * Math.max(height, 1) != points) {
        throw new DataFormatException(source, line,
            "WIDTH " + width + " x HEIGHT " + height + " disagrees with POINTS " + points);
      }
      int[] xyz = {-1, -1, -1};
      int rgb = -1;
      char rgbType = 'U';
      int col = 0;
      for (int i = 0; i < nf; i++) {
        int axis = "xyz".indexOf(fields[i]);
        if (fields[i].length() == 1 && axis >= 0) {
          xyz[axis] = col;
        } else if (fields[i].equals("rgb") || fields[i].equals("rgba")) {
          rgb = col;
          rgbType = type == null ? 'U' : type[i].charAt(0);
        }
        col += count[i];
      }
      if (xyz[0] < 0 || xyz[1] < 0 || xyz[2] < 0) {
        throw new DataFormatException(source, line, "FIELDS lacks one of x y z: " + String.join(" ", fields));
      }
      return new PcdHeader(points, col, xyz, rgb, rgbType);
    }

    private static int single(List<String> args, String source, int line, String key) {
      if (args.size() != 1) {
        throw new DataFormatException(source, line, key + " needs one value, found " + args.size());
      }
      int v = StrictNumbers.parseInt(args.get(0), source, line, key);
      if (v < 0) {
        throw new DataFormatException(source, line, key + " is negative: " + v);
      }
      return v;
    }

    private static int positive(String a, String source, int line, String key) {
      int v = StrictNumbers.parseInt(a, source, line, key);
      if (v < 1) {
        throw new DataFormatException(source, line, key + " values must be at least 1, found " + v);
      }
      return v;
    }
  }
}
