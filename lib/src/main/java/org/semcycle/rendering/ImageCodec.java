package org.semcycle.rendering;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.semcycle.io.DataFormatException;

/**
 * PNG encoders and decoders of the render maps, in the encodings of docs/CONVENTIONS.md
 * ("Images written by the render job"), through javax.imageio:
 *
 * <ul>
 *   <li>rgb: 8-bit RGB;
 *   <li>silhouette: 8-bit gray, the coverage (255 inside);
 *   <li>depth: 16-bit gray, 0 = background, else {@code 1 + round((z - zmin) / (zmax - zmin) *
 *       65534)}; zmin and zmax (the foreground's range) come back beside the bytes and must be
 *       stored with them (equal zmin and zmax encode every foreground pixel as 1);
 *   <li>normals: 8-bit RGB {@code round((n + 1) / 2 * 255)} per component; a zero normal
 *       (background) is (0, 0, 0), which no unit normal encodes to.
 * </ul>
 *
 * Decoders return {@link FloatImage}s: rgb in [0, 1] (3 channels), silhouette in [0, 1],
 * depth in object units with 0 for background, normals in [-1, 1] with (0, 0, 0) for
 * background. Bad bytes raise {@link DataFormatException} naming {@code source}.
 */
public final class ImageCodec {
  private ImageCodec() {}

  /** PNG bytes of a depth map and the range they encode. */
  public record EncodedDepth(byte[] png, double zmin, double zmax) {}

  public static byte[] encodeRgb(RenderOutput r) {
    return encodeRgb(r.rgb(), r.width(), r.height());
  }

