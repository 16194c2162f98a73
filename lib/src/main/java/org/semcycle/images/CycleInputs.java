package org.semcycle.images;

import java.awt.image.BufferedImage;
import org.semcycle.cycle.CycleImage;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.DataRoot;
import org.semcycle.io.ImageLoader;

/**
 * The cycle's input for an image task: the decoded image (its set's loading policy), its box
 * (the task's, the set's annotation, the mask's extent, or none: the cycle then finds the object)
 * and, when asked, its ground truth ({@link TruthSource}).
 */
public final class CycleInputs {
  private final ImageSet set;
  private final DataRoot root;
  private final TruthSource truth;
  private final boolean givenBox;
  private final ImageLoader.Policy policy;

  /**
   * @param truth where ground truth comes from, or null when no setting needs it
   * @param givenBox take the box from the data set (false: always find it from SketchNet's
   *     silhouette)
   */
  public CycleInputs(ImageSet set, DataRoot root, TruthSource truth, boolean givenBox, long maxPixels) {
    this.set = set;
    this.root = root;
    this.truth = truth;
    this.givenBox = givenBox;
    this.policy = set.loading(maxPixels);
  }

  /**
   * Reads one image.
   *
   * @throws DataFormatException naming the file when the image, its annotation or its mask
   *     cannot be read
   */
  public CycleImage load(ImageTask t) {
    BufferedImage img = ImageLoader.load(root, t.imagePath(), policy);
    double[] box = null;
    if (givenBox) {
      box = t.maskPath() != null ? maskBox(t, img) : set.box(root, t);
    }
    return new CycleImage(t.dataset() + "/" + t.imageId(), t.synset(), img, box,
        truth == null ? null : truth.read(root, t));
  }

  /** The extent [x1, y1, x2, y2] of a mask's non-black pixels (pixel centres). */
  private double[] maskBox(ImageTask t, BufferedImage img) {
    BufferedImage mask = ImageLoader.load(root, t.maskPath(), policy);
    if (mask.getWidth() != img.getWidth() || mask.getHeight() != img.getHeight()) {
      throw new DataFormatException(root.describe(t.maskPath()), "mask is " + mask.getWidth() + "x"
          + mask.getHeight() + ", the image " + img.getWidth() + "x" + img.getHeight());
    }
    int x1 = Integer.MAX_VALUE;
    int y1 = Integer.MAX_VALUE;
    int x2 = -1;
    int y2 = -1;
    for (int y = 0; y < mask.getHeight(); y++) {
      for (int x = 0; x < mask.getWidth(); x++) {
        int rgb = mask.getRGB(x, y);
        if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) > 3 * 127) {
          x1 = Math.min(x1, x);
          y1 = Math.min(y1, y);
          x2 = Math.max(x2, x);
          y2 = Math.max(y2, y);
        }
      }
    }
    if (x2 < 0) {
      throw new DataFormatException(root.describe(t.maskPath()), "the mask is empty (no pixel above half grey)");
    }
    return new double[] {x1, y1, x2, y2};
  }
}
