package org.semcycle.cycle.crop;

import java.io.Serializable;
import org.semcycle.rendering.camera.Intrinsics;

/**
 * Stage 0 of the cycle: the square window of the original image that the networks see, and the
 * transform between its pixels and the original's (docs/CONVENTIONS.md: integer coordinates are
 * pixel centres).
 *
 * <p>As the reference: the object box (from a mask or given), a square of side {@code max(w, h) *
 * margin} centred on the box (reference margin 480 / (480 - 2 * 85) = 1.548), the outside padded
 * with edge pixels ({@link CropSampler}), resized to {@code size x size}.
 *
 * <p>The window covers original continuous coordinates {@code [left - 0.5, left - 0.5 + side)} in
 * x (and likewise in y), so original pixel centre u maps to crop coordinate {@code (u - left +
 * 0.5) / scale - 0.5} with {@code scale = side / size} original pixels per crop pixel.
 *
 * @param left original x of the window's left edge + 0.5 (the window's first pixel centre when
 *     scale is 1)
 * @param top original y of the window's top edge + 0.5
 * @param side window side in original pixels
 * @param size crop side in pixels (the network's input)
 */
public record ObjectCrop(double left, double top, double side, int size) implements Serializable {
  /** The reference's margin: a 480 crop with 85 pixels on each side of the object. */
  public static final double REFERENCE_MARGIN = 480.0 / (480.0 - 2 * 85.0);

  public ObjectCrop {
    if (size < 1 || !(side > 0) || !Double.isFinite(side) || !Double.isFinite(left)
        || !Double.isFinite(top)) {
      throw new IllegalArgumentException(
          "crop needs a positive size and a finite positive side: " + side + " px -> " + size);
    }
  }

  /**
   * The crop around a box given as pixel-centre corners {@code [x1, y1, x2, y2]} (the box covers
   * pixels x1..x2, so its width is x2 - x1 + 1).
   */
  public static ObjectCrop aroundBox(double[] box, double margin, int size) {
    if (box == null || box.length != 4) {
      throw new IllegalArgumentException("a box is [x1, y1, x2, y2]");
    }
    double w = box[2] - box[0] + 1;
    double h = box[3] - box[1] + 1;
    if (!(w > 0) || !(h > 0) || !(margin > 0)) {
      throw new IllegalArgumentException(
          "empty box or bad margin: [" + box[0] + ", " + box[1] + ", " + box[2] + ", " + box[3]
              + "], margin " + margin);
    }
    double side = Math.max(w, h) * margin;
    double cx = (box[0] + box[2]) / 2;
    double cy = (box[1] + box[3]) / 2;
    // Edge coordinates of the window: centre +- side / 2; left = edge + 0.5.
    return new ObjectCrop(cx - side / 2 + 0.5, cy - side / 2 + 0.5, side, size);
  }

  /** The box {@code [x1, y1, x2, y2]} of the mask's pixels (>= 0.5), or null when it is empty. */
  public static double[] maskBox(float[] mask, int width, int height) {
    int x1 = Integer.MAX_VALUE, y1 = Integer.MAX_VALUE, x2 = -1, y2 = -1;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (mask[y * width + x] >= 0.5f) {
          x1 = Math.min(x1, x);
          y1 = Math.min(y1, y);
          x2 = Math.max(x2, x);
          y2 = Math.max(y2, y);
        }
      }
    }
    return x2 < 0 ? null : new double[] {x1, y1, x2, y2};
  }

  /** Original pixels per crop pixel. */
  public double scale() {
    return side / size;
  }

  /** Crop x of original x. */
  public double toCropX(double x) {
    return (x - left + 0.5) / scale() - 0.5;
  }

  /** Crop y of original y. */
  public double toCropY(double y) {
    return (y - top + 0.5) / scale() - 0.5;
  }

  /** Original x of crop x. */
  public double toOriginalX(double x) {
    return left - 0.5 + (x + 0.5) * scale();
  }

  /** Original y of crop y. */
  public double toOriginalY(double y) {
    return top - 0.5 + (y + 0.5) * scale();
  }

  /**
   * The original image's intrinsics of a camera whose crop intrinsics are {@code crop}: the same
   * rays, in the original's pixels (focal x scale, principal point mapped back).
   */
  public Intrinsics toOriginal(Intrinsics crop, int width, int height) {
    return new Intrinsics(width, height, crop.f() * scale(), toOriginalX(crop.cx()),
        toOriginalY(crop.cy()));
  }

  /** The crop's intrinsics of an original camera (inverse of {@link #toOriginal}). */
  public Intrinsics toCrop(Intrinsics original) {
    return new Intrinsics(size, size, original.f() / scale(), toCropX(original.cx()),
        toCropY(original.cy()));
  }
}
