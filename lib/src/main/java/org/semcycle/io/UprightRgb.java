package org.semcycle.io;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
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
 *       goes through {@code getRGB}, which converts to sRGB; plain sRGB and gray samples are
 *       read from the raster directly.
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
    Samples samples = Samples.of(src);
    int step = o.step(w, h);
    for (int y = 0; y < h; y++) {
      if (samples != null) {
        samples.argbRow(src.getRaster(), y, row);
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

  /**
   * Reads rows of plain samples (sRGB or gray, optional alpha, not premultiplied, 8 or 16 bits:
   * what the PNG and JPEG readers give for all but palette and ICC-profiled images) straight
   * from the raster: gray copied to R = G = B, 16 bits rounded; 4 times faster than getRGB.
   */
  private record Samples(int components, boolean gray, int[] max, int[] elements) {
    /** The reader for the image, or null when getRGB must convert it. */
    static Samples of(BufferedImage img) {
      ColorModel cm = img.getColorModel();
      ColorSpace cs = cm.getColorSpace();
      boolean gray = cs.getType() == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1;
      int type = cm.getTransferType();
      if (!(cm instanceof ComponentColorModel) || cm.isAlphaPremultiplied() || !(gray || cs.isCS_sRGB())
          || (type != DataBuffer.TYPE_BYTE && type != DataBuffer.TYPE_USHORT)) {
        return null;
      }
      int n = cm.getNumComponents();
      int[] max = new int[n];
      for (int c = 0; c < n; c++) {
        max[c] = (1 << cm.getComponentSize(c)) - 1;
      }
      return new Samples(n, gray, max, new int[n * img.getWidth()]);
    }

    /** Stored row y as ARGB, 8 bits a channel. */
    void argbRow(Raster r, int y, int[] argb) {
      int w = argb.length;
      Object data = r.getDataElements(0, y, w, 1, null);
      if (data instanceof byte[] b) {
        for (int i = 0; i < elements.length; i++) {
          elements[i] = b[i] & 0xFF;
        }
      } else {
        short[] s = (short[]) data;
        for (int i = 0; i < elements.length; i++) {
          elements[i] = s[i] & 0xFFFF;
        }
      }
      int colours = gray ? 1 : 3;
      boolean alpha = components > colours;
      for (int x = 0, e = 0; x < w; x++, e += components) {
        int r8 = to8Bits(elements[e], max[0]);
        int g8 = gray ? r8 : to8Bits(elements[e + 1], max[1]);
        int b8 = gray ? r8 : to8Bits(elements[e + 2], max[2]);
        int a8 = alpha ? to8Bits(elements[e + colours], max[colours]) : 255;
        argb[x] = (a8 << 24) | (r8 << 16) | (g8 << 8) | b8;
      }
    }

    private static int to8Bits(int v, int max) {
      return max == 255 ? v : (v * 255 + max / 2) / max;
    }
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
