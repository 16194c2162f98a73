package org.semcycle.io;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;

/**
 * Turns a decoded image into the one form callers read (they call {@code getRGB}, e.g.
 * CropSampler): {@code TYPE_INT_RGB}, 8 bits a channel, upright by an {@link ExifOrientation}, in
 * one pass over the stored rows.
 *
 * <ul>
 *   <li>Gray (8 or 16 bits, JPEG or PNG): each sample is copied to R = G = B, as image viewers
 *       and PIL do. {@code getRGB} would treat the samples as linear light (the JDK's CS_GRAY)
 *       and brighten them: 128 becomes 188.
 *   <li>16-bit samples are rounded to 8 bits ({@code round(v * 255 / 65535)}).
 *   <li>Alpha (RGBA, gray + alpha, palette transparency) is composited over white, the
 *       renderer's plain background ({@code RenderSettings.DEFAULT}); fully transparent pixels
 *       become white whatever colour they store.
 *   <li>Everything else (palette, RGB with an ICC profile, CMYK converted by the JPEG reader)
 *       goes through {@code getRGB}, which converts to sRGB.
 * </ul>
 */
final class UprightRgb {
  private UprightRgb() {}

  /** What transparent pixels are composited over: white. */
  static final int BACKGROUND = 0xFFFFFF;

  /** The upright TYPE_INT_RGB image of a decoded image. */
  static BufferedImage of(BufferedImage src, ExifOrientation o) {
    if (o == ExifOrientation.NORMAL && src.getType() == BufferedImage.TYPE_INT_RGB) {
      return src;
    }
    int w = src.getWidth();
    int h = src.getHeight();
    BufferedImage out =
        new BufferedImage(o.swapsAxes() ? h : w, o.swapsAxes() ? w : h, BufferedImage.TYPE_INT_RGB);
    int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
    int[] row = new int[w];
    int[][] samples = isGray(src.getColorModel()) ? new int[src.getRaster().getNumBands()][w] : null;
    int step = o.step(w, h);
    for (int y = 0; y < h; y++) {
      if (samples != null) {
        grayRow(src, y, samples, row);
      } else {
        src.getRGB(0, y, w, 1, row, 0, w);
      }
      int i = o.rowStart(y, w, h);
      for (int x = 0; x < w; x++, i += step) {
        dst[i] = overBackground(row[x]);
      }
    }
    return out;
  }

  /** A gray (or gray + alpha) image stored as plain samples, not premultiplied. */
  private static boolean isGray(ColorModel cm) {
    return cm instanceof ComponentColorModel
        && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY
        && cm.getNumColorComponents() == 1
        && !cm.isAlphaPremultiplied();
  }

  /** One stored row of a gray image as ARGB: the sample copied to each channel. */
  private static void grayRow(BufferedImage src, int y, int[][] samples, int[] argb) {
    Raster r = src.getRaster();
    int w = src.getWidth();
    ColorModel cm = src.getColorModel();
    for (int b = 0; b < samples.length; b++) {
      r.getSamples(0, y, w, 1, b, samples[b]);
    }
    int grayMax = (1 << cm.getComponentSize(0)) - 1;
    int alphaMax = samples.length > 1 ? (1 << cm.getComponentSize(1)) - 1 : 0;
    for (int x = 0; x < w; x++) {
      int v = to8Bits(samples[0][x], grayMax);
      int a = samples.length > 1 ? to8Bits(samples[1][x], alphaMax) : 255;
      argb[x] = (a << 24) | (v << 16) | (v << 8) | v;
    }
  }

  private static int to8Bits(int v, int max) {
    return max == 255 ? v : (v * 255 + max / 2) / max;
  }

  /** An ARGB pixel (not premultiplied) composited over {@link #BACKGROUND}, as RGB. */
  static int overBackground(int argb) {
    int a = argb >>> 24;
    if (a == 255) {
      return argb & 0xFFFFFF;
    }
    int rgb = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
      int c = (argb >> shift) & 0xFF;
      int bg = (BACKGROUND >> shift) & 0xFF;
      rgb |= ((c * a + bg * (255 - a) + 127) / 255) << shift;
    }
    return rgb;
  }
}
