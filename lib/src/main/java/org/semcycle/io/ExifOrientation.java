package org.semcycle.io;

import com.twelvemonkeys.imageio.metadata.CompoundDirectory;
import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.List;

/**
 * The Exif Orientation tag (TIFF tag 274, Exif 2.32 section 4.6.4): how the stored pixels are
 * turned to show the picture upright. Each constant is named by what a viewer does to the stored
 * image; {@link #tag()} is the tag's value. The stored image is {@code w x h}; the upright one is
 * {@code h x w} when {@link #swapsAxes()}.
 *
 * <p>The tag is read from a JPEG's APP1 "Exif" segment or a PNG's eXIf chunk with TwelveMonkeys'
 * segment and TIFF readers. A missing, unreadable or out-of-range tag is {@link #NORMAL}: the pixels
 * are still good, and viewers show such files as stored.
 */
public enum ExifOrientation {
  /** 1: row 0 is the top, column 0 the left. */
  NORMAL(1),
  /** 2: row 0 is the top, column 0 the right. */
  FLIP_HORIZONTAL(2),
  /** 3: row 0 is the bottom, column 0 the right. */
  ROTATE_180(3),
  /** 4: row 0 is the bottom, column 0 the left. */
  FLIP_VERTICAL(4),
  /** 5: row 0 is the left, column 0 the top (mirror about the main diagonal). */
  TRANSPOSE(5),
  /** 6: row 0 is the right, column 0 the top (a phone held upright, home button below). */
  ROTATE_90_CW(6),
  /** 7: row 0 is the right, column 0 the bottom (mirror about the anti-diagonal). */
  TRANSVERSE(7),
  /** 8: row 0 is the left, column 0 the bottom. */
  ROTATE_90_CCW(8);

  private final int tag;

  ExifOrientation(int tag) {
    this.tag = tag;
  }

  /** The value of the Exif Orientation tag, 1 to 8. */
  public int tag() {
    return tag;
  }

  /** The orientation of a tag value; values outside 1..8 are {@link #NORMAL}. */
  public static ExifOrientation ofTag(int tag) {
    return tag >= 1 && tag <= 8 ? values()[tag - 1] : NORMAL;
  }

  /** True when the upright image is the stored one's height wide (tags 5 to 8). */
  public boolean swapsAxes() {
    return tag >= 5;
  }

  /**
   * Index, in the row-major upright image, of stored pixel (0, y) of a {@code w x h} stored image;
   * stored pixel (x, y) lies at {@code rowStart(y, w, h) + x * step(w, h)}.
   */
  int rowStart(int y, int w, int h) {
    return switch (this) {
      case NORMAL -> y * w;
      case FLIP_HORIZONTAL -> y * w + w - 1;
      case ROTATE_180 -> (h - 1 - y) * w + w - 1;
      case FLIP_VERTICAL -> (h - 1 - y) * w;
      case TRANSPOSE -> y; // upright (y, x): row x of an h-wide image
      case ROTATE_90_CW -> h - 1 - y; // upright (h - 1 - y, x)
      case TRANSVERSE -> (w - 1) * h + h - 1 - y; // upright (h - 1 - y, w - 1 - x)
      case ROTATE_90_CCW -> (w - 1) * h + y; // upright (y, w - 1 - x)
    };
  }

  /** See {@link #rowStart}: the index step from stored pixel (x, y) to (x + 1, y). */
  int step(int w, int h) {
    return switch (this) {
      case NORMAL, FLIP_VERTICAL -> 1;
      case FLIP_HORIZONTAL, ROTATE_180 -> -1;
      case TRANSPOSE, ROTATE_90_CW -> h;
      case TRANSVERSE, ROTATE_90_CCW -> -h;
    };
  }

  /** The orientation in a JPEG file's first APP1 "Exif" segment. */
  static ExifOrientation ofJpeg(byte[] file) {
    try {
      List<JPEGSegment> exif =
          JPEGSegmentUtil.readSegments(new ByteArrayImageInputStream(file), JPEG.APP1, "Exif");
      if (exif.isEmpty()) {
        return NORMAL;
      }
      try (InputStream data = exif.get(0).data()) {
        data.skipNBytes(1); // the identifier is "Exif\0" and one pad byte
        return ofTiff(data.readAllBytes());
      }
    } catch (IOException | RuntimeException e) {
      return NORMAL;
    }
  }

  /** The orientation in a PNG file's first eXIf chunk whose CRC matches. */
  static ExifOrientation ofPng(byte[] file, List<PngChunks.Chunk> chunks) {
    for (PngChunks.Chunk c : chunks) {
      if (c.type().equals("eXIf") && c.crcMatches()) {
        return ofTiff(Arrays.copyOfRange(file, c.dataOffset(), c.dataOffset() + c.length()));
      }
    }
    return NORMAL;
  }

  /** The orientation in the first image file directory (IFD0) of a TIFF structure. */
  static ExifOrientation ofTiff(byte[] tiff) {
    try {
      Directory dir = new TIFFReader().read(new ByteArrayImageInputStream(tiff));
      if (dir instanceof CompoundDirectory c && c.directoryCount() > 0) {
        dir = c.getDirectory(0); // IFD1 describes the thumbnail
      }
      Entry e = dir.getEntryById(TIFF.TAG_ORIENTATION);
      Object v = e == null ? null : e.getValue();
      if (v != null && v.getClass().isArray() && Array.getLength(v) > 0) {
        v = Array.get(v, 0);
      }
      return v instanceof Number n ? ofTag(n.intValue()) : NORMAL;
    } catch (IOException | RuntimeException e) {
      return NORMAL;
    }
  }
}
