package org.semcycle.jobs.infer;

import java.io.Serializable;
import java.util.List;

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
   * {@code keypointIds[k]} is the data set's own keypoint id of row k of {@code sourceKps}
   * (SPair: the pair's {@code kps_ids[k]}; PF-PASCAL: the keypoint's index in the MAT file),
   * before any {@link org.semcycle.evaluation.KeypointIdMap}.
   */
  public record Resolved(double[] sourceBox, double[] targetBox, double[][] sourceKps,
      int[] keypointIds) {}

  public Resolved resolve(org.semcycle.io.DataRoot root) {
    if (dataset.equals("spair")) {
      org.semcycle.datasets.spair.SpairPair p = org.semcycle.datasets.spair.SpairReader.parsePair(
          root.readUtf8(annotation, 16L << 20), root.describe(annotation));
      return new Resolved(p.srcBndbox(), p.trgBndbox(), p.srcKps(), p.keypointIds());
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

  /**
   * The labelled source keypoints of a resolved pair with their semantic ids: each row of
   * {@code r.sourceKps()} with finite coordinates whose data set id {@code ids} maps (rows the
   * map leaves out are not scored, so they are not predicted).
   */
  public List<org.semcycle.cycle.PairTransfer.SourceKeypoint> sourceKeypoints(Resolved r,
      org.semcycle.evaluation.KeypointIdMap ids) {
    List<org.semcycle.cycle.PairTransfer.SourceKeypoint> out = new java.util.ArrayList<>();
    for (int i : labelled(r.sourceKps())) {
      Integer id = ids.semanticId(dataset, category, r.keypointIds()[i]);
      if (id != null) {
        out.add(new org.semcycle.cycle.PairTransfer.SourceKeypoint(id, r.sourceKps()[i][0],
            r.sourceKps()[i][1]));
      }
    }
    return out;
  }

  /** The labelled rows of a keypoint array: indices with finite coordinates. */
  public static List<Integer> labelled(double[][] kps) {
    java.util.List<Integer> ids = new java.util.ArrayList<>();
    for (int i = 0; i < kps.length; i++) {
      if (kps[i] != null && Double.isFinite(kps[i][0]) && Double.isFinite(kps[i][1])) {
        ids.add(i);
      }
    }
    return ids;
  }
}
