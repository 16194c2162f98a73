package org.semcycle.datasets.shapenet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.semcycle.datasets.parse.StrictNumbers;
import org.semcycle.datasets.parse.TextLines;
import org.semcycle.datasets.parse.Tokens;
import org.semcycle.geometry.Material;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.DataRoot;
import org.semcycle.io.RelativePaths;

/**
 * Reads a Wavefront .mtl file: {@code newmtl}, {@code Kd} (1 or 3 values; one value means grey)
 * and {@code map_Kd} (the last token is the texture file, relative to the .mtl's folder; options
 * such as {@code -s 1 1 1} before it are ignored). Every other statement is ignored. A material
 * without Kd takes {@link Material#DEFAULT}'s colour. A later {@code newmtl} of the same name
 * replaces the earlier one.
 */
public final class MtlReader {
  private MtlReader() {}

  /** Materials of a .mtl below the root, by name, in file order. */
  public static Map<String, Material> read(DataRoot root, String relPath) {
    return parse(root.readUtf8(relPath), root.describe(relPath));
  }

  /** Materials of .mtl text; {@code source} names the file in errors. */
  public static Map<String, Material> parse(String text, String source) {
    Map<String, Material> out = new LinkedHashMap<>();
    String name = null;
    double[] kd = null;
    String texture = null;
    TextLines lines = new TextLines(text);
    while (lines.next()) {
      String raw = lines.line();
      int hash = raw.indexOf('#');
      String line = hash >= 0 ? raw.substring(0, hash) : raw;
      List<String> t = Tokens.split(line);
      if (t.isEmpty()) {
        continue;
      }
      int n = lines.number();
      switch (t.get(0)) {
        case "newmtl" -> {
          if (name != null) {
            out.put(name, material(name, kd, texture));
          }
          name = Tokens.rest(line);
          if (name.isEmpty()) {
            throw new DataFormatException(source, n, "newmtl without a name");
          }
          kd = null;
          texture = null;
        }
        case "Kd" -> {
          requireMaterial(name, source, n, "Kd");
          if (t.size() != 2 && t.size() != 4) {
            throw new DataFormatException(source, n, "Kd needs 1 or 3 numbers, found " + (t.size() - 1));
          }
          double r = StrictNumbers.parseFinite(t.get(1), source, n, "Kd value");
          kd = t.size() == 2
              ? new double[] {r, r, r}
              : new double[] {
                r,
                StrictNumbers.parseFinite(t.get(2), source, n, "Kd value"),
                StrictNumbers.parseFinite(t.get(3), source, n, "Kd value")
              };
        }
        case "map_Kd" -> {
          requireMaterial(name, source, n, "map_Kd");
          if (t.size() < 2) {
            throw new DataFormatException(source, n, "map_Kd without a file name");
          }
          texture = t.get(t.size() - 1);
        }
        default -> { }
      }
    }
    if (name != null) {
      out.put(name, material(name, kd, texture));
    }
    return out;
  }

  /**
   * The root-relative path of a material's texture: {@code textureName} resolved against the
   * folder of the .mtl that named it. Refuses paths that leave the data-set root.
   */
  public static String texturePath(String mtlRelPath, String textureName) {
    int slash = mtlRelPath.lastIndexOf('/');
    String dir = slash < 0 ? "" : mtlRelPath.substring(0, slash);
    return RelativePaths.normalize(RelativePaths.join(dir, textureName), mtlRelPath);
  }

  private static void requireMaterial(String name, String source, int line, String what) {
    if (name == null) {
      throw new DataFormatException(source, line, what + " before any newmtl");
    }
  }

  private static Material material(String name, double[] kd, String texture) {
    return new Material(name, kd == null ? Material.DEFAULT.kd() : kd, texture);
  }
}
