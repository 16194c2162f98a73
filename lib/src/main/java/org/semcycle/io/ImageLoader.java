package org.semcycle.io;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Loads PNG and JPEG images safely: the size is read from the header ({@link ImageHeader}) and
 * checked against a pixel limit before anything is decoded, the file is checked to be complete
 * (PNG: every chunk inside the file up to IEND; JPEG: an EOI marker after the scans), and any
 * decoder warning (e.g. "Premature end of JPEG file") is an error, so a truncated file never
 * comes back as a partly grey image. Decoding itself is javax.imageio.
 */
public final class ImageLoader {
  private ImageLoader() {}

  /** Default pixel limit: 64 megapixels (an 8192 x 8192 RGBA image is 256 MiB). */
  public static final long DEFAULT_MAX_PIXELS = 64L << 20;

  /**
   * Loads an image below a data root.
   *
   * @throws DataFormatException naming the file: "0-byte file", "not a PNG/JPEG", "truncated
   *     JPEG", "truncated PNG", "image is WxH, more than the limit of N pixels", decoder errors
   */
  public static BufferedImage load(DataRoot root, String relPath, long maxPixels) {
    String source = root.describe(relPath);
    long len = root.length(relPath);
    if (len < 0) {
      throw new DataFormatException(source, "file not found");
    }
    if (len == 0) {
      throw new DataFormatException(source, "0-byte file");
    }
    // The header first, from the stream: a huge image is refused before its bytes are read.
    checkSize(ImageHeader.read(root, relPath), maxPixels, source);
    return load(root.readBytes(relPath, DataRoot.DEFAULT_MAX_BYTES), source, maxPixels);
  }

  /** Loads an image held in memory; {@code source} names it in error messages. */
  public static BufferedImage load(byte[] bytes, String source, long maxPixels) {
    ImageHeader header = ImageHeader.read(bytes, source);
    checkSize(header, maxPixels, source);
    if (header.format() == ImageHeader.Format.PNG) {
      checkPngComplete(bytes, source);
    } else {
      checkJpegComplete(bytes, source);
    }
    BufferedImage image = decode(bytes, header, source);
    if (image.getWidth() != header.width() || image.getHeight() != header.height()) {
      throw new DataFormatException(
          source, "decoded size " + image.getWidth() + "x" + image.getHeight()
              + " differs from the header's " + header.width() + "x" + header.height());
    }
    return image;
  }

  static void checkSize(ImageHeader h, long maxPixels, String source) {
    if (h.pixels() > maxPixels) {
      throw new DataFormatException(
          source, "image is " + h.width() + "x" + h.height() + ", more than the limit of "
              + maxPixels + " pixels");
    }
  }

  private static BufferedImage decode(byte[] bytes, ImageHeader header, String source) {
    String fmt = header.format() == ImageHeader.Format.PNG ? "png" : "jpeg";
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(fmt);
    if (!readers.hasNext()) {
      throw new IllegalStateException("no ImageIO reader for " + fmt);
    }
    ImageReader reader = readers.next();
    List<String> warnings = new ArrayList<>();
    reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      if ((long) reader.getWidth(0) * reader.getHeight(0) != header.pixels()) {
        throw new DataFormatException(source, "decoder and header disagree on the image size");
      }
      BufferedImage image = reader.read(0);
      if (!warnings.isEmpty()) {
        String w = warnings.get(0);
        String kind = w.toLowerCase().contains("premature end") ? "truncated " : "corrupt ";
        throw new DataFormatException(source, kind + fmt.toUpperCase() + ": " + w);
      }
      return image;
    } catch (IOException | RuntimeException e) {
      if (e instanceof DataFormatException d) {
        throw d;
      }
      throw new DataFormatException(
          source, -1, "cannot decode " + fmt.toUpperCase() + ": " + e.getMessage(), e);
    } finally {
      reader.dispose();
    }
  }

  /** Walks the PNG chunks: each must lie inside the file, and IEND must be reached. */
  static void checkPngComplete(byte[] b, String source) {
    int pos = ImageHeader.PNG_SIGNATURE.length;
    while (true) {
      if (pos + 8 > b.length) {
        throw new DataFormatException(source, "truncated PNG (no IEND chunk)");
      }
      long length = ImageHeader.int32(b, pos) & 0xFFFFFFFFL;
      String type = new String(b, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
      long end = pos + 8 + length + 4;
      if (end > b.length) {
        throw new DataFormatException(
            source, "truncated PNG (chunk '" + type + "' runs past the end of the file)");
      }
      if (type.equals("IEND")) {
        return;
      }
      pos = (int) end;
    }
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
