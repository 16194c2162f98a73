package org.semcycle.datasets.spair;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semcycle.io.DataFormatException;

/**
 * SPair-71k's pair name {@code <6-digit id>-<src imgid>-<trg imgid>:<category>}, e.g. {@code
 * 000001-2008_006167-2010_001152:aeroplane}. Image ids and categories are restricted to letters,
 * digits and '_' so that a name used as a path component can never climb out of the root.
 *
 * @param id pair number, 0 or more (formatted with at least 6 digits)
 * @param srcImageId source image id (file name without {@code .jpg})
 * @param trgImageId target image id
 * @param category e.g. {@code aeroplane}
 */
public record SpairPairName(int id, String srcImageId, String trgImageId, String category) {
  private static final Pattern NAME = Pattern.compile("([0-9]{6,9})-(\\w+)-(\\w+):(\\w+)");
  private static final Pattern ID = Pattern.compile("\\w+");

  public SpairPairName {
    if (id < 0) {
      throw new IllegalArgumentException("pair id must be >= 0");
    }
    checkId(srcImageId, "source image id");
    checkId(trgImageId, "target image id");
    checkId(category, "category");
  }

  /** Parses a pair name; {@code source} (file and line) names it in errors. */
  public static SpairPairName parse(String name, String source, int line) {
    Matcher m = NAME.matcher(name == null ? "" : name);
    if (!m.matches()) {
      throw new DataFormatException(
          source, line, "not an SPair pair name <6-digit id>-<src>-<trg>:<category>: '" + name
              + "'");
    }
    return new SpairPairName(Integer.parseInt(m.group(1)), m.group(2), m.group(3), m.group(4));
  }

  /** True for ids and categories usable in names and paths: letters, digits, '_'. */
  public static boolean isValidId(String s) {
    return s != null && ID.matcher(s).matches();
  }

  static void checkId(String s, String what) {
    if (!isValidId(s)) {
      throw new IllegalArgumentException(what + " must be letters, digits and '_': '" + s + "'");
    }
  }

  @Override
  public String toString() {
    return String.format("%06d-%s-%s:%s", id, srcImageId, trgImageId, category);
  }
}
