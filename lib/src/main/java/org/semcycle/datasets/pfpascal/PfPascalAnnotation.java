package org.semcycle.datasets.pfpascal;

/**
 * PF-PASCAL's annotation of one image ({@code P/Annotations/<class>/<VOC id>.mat} beside its
 * {@code P/JPEGImages/<VOC id>.jpg}, {@link PfPascalLayout#annotationOf}), in memory in
 * the project's pixel convention: <b>0-based</b>, integers at pixel centres. The .mat file holds
 * MATLAB's 1-based pixels; {@link PfPascalMat} subtracts 1 on reading and adds 1 on writing.
 *
 * <p><b>Bounding box</b>: the .mat file's {@code bbox}, corners {@code [x1, y1, x2, y2]} of the
 * object (PF-PASCAL has other box definitions, e.g. the keypoints' extent; this is not it).
 *
 * @param kps N x 2 {@code [x, y]}; a row of NaN marks a keypoint not visible
 * @param bbox {@code [x1, y1, x2, y2]}, 0-based
 */
public record PfPascalAnnotation(double[][] kps, double[] bbox) {
  public PfPascalAnnotation {
    if (bbox == null || bbox.length != 4) {
      throw new IllegalArgumentException("bbox must be [x1, y1, x2, y2]");
    }
    double[][] copy = new double[kps.length][];
    for (int i = 0; i < kps.length; i++) {
      if (kps[i] == null || kps[i].length != 2) {
        throw new IllegalArgumentException("keypoints are [x, y]");
      }
      copy[i] = kps[i].clone();
    }
    kps = copy;
    bbox = bbox.clone();
  }

  /** Number of keypoint rows N (visible or not). */
  public int keypointCount() {
    return kps.length;
  }

  /** True when keypoint i has finite coordinates. */
  public boolean isVisible(int i) {
    return Double.isFinite(kps[i][0]) && Double.isFinite(kps[i][1]);
  }

  @Override
  public double[][] kps() {
    double[][] out = new double[kps.length][];
    for (int i = 0; i < kps.length; i++) {
      out[i] = kps[i].clone();
    }
    return out;
  }

  @Override
  public double[] bbox() {
    return bbox.clone();
  }
}
