package org.semcycle.datasets.pix3d;

import java.util.ArrayList;
import java.util.List;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.DataRoot;

/**
 * Pix3D's 3D keypoint file: one keypoint a line, {@code x y z} separated by white space, in the
 * model's frame. Blank lines are skipped; a last line without a newline is kept.
 */
public final class Pix3dKeypointFile {
  private Pix3dKeypointFile() {}

  /** Reads the file at a relative path below the root (M x 3). */
  public static double[][] read(DataRoot root, String relPath) {
    return parse(root.readUtf8(relPath), root.describe(relPath));
  }

  /** Parses the text; a line without exactly three finite numbers is an error with its number. */
  public static double[][] parse(String text, String source) {
    List<double[]> out = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length != 3) {
        throw new DataFormatException(source, i + 1, "expected 'x y z', found " + parts.length
            + " values");
      }
      double[] p = new double[3];
      for (int k = 0; k < 3; k++) {
        try {
          p[k] = Double.parseDouble(parts[k]);
        } catch (NumberFormatException e) {
          throw new DataFormatException(source, i + 1, "not a number: '" + parts[k] + "'");
        }
        if (!Double.isFinite(p[k])) {
          throw new DataFormatException(source, i + 1, "not a finite number: '" + parts[k] + "'");
        }
      }
      out.add(p);
    }
    return out.toArray(new double[0][]);
  }

  /** The file's bytes: one {@code x y z} line per keypoint (shortest round-trip decimals). */
  public static byte[] toBytes(double[][] xyz) {
    StringBuilder sb = new StringBuilder();
    for (double[] p : xyz) {
      if (p.length != 3) {
        throw new IllegalArgumentException("3D keypoints have 3 coordinates");
      }
      for (double v : p) {
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("keypoint coordinate " + v);
        }
      }
      sb.append(p[0]).append(' ').append(p[1]).append(' ').append(p[2]).append('\n');
    }
    return DataRoot.utf8(sb.toString());
  }
}
