package org.semcycle.cycle.crop;

import java.awt.image.BufferedImage;

/**
 * Resamples the window of an {@link ObjectCrop} out of an image or a float map: the outside is
 * padded with the nearest edge pixel (as the reference), and each crop pixel is the mean of k x k
 * bilinear samples over the original area it covers (k = ceil(scale), at most 8), so that a large
 * down-scale does not alias. Written here: the JDK's scalers neither pad with edge pixels nor
 * give sub-pixel windows.
 */
public final class CropSampler {
  private static final int MAX_TAPS = 8;

  private CropSampler() {}

  /** How a map is resampled. */
  public enum Mode {
    /** Area mean of bilinear samples: images, normals. */
    AREA,
    /** The nearest original pixel of each crop pixel's centre: depth, masks, labels. */
    NEAREST
  }

  /** The crop of an image as channel-major RGB floats in [0, 1]: (3, size, size). */
  public static float[] rgb(BufferedImage image, ObjectCrop crop) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
    float[] planes = new float[3 * w * h];
    int p = w * h;
    for (int i = 0; i < p; i++) {
      int c = argb[i];
      planes[i] = ((c >> 16) & 0xff) / 255f;
      planes[p + i] = ((c >> 8) & 0xff) / 255f;
      planes[2 * p + i] = (c & 0xff) / 255f;
    }
    return planes(planes, w, h, 3, crop, Mode.AREA);
  }

  /**
   * The crop of channel-major planes {@code (channels, height, width)}: (channels, size, size).
   */
  public static float[] planes(float[] src, int width, int height, int channels, ObjectCrop crop,
      Mode mode) {
    if (src.length != channels * width * height) {
      throw new IllegalArgumentException(
          src.length + " floats are not " + channels + " x " + height + " x " + width);
    }
    int n = crop.size();
    float[] out = new float[channels * n * n];
    double s = crop.scale();
    int taps = mode == Mode.NEAREST ? 1 : Math.max(1, Math.min(MAX_TAPS, (int) Math.ceil(s)));
    int p = width * height;
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        for (int c = 0; c < channels; c++) {
          double sum = 0;
          for (int ty = 0; ty < taps; ty++) {
            double cy = y - 0.5 + (ty + 0.5) / taps;
            double oy = crop.toOriginalY(cy);
            for (int tx = 0; tx < taps; tx++) {
              double cx = x - 0.5 + (tx + 0.5) / taps;
              double ox = crop.toOriginalX(cx);
              sum += mode == Mode.NEAREST
                  ? nearest(src, c * p, width, height, ox, oy)
                  : bilinear(src, c * p, width, height, ox, oy);
            }
          }
          out[c * n * n + y * n + x] = (float) (sum / (taps * taps));
        }
      }
    }
    return out;
  }

  private static float nearest(float[] src, int offset, int w, int h, double x, double y) {
    int ix = clamp((int) Math.round(x), w);
    int iy = clamp((int) Math.round(y), h);
    return src[offset + iy * w + ix];
  }

  private static double bilinear(float[] src, int offset, int w, int h, double x, double y) {
    double fx = Math.floor(x);
    double fy = Math.floor(y);
    double ax = x - fx;
    double ay = y - fy;
    int x0 = clamp((int) fx, w);
    int x1 = clamp((int) fx + 1, w);
    int y0 = clamp((int) fy, h);
    int y1 = clamp((int) fy + 1, h);
    double top = src[offset + y0 * w + x0] * (1 - ax) + src[offset + y0 * w + x1] * ax;
    double bottom = src[offset + y1 * w + x0] * (1 - ax) + src[offset + y1 * w + x1] * ax;
    return top * (1 - ay) + bottom * ay;
  }

  private static int clamp(int i, int n) {
    return i < 0 ? 0 : (i >= n ? n - 1 : i);
  }
}
