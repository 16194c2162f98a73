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
    String annotation, int vocClassId) implements Serializable {}
