package org.semcycle.io;

import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Loads PNG and JPEG images safely, as {@code TYPE_INT_RGB} (see {@link UprightRgb} for gray,
 * 16-bit, palette, alpha and CMYK): the size is read from the header ({@link ImageHeader}) and
 * checked against a pixel limit before anything is decoded, the file is checked to be complete
 * (PNG: every chunk inside the file up to IEND, critical chunks' CRCs; JPEG: an EOI marker after
 * the scans), and decoder warnings about pixels (e.g. "Premature end of JPEG file") are errors,
 * so a truncated file never comes back as a partly grey image ({@link ImageDecoder}). Every
 * problem of the file is a one-line {@link DataFormatException} naming it.
 *
 * <p>Two {@link Policy policies}: data-set images ({@link #load(DataRoot, String, long)}) keep the
 * stored pixel layout, because their annotations (keypoints, boxes, Pix3D's img_size) are in it,
 * as MATLAB's imread and PIL's Image.open read them; users' photos ({@link #loadPhoto}) are
 * turned upright by their Exif orientation, as a viewer shows them, with the larger {@link
 * #PHOTO_MAX_PIXELS} limit.
 */
public final class ImageLoader {
  private ImageLoader() {}

  /**
   * Pixel limit for data-set images (SPair, PF-PASCAL, Pix3D, benchmark ground truth): 64 Mi
   * pixels (an 8192 x 8192 RGBA image is 256 MiB).
   */
  public static final long DEFAULT_MAX_PIXELS = 64L << 20;

  /**
   * Pixel limit for users' photos: 100 megapixels (a 100 MP photo takes 700 MB while loading:
   * 3 bytes a pixel decoded, 4 returned). Phones in their default modes and most cameras stay
   * below; medium-format cameras (102 MP and more) and phones' 200 MP modes are refused. A
   * header claiming more is refused before decoding.
   */
  public static final long PHOTO_MAX_PIXELS = 100_000_000L;

  /** Whether the Exif orientation is applied. */
  public enum Orientation {
    /** The pixels as stored in the file, ignoring Exif (the data sets' annotation frame). */
    STORED,
    /** Turned upright by the Exif Orientation tag (JPEG APP1, PNG eXIf), as viewers show it. */
    EXIF
  }

  /**
   * How an image is loaded.
   *
   * @param maxPixels images whose header gives more pixels are refused before decoding
   * @param orientation whether the Exif orientation is applied
   */
  public record Policy(long maxPixels, Orientation orientation) {
    public Policy {
      if (maxPixels < 1 || orientation == null) {
        throw new IllegalArgumentException("policy " + maxPixels + " pixels, " + orientation);
      }
    }

    /** Users' photos: {@link #PHOTO_MAX_PIXELS}, upright by Exif. */
    public static final Policy PHOTO = new Policy(PHOTO_MAX_PIXELS, Orientation.EXIF);

    /** Data-set images: the given limit, stored pixel layout. */
    public static Policy dataSet(long maxPixels) {
      return new Policy(maxPixels, Orientation.STORED);
    }
  }

  /**
   * Loads a data-set image below a data root, in its stored pixel layout.
   *
   * @throws DataFormatException naming the file: "file not found", "0-byte file", "unreadable
   *     (...)", "not an image: ...", "unsupported image format: ...", "truncated JPEG", "truncated
   *     PNG", "corrupt PNG: CRC mismatch ...", "image is WxH (...), more than the limit of ...",
   *     decoder errors
   */
  public static BufferedImage load(DataRoot root, String relPath, long maxPixels) {
    return load(root, relPath, Policy.dataSet(maxPixels));
  }

  /** Loads a user's photo below a data root: upright by Exif, at most 100 megapixels. */
  public static BufferedImage loadPhoto(DataRoot root, String relPath) {
    return load(root, relPath, Policy.PHOTO);
  }

  /** Loads an image below a data root under a policy; errors as {@link #load(DataRoot, String, long)}. */
  public static BufferedImage load(DataRoot root, String relPath, Policy policy) {
    String source = root.describe(relPath);
    // The header first, from the stream: a huge image is refused before its bytes are read.
    checkSize(ImageHeader.read(root, relPath), policy.maxPixels(), source);
    byte[] bytes;
    try {
      bytes = root.readBytes(relPath, DataRoot.DEFAULT_MAX_BYTES);
    } catch (UncheckedIOException e) {
      throw ImageHeader.readFailure(source, e.getCause());
    }
    return load(bytes, source, policy);
  }

  /** Loads a data-set image held in memory; {@code source} names it in error messages. */
  public static BufferedImage load(byte[] bytes, String source, long maxPixels) {
    return load(bytes, source, Policy.dataSet(maxPixels));
  }

  /** Loads an image held in memory under a policy; {@code source} names it in error messages. */
  public static BufferedImage load(byte[] bytes, String source, Policy policy) {
    ImageHeader header = ImageHeader.read(bytes, source);
    checkSize(header, policy.maxPixels(), source);
    List<PngChunks.Chunk> pngChunks = null;
    if (header.format() == ImageHeader.Format.PNG) {
      pngChunks = PngChunks.walk(bytes, source);
    } else {
      checkJpegComplete(bytes, source);
    }
    BufferedImage image = ImageDecoder.decode(bytes, header, source);
    if (image.getWidth() != header.width() || image.getHeight() != header.height()) {
      throw new DataFormatException(
          source, "decoded size " + image.getWidth() + "x" + image.getHeight()
              + " differs from the header's " + header.width() + "x" + header.height());
    }
    ExifOrientation orientation = ExifOrientation.NORMAL;
    if (policy.orientation() == Orientation.EXIF) {
      orientation = pngChunks != null
          ? ExifOrientation.ofPng(bytes, pngChunks)
          : ExifOrientation.ofJpeg(bytes);
    }
    return UprightRgb.of(image, orientation);
  }

  static void checkSize(ImageHeader h, long maxPixels, String source) {
    if (h.pixels() > maxPixels) {
      throw new DataFormatException(
          source, "image is " + h.width() + "x" + h.height() + " (" + megapixels(h.pixels())
              + " megapixels), more than the limit of " + maxPixels + " pixels ("
              + megapixels(maxPixels) + " megapixels); refused before decoding");
    }
  }

  private static String megapixels(long pixels) {
    return String.format(Locale.ROOT, "%.1f", pixels / 1e6);
  }

  /**
   * Walks the JPEG marker segments and entropy-coded scans; an EOI marker must follow the last
   * scan. Inside scan data 0xFF is followed by 0x00 (stuffing) or RSTn, so the first other marker
   * ends the scan.
   */
  static void checkJpegComplete(byte[] b, String source) {
    int pos = 2; // after SOI
    boolean sawScan = false;
    while (true) {
      while (pos < b.length && b[pos] != (byte) 0xFF) {
        if (!sawScan) {
          throw new DataFormatException(source, "corrupt JPEG: data outside a segment at " + pos);
        }
        pos++;
      }
      while (pos < b.length && b[pos] == (byte) 0xFF) {
        pos++; // marker prefix and fill bytes
      }
      if (pos >= b.length) {
        throw new DataFormatException(source, "truncated JPEG (no EOI marker)");
      }
      int marker = b[pos++] & 0xFF;
      if (marker == 0xD9) {
        if (!sawScan) {
          throw new DataFormatException(source, "corrupt JPEG: EOI before any scan");
        }
        return;
      }
      if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        continue; // stuffed byte or RSTn inside scan data, TEM
      }
      if (pos + 2 > b.length) {
        throw new DataFormatException(source, "truncated JPEG (no EOI marker)");
      }
      int length = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
      if (length < 2) {
        throw new DataFormatException(source, "corrupt JPEG: marker segment length " + length);
      }
      pos += length;
      if (pos > b.length) {
        throw new DataFormatException(source, "truncated JPEG (segment runs past the end)");
      }
      if (marker == 0xDA) {
        sawScan = true; // entropy-coded data follows; the loop above skips it
      }
    }
  }
}
