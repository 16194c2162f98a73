package org.semcycle.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Names what a file that is neither PNG nor JPEG is, from its first bytes, for the error message:
 * another image format (GIF, WebP, HEIF, ...: "unsupported image format") or not an image at all
 * (a text file named .jpg). Hand-written: a table of the formats' published magic numbers; a
 * content-type library (Apache Tika) would be a large dependency for one message.
 */
final class ImageSignature {
  private ImageSignature() {}

  /** How many leading bytes {@link #problem} looks at. */
  static final int HEAD_BYTES = 16;

  /**
   * The problem to report for a file whose first bytes are {@code head} (fewer than {@link
   * #HEAD_BYTES} when the file is shorter) and which is neither PNG nor JPEG.
   */
  static String problem(byte[] head) {
    String format = otherImageFormat(head);
    if (format != null) {
      return "unsupported image format: " + format + " (only PNG and JPEG are read)";
    }
    return "not an image: no PNG or JPEG signature (the file starts with " + preview(head) + ")";
  }

  /** The name of a known image format other than PNG and JPEG, or null. */
  static String otherImageFormat(byte[] h) {
    if (starts(h, "GIF87a") || starts(h, "GIF89a")) {
      return "GIF";
    }
    if (starts(h, "RIFF") && at(h, 8, "WEBP")) {
      return "WebP";
    }
    if (at(h, 4, "ftyp")) {
      String brand = h.length >= 12 ? ascii(h, 8, 4) : "";
      return switch (brand) {
        case "avif", "avis" -> "AVIF";
        case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1" -> "HEIF/HEIC";
        default -> null; // MP4 and other ISO media files are not images
      };
    }
    if (starts(h, "II*\0") || starts(h, "MM\0*")) {
      return "TIFF (or a camera raw file)";
    }
    if (starts(h, "BM") && h.length >= 14) {
      return "BMP";
    }
    if (starts(h, "8BPS")) {
      return "Photoshop PSD";
    }
    if (startsBytes(h, 0, 0, 0, 0x0C, 'j', 'P', ' ', ' ') || startsBytes(h, 0xFF, 0x4F, 0xFF, 0x51)) {
      return "JPEG 2000";
    }
    if (startsBytes(h, 0xFF, 0x0A) || startsBytes(h, 0, 0, 0, 0x0C, 'J', 'X', 'L', ' ')) {
      return "JPEG XL";
    }
    return null;
  }

  /** The first bytes as a quoted string when printable ASCII, else in hex. */
  static String preview(byte[] h) {
    boolean printable = h.length > 0;
    for (byte b : h) {
      printable &= (b >= 0x20 && b < 0x7F) || b == '\n' || b == '\r' || b == '\t';
    }
    if (printable) {
      return "\"" + new String(h, StandardCharsets.US_ASCII).replaceAll("\\s", " ") + "\"";
    }
    StringBuilder s = new StringBuilder("bytes");
    for (byte b : Arrays.copyOf(h, Math.min(h.length, 8))) {
      s.append(String.format(" %02X", b & 0xFF));
    }
    return s.toString();
  }

  private static boolean starts(byte[] h, String ascii) {
    return at(h, 0, ascii);
  }

  private static boolean at(byte[] h, int offset, String ascii) {
    return h.length >= offset + ascii.length() && ascii(h, offset, ascii.length()).equals(ascii);
  }

  private static String ascii(byte[] h, int offset, int length) {
    return new String(h, offset, length, StandardCharsets.ISO_8859_1);
  }

  private static boolean startsBytes(byte[] h, int... bytes) {
    if (h.length < bytes.length) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if ((h[i] & 0xFF) != bytes[i]) {
        return false;
      }
    }
    return true;
  }
}
