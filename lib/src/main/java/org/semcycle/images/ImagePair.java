package org.semcycle.images;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.semcycle.cycle.PairTransfer;
import org.semcycle.datasets.pfpascal.PfPascalAnnotation;
import org.semcycle.datasets.pfpascal.PfPascalReader;
import org.semcycle.datasets.spair.SpairPair;
import org.semcycle.datasets.spair.SpairReader;
import org.semcycle.evaluation.KeypointIdMap;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.DataRoot;

/**
 * One pair of a pair benchmark, for the cycle's pair mode and the 2D-2D baseline.
 *
 * @param dataset spair or pfpascal
 * @param category our vocabulary's category
 * @param pairId {@link org.semcycle.evaluation.PairIds}' form
 * @param sourceImage source image path below the set's root
 * @param targetImage target image path
 * @param sourceBox the source object's box, or null to read it with {@link #resolve}
 * @param targetBox the target object's box, or null
 * @param sourceKps source keypoints (x, y) by keypoint index, NaN where not labelled; null to
 *     read them (with the boxes) from the SPair pair annotation {@code annotation}
 * @param annotation SPair pair annotation path, or a PF-PASCAL class name for its MAT boxes
 * @param vocClassId PF-PASCAL class id, 0 otherwise
 */
public record ImagePair(String dataset, String category, String pairId, String sourceImage,
    String targetImage, double[] sourceBox, double[] targetBox, double[][] sourceKps,
    String annotation, int vocClassId) implements Serializable {

  /**
   * Boxes and source keypoints, read from the set where the listing left them out;
   * {@code keypointIds[k]} is the data set's own keypoint id of row k of {@code sourceKps}
   * (SPair: the pair's {@code kps_ids[k]}; PF-PASCAL: the keypoint's index in the MAT file),
   * before any {@link KeypointIdMap}.
   */
  public record Resolved(double[] sourceBox, double[] targetBox, double[][] sourceKps, int[] keypointIds) {}

  /** The target image as a task (its box: {@code box}, e.g. the resolved one). */
  public ImageTask target(String synset, double[] box) {
    return new ImageTask(dataset, category, synset, ImageTask.stem(targetImage), targetImage, box, null, vocClassId);
  }

  /** The source image as a task. */
  public ImageTask source(String synset, double[] box) {
    return new ImageTask(dataset, category, synset, ImageTask.stem(sourceImage), sourceImage, box, null, vocClassId);
  }

  public Resolved resolve(DataRoot root) {
    if (dataset.equals("spair")) {
      SpairPair p = SpairReader.parsePair(root.readUtf8(annotation, 16L << 20), root.describe(annotation));
      return new Resolved(p.srcBndbox(), p.trgBndbox(), p.srcKps(), p.keypointIds());
    }
    // PF-PASCAL: the CSV lists the keypoints visible in both images, in index order (the MAT
    // files say which), as the evaluation reads them.
    PfPascalReader r = new PfPascalReader(root);
    PfPascalAnnotation sa = r.readAnnotationOf(sourceImage, vocClassId);
    PfPascalAnnotation ta = r.readAnnotationOf(targetImage, vocClassId);
    List<Integer> both = new ArrayList<>();
    for (int i = 0; i < Math.min(sa.keypointCount(), ta.keypointCount()); i++) {
      if (sa.isVisible(i) && ta.isVisible(i)) {
        both.add(i);
      }
    }
    if (both.size() != sourceKps.length) {
      throw new DataFormatException(root.describe(sourceImage), "pair " + pairId + ": the CSV has "
          + sourceKps.length + " keypoints, the MAT files " + both.size() + " visible in both images");
    }
    return new Resolved(sourceBox != null ? sourceBox : sa.bbox(), targetBox != null ? targetBox : ta.bbox(),
        sourceKps, both.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * The labelled source keypoints of a resolved pair with their semantic ids: each row of
   * {@code r.sourceKps()} with finite coordinates whose data set id {@code ids} maps (rows the
   * map leaves out are not scored, so they are not predicted).
   */
  public List<PairTransfer.SourceKeypoint> sourceKeypoints(Resolved r, KeypointIdMap ids) {
    List<PairTransfer.SourceKeypoint> out = new ArrayList<>();
    for (int i : labelled(r.sourceKps())) {
      Integer id = ids.semanticId(dataset, category, r.keypointIds()[i]);
      if (id != null) {
        out.add(new PairTransfer.SourceKeypoint(id, r.sourceKps()[i][0], r.sourceKps()[i][1]));
      }
    }
    return out;
  }

  /** The labelled rows of a keypoint array: indices with finite coordinates. */
  public static List<Integer> labelled(double[][] kps) {
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < kps.length; i++) {
      if (kps[i] != null && Double.isFinite(kps[i][0]) && Double.isFinite(kps[i][1])) {
        ids.add(i);
      }
    }
    return ids;
  }
}
