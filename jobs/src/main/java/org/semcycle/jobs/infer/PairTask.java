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

  /** Boxes and source keypoints, read from the set where the listing left them out. */
  public record Resolved(double[] sourceBox, double[] targetBox, double[][] sourceKps) {}

  public Resolved resolve(org.semcycle.io.DataRoot root) {
    if (dataset.equals("spair")) {
      org.semcycle.datasets.spair.SpairPair p = org.semcycle.datasets.spair.SpairReader.parsePair(
          root.readUtf8(annotation, 16L << 20), root.describe(annotation));
      return new Resolved(p.srcBndbox(), p.trgBndbox(), p.srcKps());
    }
    double[] sb = sourceBox;
    double[] tb = targetBox;
    if (sb == null || tb == null) {
      org.semcycle.datasets.pfpascal.PfPascalReader r =
          new org.semcycle.datasets.pfpascal.PfPascalReader(root);
      sb = r.readAnnotationOf(sourceImage, vocClassId).bbox();
      tb = r.readAnnotationOf(targetImage, vocClassId).bbox();
    }
    return new Resolved(sb, tb, sourceKps);
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
