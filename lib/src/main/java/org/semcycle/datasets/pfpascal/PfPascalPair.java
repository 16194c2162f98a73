package org.semcycle.datasets.pfpascal;

/**
 * One row of a PF-PASCAL pair CSV. Test rows carry the keypoints valid in both images ({@code
 * XA;YA;XB;YB}); train/val rows carry a {@code flip} flag instead. In memory keypoints are
 * <b>0-based</b> pixels (the CSV's 1-based values minus 1; see {@link PfPascalCsv}).
 *
 * @param sourceImage source image path relative to the root, e.g. {@code
 *     PF-dataset-PASCAL/JPEGImages/2009_002457.jpg} ({@link PfPascalLayout})
 * @param targetImage target image path
 * @param classId VOC class, 1..20 ({@link VocClasses})
 * @param flip train/val rows: the flip flag (0/1); test rows: 0
 * @param sourceKps test rows: K x 2 source keypoints; train/val rows: null
 * @param targetKps test rows: K x 2 target keypoints; train/val rows: null
 */
public record PfPascalPair(
    String sourceImage,
    String targetImage,
    int classId,
    int flip,
    double[][] sourceKps,
    double[][] targetKps) {

  public PfPascalPair {
    if (sourceImage == null || targetImage == null) {
      throw new IllegalArgumentException("image paths are required");
    }
    VocClasses.name(classId);
    if ((sourceKps == null) != (targetKps == null)) {
      throw new IllegalArgumentException("source and target keypoints go together");
    }
    if (sourceKps != null) {
      if (sourceKps.length != targetKps.length) {
        throw new IllegalArgumentException("source and target keypoint counts differ");
      }
      sourceKps = copy(sourceKps);
      targetKps = copy(targetKps);
    }
  }

  /** A test row with keypoints (0-based). */
  public static PfPascalPair test(
      String sourceImage, String targetImage, int classId, double[][] sourceKps,
      double[][] targetKps) {
    return new PfPascalPair(sourceImage, targetImage, classId, 0, sourceKps, targetKps);
  }

  /** A train/val row with a flip flag. */
  public static PfPascalPair train(String sourceImage, String targetImage, int classId, int flip) {
    return new PfPascalPair(sourceImage, targetImage, classId, flip, null, null);
  }

  /** True for test rows. */
  public boolean hasKeypoints() {
    return sourceKps != null;
  }

  /** The VOC class name. */
  public String className() {
    return VocClasses.name(classId);
  }

  @Override
  public double[][] sourceKps() {
    return sourceKps == null ? null : copy(sourceKps);
  }

  @Override
  public double[][] targetKps() {
    return targetKps == null ? null : copy(targetKps);
  }

  private static double[][] copy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      if (a[i] == null || a[i].length != 2) {
        throw new IllegalArgumentException("keypoints are [x, y]");
      }
      out[i] = a[i].clone();
    }
    return out;
  }
}
