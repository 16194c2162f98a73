package org.semcycle.jobs.infer;

import java.io.Serializable;

/**
 * One image of an evaluation set for the infer job.
 *
 * @param dataset pix3d, spair or pfpascal
 * @param category our vocabulary's category name
 * @param synset its ShapeNet synset
 * @param imageId the image file's name without folder and extension
 * @param imagePath the image, relative to the set's root
 * @param box the object's box [x1, y1, x2, y2] when the index gives it (Pix3D), else null
 * @param boxSource where the executor reads the box when {@code box} is null: an annotation file
 *     relative to the set's root (SPair image annotation, PF-PASCAL MAT), or null for none
 * @param vocClassId PF-PASCAL class id (1-20), 0 otherwise
 */
public record InferTask(String dataset, String category, String synset, String imageId,
    String imagePath, double[] box, String boxSource, int vocClassId) implements Serializable {}
