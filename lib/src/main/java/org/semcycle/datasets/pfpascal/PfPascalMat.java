package org.semcycle.datasets.pfpascal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import org.semcycle.io.DataFormatException;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Sinks;
import us.hebi.matlab.mat.types.Sources;

/**
 * Reads and writes PF-PASCAL's per-image MAT v5 file with the MAT File Library ({@code
 * us.hebi.matlab.mat:mfl-core}): variables {@code kps} (N x 2 double, a NaN row = not visible)
 * and {@code bbox} (1 x 4 double {@code [x1, y1, x2, y2]}).
 *
 * <p><b>Pixel conversion at this boundary</b>: the file holds MATLAB's 1-based pixel coordinates;
 * reading subtracts 1 from every keypoint coordinate and box corner, writing adds 1. A row with
 * any NaN coordinate is read as an all-NaN (invisible) row.
 *
 * <p>Writing is deterministic (fixed header text instead of the library's default one with the
 * creation date; uncompressed, as MATLAB's {@code save -v6}).
 */
public final class PfPascalMat {
  private PfPascalMat() {}

  /** Header text of files we write (MATLAB puts platform and date here). */
  static final String DESCRIPTION = "MATLAB 5.0 MAT-file, written by semcycle";

  /** Parses a MAT file's bytes; {@code source} names it in errors. */
  public static PfPascalAnnotation parse(byte[] bytes, String source) {
    if (bytes.length == 0) {
      throw new DataFormatException(source, "0-byte file");
    }
    Mat5File mat;
    try {
      mat = Mat5.newReader(Sources.wrap(bytes)).readMat();
    } catch (IOException | RuntimeException e) {
      throw new DataFormatException(source, -1, "not a readable MAT v5 file: " + e.getMessage(), e);
    }
    try (mat) {
      Matrix kps = numeric(mat, "kps", source);
      int n = kps.getNumRows();
      if (kps.getNumDimensions() != 2 || (kps.getNumCols() != 2 && kps.getNumElements() > 0)) {
        throw new DataFormatException(
            source, "variable 'kps' is " + dims(kps) + ", expected a numeric N x 2 matrix");
      }
      double[][] pts = new double[kps.getNumElements() == 0 ? 0 : n][2];
      for (int i = 0; i < pts.length; i++) {
        double x = kps.getDouble(i, 0);
        double y = kps.getDouble(i, 1);
        if (Double.isNaN(x) || Double.isNaN(y)) {
          pts[i][0] = pts[i][1] = Double.NaN;
        } else if (Double.isInfinite(x) || Double.isInfinite(y)) {
          throw new DataFormatException(source, "variable 'kps' row " + (i + 1) + " is infinite");
        } else {
          pts[i][0] = x - 1; // MATLAB 1-based -> 0-based
          pts[i][1] = y - 1;
        }
      }
      Matrix box = numeric(mat, "bbox", source);
      if (box.getNumElements() != 4 || box.getNumDimensions() != 2
          || (box.getNumRows() != 1 && box.getNumCols() != 1)) {
        throw new DataFormatException(
            source, "variable 'bbox' is " + dims(box) + ", expected a 1 x 4 [x1 y1 x2 y2]");
      }
      double[] b = new double[4];
      for (int i = 0; i < 4; i++) {
        b[i] = box.getDouble(i) - 1; // MATLAB 1-based -> 0-based
        if (!Double.isFinite(b[i])) {
          throw new DataFormatException(source, "variable 'bbox' is not finite");
        }
      }
      return new PfPascalAnnotation(pts, b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Matrix numeric(MatFile mat, String name, String source) {
    Array a = null;
    for (MatFile.Entry e : mat.getEntries()) {
      if (e.getName().equals(name)) {
        a = e.getValue();
        break;
      }
    }
    if (a == null) {
      throw new DataFormatException(source, "no variable '" + name + "'");
    }
    MatlabType t = a.getType();
    boolean numericType =
        switch (t) {
          case Double, Single, Int8, UInt8, Int16, UInt16, Int32, UInt32, Int64, UInt64 -> true;
          default -> false;
        };
    if (!(a instanceof Matrix m) || !numericType) {
      throw new DataFormatException(
          source, "variable '" + name + "' is a " + t + " array " + dims(a)
              + ", expected a numeric matrix");
    }
    if (m.isLogical() || m.isComplex()) {
      throw new DataFormatException(
          source, "variable '" + name + "' is " + (m.isLogical() ? "logical" : "complex")
              + ", expected a real numeric matrix");
    }
    return m;
  }

  private static String dims(Array a) {
    StringBuilder sb = new StringBuilder();
    for (int d : a.getDimensions()) {
      sb.append(sb.length() == 0 ? "" : " x ").append(d);
    }
    return sb.toString();
  }

  /** The MAT v5 bytes of an annotation (1-based pixels, as PF-PASCAL's files). */
  public static byte[] toBytes(PfPascalAnnotation a) {
    double[][] kps = a.kps();
    Matrix k = Mat5.newMatrix(kps.length, 2);
    for (int i = 0; i < kps.length; i++) {
      boolean visible = a.isVisible(i);
      k.setDouble(i, 0, visible ? kps[i][0] + 1 : Double.NaN); // 0-based -> MATLAB 1-based
      k.setDouble(i, 1, visible ? kps[i][1] + 1 : Double.NaN);
    }
    Matrix b = Mat5.newMatrix(1, 4);
    double[] box = a.bbox();
    for (int i = 0; i < 4; i++) {
      b.setDouble(0, i, box[i] + 1);
    }
    return toBytes(new String[] {"kps", "bbox"}, new Array[] {k, b});
  }

  /** MAT v5 bytes holding the given variables, in order (also used by tests to craft files). */
  public static byte[] toBytes(String[] names, Array[] values) {
    Mat5File mat = new Mat5File(DESCRIPTION) {};
    for (int i = 0; i < names.length; i++) {
      mat.addArray(names[i], values[i]);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (mat) {
      // Deflate level 0 writes plain miMATRIX entries, which need no seeking in the sink.
      Mat5.newWriter(Sinks.wrapNonSeeking(out)).setDeflateLevel(Deflater.NO_COMPRESSION)
          .writeMat(mat);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
