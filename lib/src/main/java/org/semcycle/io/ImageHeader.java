package org.semcycle.io;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.zip.CRC32;

/**
 * Size and pixel type of a PNG or JPEG image, read from its header bytes only (PNG IHDR chunk,
 * JPEG SOFn marker segment), so that an image too large to decode is refused before any pixel
 * buffer is allocated. Parser hand-written against the PNG (ISO 15948) and JPEG (ITU T.81)
 * specifications; it reads the stream only up to the header.
 *
 * @param format PNG or JPEG
 * @param width pixels, at least 1
 * @param height pixels, at least 1
 * @param bitDepth bits per sample (PNG: 1, 2, 4, 8, 16; JPEG: sample precision, 8 or 12)
 * @param channels samples per pixel (PNG palette images: 1; JPEG: number of components)
 * @param colorModel "gray", "gray+alpha", "rgb", "rgba", "palette" (PNG), or "gray", "ycbcr",
 *     "cmyk", "components" (JPEG, by component count)
 */
public record ImageHeader(
    ImageHeader.Format format, int width, int height, int bitDepth, int channels, String colorModel) {

  /** The two image formats the data sets use. */
  public enum Format {
    PNG,
    JPEG
  }

  static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** Width times height. */
  public long pixels() {
    return (long) width * height;
  }

  /** Reads the header of an image below a data root, opening the file but reading only its head. */
  public static ImageHeader read(DataRoot root, String relPath) {
    String source = root.describe(relPath);
    long len = root.length(relPath);
    if (len < 0) {
      throw new DataFormatException(source, "file not found");
    }
    if (len == 0) {
      throw new DataFormatException(source, "0-byte file");
    }
    try (InputStream in = root.open(relPath)) {
      return read(in, source);
    } catch (IOException e) {
      throw readFailure(source, e);
    }
  }

  /**
   * The exception for a failed read: a problem of the file itself (no permission, a folder, a
   * broken link: the file system's own exceptions) is bad input, a DataFormatException "unreadable";
   * any other I/O error (a network store failing) stays an UncheckedIOException, to be retried.
   */
  static RuntimeException readFailure(String source, IOException e) {
    String reason;
    if (e instanceof AccessDeniedException) {
      reason = "permission denied";
    } else if (e instanceof FileSystemException f) {
      reason = f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
    } else if (e instanceof FileNotFoundException) {
      reason = String.valueOf(e.getMessage());
    } else {
      return new UncheckedIOException("cannot read " + source, e);
    }
    return new DataFormatException(source, -1, "unreadable (" + reason + ")", e);
  }

  /** Reads the header from the first bytes of an image file held in memory. */
  public static ImageHeader read(byte[] bytes, String source) {
    if (bytes.length == 0) {
      throw new DataFormatException(source, "0-byte file");
    }
    try {
      return read(new ByteArrayInputStream(bytes), source);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen on a byte array
    }
  }

  /**
   * Reads the header from a stream positioned at the start of the file; consumes the stream only
   * up to the end of the header.
   */
  public static ImageHeader read(InputStream in, String source) throws IOException {
    int b0 = in.read();
    if (b0 < 0) {
      throw new DataFormatException(source, "0-byte file");
    }
    int b1 = in.read();
    if (b0 == 0x89 && b1 == 'P') {
      return readPng(in, source);
    }
    if (b0 == 0xFF && b1 == 0xD8) {
      return readJpeg(in, source);
    }
    byte[] rest = in.readNBytes(ImageSignature.HEAD_BYTES - 2);
    byte[] head = new byte[(b1 < 0 ? 1 : 2) + rest.length];
    head[0] = (byte) b0;
    if (b1 >= 0) {
      head[1] = (byte) b1;
      System.arraycopy(rest, 0, head, 2, rest.length);
    }
    throw new DataFormatException(source, ImageSignature.problem(head));
  }

  private static ImageHeader readPng(InputStream in, String source) throws IOException {
    byte[] rest = readFully(in, 6 + 8 + 13 + 4, source, "truncated PNG header");
    for (int i = 0; i < 6; i++) {
      if (rest[i] != PNG_SIGNATURE[i + 2]) {
        throw new DataFormatException(source, "corrupt PNG: bad signature");
      }
    }
    int length = int32(rest, 6);
    String type = new String(rest, 10, 4, java.nio.charset.StandardCharsets.US_ASCII);
    if (!type.equals("IHDR") || length != 13) {
      throw new DataFormatException(source, "corrupt PNG: first chunk is not a 13-byte IHDR");
    }
    CRC32 crc = new CRC32();
    crc.update(rest, 10, 4 + 13);
    if ((int) crc.getValue() != int32(rest, 27)) {
      throw new DataFormatException(source, "corrupt PNG: IHDR CRC mismatch");
    }
    int width = int32(rest, 14);
    int height = int32(rest, 18);
    int depth = rest[22] & 0xFF;
    int colorType = rest[23] & 0xFF;
    if (width <= 0 || height <= 0) {
      throw new DataFormatException(
          source, "corrupt PNG: image size " + Integer.toUnsignedString(width) + "x"
              + Integer.toUnsignedString(height));
    }
    int channels;
    String model;
    switch (colorType) {
      case 0 -> {
        channels = 1;
        model = "gray";
      }
      case 2 -> {
        channels = 3;
        model = "rgb";
      }
      case 3 -> {
        channels = 1;
        model = "palette";
      }
      case 4 -> {
        channels = 2;
        model = "gray+alpha";
      }
      case 6 -> {
        channels = 4;
        model = "rgba";
      }
      default -> throw new DataFormatException(source, "corrupt PNG: colour type " + colorType);
    }
    return new ImageHeader(Format.PNG, width, height, depth, channels, model);
  }

  private static ImageHeader readJpeg(InputStream in, String source) throws IOException {
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new DataFormatException(source, "truncated JPEG (no frame header)");
      }
      if (b != 0xFF) {
        throw new DataFormatException(source, "corrupt JPEG: expected a marker, found byte " + b);
      }
      int marker;
      do {
        marker = in.read(); // 0xFF fill bytes may precede a marker
      } while (marker == 0xFF);
      if (marker < 0) {
        throw new DataFormatException(source, "truncated JPEG (no frame header)");
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        continue; // stand-alone markers without a length
      }
      if (marker == 0xD9 || marker == 0xDA) {
        throw new DataFormatException(source, "corrupt JPEG: no frame header (SOFn) before scan");
      }
      byte[] lenBytes = readFully(in, 2, source, "truncated JPEG (no frame header)");
      int length = ((lenBytes[0] & 0xFF) << 8) | (lenBytes[1] & 0xFF);
      if (length < 2) {
        throw new DataFormatException(source, "corrupt JPEG: marker segment length " + length);
      }
      if (isSof(marker)) {
        if (length < 8) {
          throw new DataFormatException(source, "corrupt JPEG: frame header too short");
        }
        byte[] sof = readFully(in, 6, source, "truncated JPEG (frame header)");
        int precision = sof[0] & 0xFF;
        int height = ((sof[1] & 0xFF) << 8) | (sof[2] & 0xFF);
        int width = ((sof[3] & 0xFF) << 8) | (sof[4] & 0xFF);
        int comps = sof[5] & 0xFF;
        if (width == 0 || height == 0) {
          throw new DataFormatException(
              source, "unsupported JPEG: image size " + width + "x" + height
                  + " (height defined later by DNL)");
        }
        String model =
            switch (comps) {
              case 1 -> "gray";
              case 3 -> "ycbcr";
              case 4 -> "cmyk";
              default -> "components";
            };
        return new ImageHeader(Format.JPEG, width, height, precision, comps, model);
      }
      skipFully(in, length - 2, source);
    }
  }

  /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
  static boolean isSof(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }

  private static byte[] readFully(InputStream in, int n, String source, String problem)
      throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length < n) {
      throw new DataFormatException(source, problem);
    }
    return b;
  }

  private static void skipFully(InputStream in, long n, String source) throws IOException {
    try {
      in.skipNBytes(n);
    } catch (EOFException e) {
      throw new DataFormatException(source, "truncated JPEG (no frame header)");
    }
  }

  static int int32(byte[] b, int off) {
    return ((b[off] & 0xFF) << 24)
        | ((b[off + 1] & 0xFF) << 16)
        | ((b[off + 2] & 0xFF) << 8)
        | (b[off + 3] & 0xFF);
  }
}
