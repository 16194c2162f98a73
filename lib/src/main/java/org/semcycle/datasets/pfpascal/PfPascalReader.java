package org.semcycle.datasets.pfpascal;

import java.awt.image.BufferedImage;
import java.util.List;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.DataRoot;
import org.semcycle.io.ImageLoader;

/**
 * Reads PF-PASCAL: per-image annotations ({@link PfPascalMat}), pair CSVs ({@link PfPascalCsv})
 * and images. Everything returned is in 0-based pixels; the 1-based MATLAB values of the files
 * are converted in {@link PfPascalMat} and {@link PfPascalCsv}.
 */
public final class PfPascalReader {
  /** Largest .mat file read (PF-PASCAL's are a few hundred bytes). */
  public static final long MAX_MAT_BYTES = 16L << 20;

  private final DataRoot root;

  public PfPascalReader(DataRoot root) {
    this.root = root;
  }

  /** Reads the .mat annotation at a path relative to the root. */
  public PfPascalAnnotation readAnnotation(String matRelPath) {
    return PfPascalMat.parse(root.readBytes(matRelPath, MAX_MAT_BYTES), root.describe(matRelPath));
  }

  /**
   * Reads the annotation of an image, given its path as a pair CSV names it ({@link
   * PfPascalLayout#annotationOf}: {@code P/JPEGImages/<id>.jpg} -> {@code
   * P/Annotations/<class>/<id>.mat}).
   *
   * @throws DataFormatException naming the .mat file when it is missing, or the image when its
   *     path is not in a {@code JPEGImages} folder
   */
  public PfPascalAnnotation readAnnotationOf(String imagePath, String className) {
    String rel;
    try {
      rel = PfPascalLayout.annotationOf(imagePath, className);
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(root.describe(imagePath), e.getMessage());
    }
    if (!root.exists(rel)) {
      throw new DataFormatException(root.describe(rel), "file not found (the " + className
          + " annotation of " + imagePath + ")");
    }
    return readAnnotation(rel);
  }

  /** {@link #readAnnotationOf(String, String)} with the class as its VOC id (1..20). */
  public PfPascalAnnotation readAnnotationOf(String imagePath, int classId) {
    return readAnnotationOf(imagePath, VocClasses.name(classId));
  }

  /** Reads a pair CSV (test or train/val) at a relative path. */
  public List<PfPascalPair> readPairs(String csvRelPath) {
    return PfPascalCsv.parse(root.readUtf8(csvRelPath), root.describe(csvRelPath));
  }

  /** Reads a pair CSV line by line: bad lines become rejects naming file and line. */
  public PfPascalCsv.Index readPairsEach(String csvRelPath) {
    return PfPascalCsv.parseEach(root.readUtf8(csvRelPath), root.describe(csvRelPath));
  }

  /** Loads an image by its path relative to the root, refusing more than maxPixels. */
  public BufferedImage loadImage(String imagePath, long maxPixels) {
    return ImageLoader.load(root, imagePath, maxPixels);
  }
}
