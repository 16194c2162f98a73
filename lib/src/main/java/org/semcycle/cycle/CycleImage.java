package org.semcycle.cycle;

import java.awt.image.BufferedImage;

/**
 * One image for the cycle.
 *
 * @param id for messages
 * @param synset the object's ShapeNet synset (selects the keypoint database's part)
 * @param image the original image
 * @param box the object's box {@code [x1, y1, x2, y2]} (pixel centres) when the data set gives one;
 *     null to take it from SketchNet's silhouette on the whole image
 * @param truth ground truth for the ablation settings, or null
 */
public record CycleImage(String id, String synset, BufferedImage image, double[] box,
    CycleTruth truth) {}
