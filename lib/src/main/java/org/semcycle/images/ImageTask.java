package org.semcycle.images;

import java.io.Serializable;

/**
 * One image the cycle runs on, as a listing names it.
 *
 * @param dataset the set it comes from: pix3d, spair, pfpascal, or images (plain photos)
 * @param category our vocabulary's category name
 * @param synset its ShapeNet synset
 * @param imageId unique per dataset and category: the file name without folder and extension
 *     (plain photos: the path below the root without extension)
 * @param imagePath the image, relative to the set's root
 * @param box the object's box [x1, y1, x2, y2] when the listing gives it, else null
 * @param boxSource where the box is read when {@code box} is null: an annotation file relative
 *     to the set's root (SPair image annotation, PF-PASCAL MAT), or null (the cycle then finds
 *     the box from SketchNet's silhouette)
 * @param vocClassId PF-PASCAL class id (1-20), 0 otherwise
 * @param maskPath a mask of the object relative to the root (plain photos may give one), or null
 */
public record ImageTask(String dataset, String category, String synset, String imageId,
    String imagePath, double[] box, String boxSource, int vocClassId, String maskPath)
    implements Serializable {

  /** A task without a mask. */
  public ImageTask(String dataset, String category, String synset, String imageId, String imagePath,
      double[] box, String boxSource, int vocClassId) {
    this(dataset, category, synset, imageId, imagePath, box, boxSource, vocClassId, null);
  }

  /** The same image with another box (e.g. a pair's). */
  public ImageTask withBox(double[] b) {
    return new ImageTask(dataset, category, synset, imageId, imagePath, b, boxSource, vocClassId, maskPath);
  }

  /** dataset/category/image id: how the infer job names an image. */
  public String key() {
    return dataset + "/" + category + "/" + imageId;
  }

  /** File name without folder and extension. */
  public static String stem(String path) {
    String n = path.substring(path.lastIndexOf('/') + 1);
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
