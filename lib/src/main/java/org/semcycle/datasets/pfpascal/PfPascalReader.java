package org.semcycle.datasets.pfpascal;

import java.awt.image.BufferedImage;
import java.util.List;
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

  /** Reads {@code Annotations/<class>/<id>.mat}. */
  public PfPascalAnnotation readAnnotation(String className, String vocId) {
    String rel = PfPascalLayout.annotation(className, vocId);
    return PfPascalMat.parse(root.readBytes(rel, MAX_MAT_BYTES), root.describe(rel));
  }

  /** Reads the annotation of a pair's image, given its path as the CSV names it. */
  public PfPascalAnnotation readAnnotationOf(String imagePath, int classId) {
    return readAnnotation(VocClasses.name(classId), PfPascalLayout.vocId(imagePath));
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
