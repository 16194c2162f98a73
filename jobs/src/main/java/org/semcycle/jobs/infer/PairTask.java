package org.semcycle.jobs.infer;

import java.io.Serializable;

/**
 * One pair of a pair benchmark for the 2D-2D baseline.
 *
 * @param dataset spair or pfpascal
 * @param category our vocabulary's category
 * @param pairId {@link org.semcycle.evaluation.PairIds}' form
 * @param sourceImage source image path below the set's root
 * @param targetImage target image path
 * @param sourceBox the source object's box, or null to read it on the executor
 * @param targetBox the target object's box, or null
 * @param sourceKps source keypoints (x, y) by keypoint index, NaN where not labelled; null to
 *     read them (with the boxes) from the SPair pair annotation {@code annotation}
 * @param annotation SPair pair annotation path, or a PF-PASCAL class name for its MAT boxes
 * @param vocClassId PF-PASCAL class id, 0 otherwise
 */
public record PairTask(String dataset, String category, String pairId, String sourceImage,
    String targetImage, double[] sourceBox, double[] targetBox, double[][] sourceKps,
    String annotation, int vocClassId) implements Serializable {

  /**
   * Boxes and source keypoints, read from the set where the listing left them out;
   * {@code keypointIds[k]} is the data set's keypoint index of row k of {@code sourceKps}.
   */
  public record Resolved(double[] sourceBox, double[] targetBox, double[][] sourceKps,
      int[] keypointIds) {}

  public Resolved resolve(org.semcycle.io.DataRoot root) {
    if (dataset.equals("spair")) {
      org.semcycle.datasets.spair.SpairPair p = org.semcycle.datasets.spair.SpairReader.parsePair(
          root.readUtf8(annotation, 16L << 20), root.describe(annotation));
      return new Resolved(p.srcBndbox(), p.trgBndbox(), p.srcKps(),
          java.util.stream.IntStream.range(0, p.srcKps().length).toArray());
    }
    // PF-PASCAL: the CSV lists the keypoints visible in both images, in index order (the MAT
    // files say which), as the evaluation reads them.
    org.semcycle.datasets.pfpascal.PfPascalReader r =
        new org.semcycle.datasets.pfpascal.PfPascalReader(root);
    var sa = r.readAnnotationOf(sourceImage, vocClassId);
    var ta = r.readAnnotationOf(targetImage, vocClassId);
    java.util.List<Integer> both = new java.util.ArrayList<>();
    for (int i = 0; i < Math.min(sa.keypointCount(), ta.keypointCount()); i++) {
      if (sa.isVisible(i) && ta.isVisible(i)) {
        both.add(i);
      }
    }
    if (both.size() != sourceKps.length) {
      throw new org.semcycle.io.DataFormatException(root.describe(sourceImage),
          "pair " + pairId + ": the CSV has " + sourceKps.length + " keypoints, the MAT files "
              + both.size() + " visible in both images");
    }
    return new Resolved(sourceBox != null ? sourceBox : sa.bbox(),
        targetBox != null ? targetBox : ta.bbox(), sourceKps,
        both.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The labelled source keypoints: indices (the keypoint ids) with finite coordinates. */
  public static java.util.List<Integer> labelled(double[][] kps) {
    java.util.List<Integer> ids = new java.util.ArrayList<>();
    for (int i = 0; i < kps.length; i++) {
      if (kps[i] != null && Double.isFinite(kps[i][0]) && Double.isFinite(kps[i][1])) {
        ids.add(i);
      }
    }
    return ids;
  }
}