  /** 8-bit RGB PNG of packed 0xRRGGBB pixels. */
  public static byte[] encodeRgb(int[] rgb, int width, int height) {
    check(rgb.length, width, height, 1);
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, width, height, rgb, 0, width);
    return png(img);
  }

  public static byte[] encodeSilhouette(RenderOutput r) {
    return encodeGray8(r.silhouette(), r.width(), r.height());
  }

  /** 8-bit gray PNG of unsigned bytes. */
  public static byte[] encodeGray8(byte[] values, int width, int height) {
    check(values.length, width, height, 1);
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster ras = img.getRaster();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        ras.setSample(x, y, 0, values[y * width + x] & 255);
      }
    }
    return png(img);
  }

  public static EncodedDepth encodeDepth(RenderOutput r) {
    return encodeDepth(r.depth(), r.width(), r.height());
  }

  /** 16-bit gray PNG of a depth map (values <= 0 or non-finite are background). */
  public static EncodedDepth encodeDepth(float[] depth, int width, int height) {
    check(depth.length, width, height, 1);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (float z : depth) {
      if (isSurface(z)) {
        lo = Math.min(lo, z);
        hi = Math.max(hi, z);
      }
    }
    if (lo > hi) {
      lo = 0;
      hi = 0;
    }
    double span = hi - lo;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
    WritableRaster ras = img.getRaster();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        float z = depth[y * width + x];
        int v = 0;
        if (isSurface(z)) {
          v = span > 0 ? 1 + (int) Math.round((z - lo) / span * 65534) : 1;
        }
        ras.setSample(x, y, 0, v);
      }
    }
    return new EncodedDepth(png(img), lo, hi);
  }

  private static boolean isSurface(float z) {
    return z > 0 && Float.isFinite(z);
  }

  public static byte[] encodeNormals(RenderOutput r) {
    return encodeNormals(r.normals(), r.width(), r.height());
  }

  /** 8-bit RGB PNG of camera-frame normals, 3 floats a pixel. */
  public static byte[] encodeNormals(float[] normals, int width, int height) {
    check(normals.length, width, height, 3);
    return encodeRgb(normalsToRgb(normals, width * height), width, height);
  }

  /** Normals packed as 0xRRGGBB, {@code c = round((n + 1) / 2 * 255)}; (0,0,0) stays black. */
  public static int[] normalsToRgb(float[] normals, int pixels) {
    int[] rgb = new int[pixels];
    for (int i = 0; i < pixels; i++) {
      float nx = normals[3 * i];
      float ny = normals[3 * i + 1];
      float nz = normals[3 * i + 2];
      if (nx == 0 && ny == 0 && nz == 0) {
        continue;
      }
      rgb[i] = (encodeUnit(nx) << 16) | (encodeUnit(ny) << 8) | encodeUnit(nz);
    }
    return rgb;
  }

  private static int encodeUnit(float n) {
    int c = (int) Math.round((n + 1.0) / 2.0 * 255.0);
    return Math.max(0, Math.min(255, c));
  }

  /** RGB in [0, 1], 3 channels. */
  public static FloatImage decodeRgb(byte[] png, String source) {
    BufferedImage img = read(png, source);
    int w = img.getWidth();
    int h = img.getHeight();
    int[] packed = img.getRGB(0, 0, w, h, null, 0, w);
    float[] out = new float[3 * w * h];
    for (int i = 0; i < packed.length; i++) {
      out[3 * i] = ((packed[i] >> 16) & 255) / 255f;
      out[3 * i + 1] = ((packed[i] >> 8) & 255) / 255f;
      out[3 * i + 2] = (packed[i] & 255) / 255f;
    }
    return new FloatImage(w, h, 3, out);
  }

  /** Packed 0xRRGGBB pixels of an image (alpha dropped). */
  public static int[] decodeRgbPacked(byte[] png, String source) {
    BufferedImage img = read(png, source);
    int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    for (int i = 0; i < px.length; i++) {
      px[i] &= 0xFFFFFF;
    }
    return px;
  }

  /** Silhouette coverage in [0, 1], 1 channel. */
  public static FloatImage decodeSilhouette(byte[] png, String source) {
    BufferedImage img = read(png, source);
    Raster ras = gray(img, 8, source);
    int w = img.getWidth();
    int h = img.getHeight();
    float[] out = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        out[y * w + x] = ras.getSample(x, y, 0) / 255f;
      }
    }
    return new FloatImage(w, h, 1, out);
  }

  /** Depth in object units, 0 for background, 1 channel. */
  public static FloatImage decodeDepth(byte[] png, double zmin, double zmax, String source) {
    BufferedImage img = read(png, source);
    Raster ras = gray(img, 16, source);
    int w = img.getWidth();
    int h = img.getHeight();
    float[] out = new float[w * h];
    double span = zmax - zmin;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = ras.getSample(x, y, 0);
        out[y * w + x] = v == 0 ? 0f : (float) (zmin + (v - 1) / 65534.0 * span);
      }
    }
    return new FloatImage(w, h, 1, out);
  }

  /** Normals in [-1, 1], (0, 0, 0) for background, 3 channels. */
  public static FloatImage decodeNormals(byte[] png, String source) {
    BufferedImage img = read(png, source);
    int w = img.getWidth();
    int h = img.getHeight();
    int[] packed = img.getRGB(0, 0, w, h, null, 0, w);
    float[] out = new float[3 * w * h];
    for (int i = 0; i < packed.length; i++) {
      int c = packed[i] & 0xFFFFFF;
      if (c == 0) {
        continue;
      }
      out[3 * i] = ((c >> 16) & 255) / 255f * 2 - 1;
      out[3 * i + 1] = ((c >> 8) & 255) / 255f * 2 - 1;
      out[3 * i + 2] = (c & 255) / 255f * 2 - 1;
    }
    return new FloatImage(w, h, 3, out);
  }

  private static Raster gray(BufferedImage img, int bits, String source) {
    Raster ras = img.getRaster();
    if (ras.getNumBands() != 1 || ras.getSampleModel().getSampleSize(0) != bits) {
      throw new DataFormatException(source,
          "expected a " + bits + "-bit gray PNG, got " + ras.getNumBands() + " band(s) of "
              + ras.getSampleModel().getSampleSize(0) + " bits");
    }
    return ras;
  }

  private static BufferedImage read(byte[] png, String source) {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
      if (img == null) {
        throw new DataFormatException(source, "not a readable image");
      }
      return img;
    } catch (IOException e) {
      throw new DataFormatException(source, -1, "unreadable image: " + e.getMessage(), e);
    }
  }

  private static byte[] png(BufferedImage img) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(img, "png", out)) {
        throw new IllegalStateException("no PNG writer in javax.imageio");
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void check(int length, int width, int height, int channels) {
    if (width <= 0 || height <= 0 || (long) width * height * channels != length) {
      throw new IllegalArgumentException(
          "array of " + length + " values does not fit " + width + "x" + height + "x" + channels);
    }
  }
}
