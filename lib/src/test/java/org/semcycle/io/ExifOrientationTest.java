package org.semcycle.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.semcycle.testing.PhotoCorpus;

class ExifOrientationTest {
  /** A 5 x 3 image whose pixels are all different: pixel (x, y) is 0x10000 * x + y + 1. */
  private static BufferedImage numbered() {
    BufferedImage img = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 5; x++) {
        img.setRGB(x, y, 0x10000 * x + y + 1);
      }
    }
    return img;
  }

  private static int[] pixels(BufferedImage img) {
    return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
  }

  private static BufferedImage loadPng(BufferedImage stored, int tag) throws IOException {
    byte[] png = PhotoCorpus.pngWithExif(PhotoCorpus.png(stored), PhotoCorpus.exifTiff(tag, ByteOrder.BIG_ENDIAN));
    return ImageLoader.load(png, "t" + tag + ".png", ImageLoader.Policy.PHOTO);
  }

  /**
   * The Exif specification's own words for each tag (Exif 2.32, table of tag 274): which side of
   * the upright picture the stored row 0 and the stored column 0 are.
   */
  @Test
  void storedRowAndColumnZeroEndOnTheSidesTheSpecificationNames() throws IOException {
    String[][] sides = {
      {"top", "left"}, {"top", "right"}, {"bottom", "right"}, {"bottom", "left"},
      {"left", "top"}, {"right", "top"}, {"right", "bottom"}, {"left", "bottom"}
    };
    BufferedImage stored = numbered();
    for (int tag = 1; tag <= 8; tag++) {
      BufferedImage up = loadPng(stored, tag);
      assertEquals(tag >= 5 ? "3x5" : "5x3", up.getWidth() + "x" + up.getHeight(), "tag " + tag);
      for (int x = 0; x < 5; x++) {
        assertOnSide(up, stored.getRGB(x, 0), sides[tag - 1][0], "tag " + tag + ", row 0");
      }
      for (int y = 0; y < 3; y++) {
        assertOnSide(up, stored.getRGB(0, y), sides[tag - 1][1], "tag " + tag + ", column 0");
      }
    }
  }

  private static void assertOnSide(BufferedImage img, int rgb, String side, String what) {
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) == (rgb & 0xFFFFFF)) {
          boolean on = switch (side) {
            case "top" -> y == 0;
            case "bottom" -> y == img.getHeight() - 1;
            case "left" -> x == 0;
            default -> x == img.getWidth() - 1;
          };
          assertTrue(on, what + ": pixel " + Integer.toHexString(rgb) + " at (" + x + ", " + y
              + "), not on the " + side);
          return;
        }
      }
    }
    throw new AssertionError(what + ": pixel " + Integer.toHexString(rgb) + " lost");
  }

  /** Stored as a camera would for each tag (Java2D transforms), loading gives the picture back. */
  @Test
  void everyOrientationGivesBackTheUprightPictureExactly() throws IOException {
    BufferedImage upright = PhotoCorpus.scene(23, 11);
    for (int tag = 1; tag <= 8; tag++) {
      BufferedImage up = loadPng(PhotoCorpus.stored(upright, tag), tag);
      assertArrayEquals(pixels(upright), pixels(up), "tag " + tag);
    }
  }

  /**
   * An APP1 segment assembled byte by byte from the Exif specification (big-endian TIFF header,
   * IFD0 with one SHORT entry), apart from the TIFF writer the corpus uses.
   */
  @Test
  void handWrittenExifSegmentIsRead() throws IOException {
    BufferedImage upright = PhotoCorpus.scene(40, 24);
    byte[] jpeg = PhotoCorpus.jpeg(PhotoCorpus.stored(upright, 8), false);
    ByteBuffer app1 = ByteBuffer.allocate(2 + 2 + 6 + 8 + 2 + 12 + 4);
    app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (app1.capacity() - 2));
    app1.put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
    app1.put("MM".getBytes(StandardCharsets.ISO_8859_1)).putShort((short) 42).putInt(8); // IFD0 at 8
    app1.putShort((short) 1); // one entry
    app1.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 8).putShort((short) 0);
    app1.putInt(0); // no next IFD
    byte[] file = PhotoCorpus.concat(Arrays.copyOf(jpeg, 2), app1.array(),
        Arrays.copyOfRange(jpeg, 2, jpeg.length));
    assertEquals(ExifOrientation.ROTATE_90_CCW, ExifOrientation.ofJpeg(file));
    BufferedImage up = ImageLoader.load(file, "hand.jpg", ImageLoader.Policy.PHOTO);
    assertEquals("40x24", up.getWidth() + "x" + up.getHeight());
    BufferedImage asStored = ImageLoader.load(file, "hand.jpg", ImageLoader.DEFAULT_MAX_PIXELS);
    assertEquals("24x40", asStored.getWidth() + "x" + asStored.getHeight());
  }

  @Test
  void missingBrokenOrOutOfRangeTagsLeaveThePixelsAsStored() throws IOException {
    byte[] jpeg = PhotoCorpus.jpeg(PhotoCorpus.scene(20, 10), false);
    assertEquals(ExifOrientation.NORMAL, ExifOrientation.ofJpeg(jpeg));
    byte[] garbage = PhotoCorpus.concat(Arrays.copyOf(jpeg, 2),
        PhotoCorpus.segment(0xE1, "Exif\0\0MM\0*\0\0\0\u00ff\u00ff".getBytes(StandardCharsets.ISO_8859_1)),
        Arrays.copyOfRange(jpeg, 2, jpeg.length));
    assertEquals(ExifOrientation.NORMAL, ExifOrientation.ofJpeg(garbage));
    assertEquals(20, ImageLoader.load(garbage, "g.jpg", ImageLoader.Policy.PHOTO).getWidth());
    for (int tag : new int[] {0, 9, 65535}) {
      assertEquals(ExifOrientation.NORMAL, ExifOrientation.ofTiff(PhotoCorpus.exifTiff(tag, ByteOrder.LITTLE_ENDIAN)));
    }
    assertEquals(ExifOrientation.TRANSVERSE, ExifOrientation.ofTiff(PhotoCorpus.exifTiff(7, ByteOrder.LITTLE_ENDIAN)));
  }

  /** An eXIf chunk whose CRC does not match is not trusted. */
  @Test
  void pngExifWithBadCrcIsIgnored() throws IOException {
    BufferedImage stored = PhotoCorpus.scene(12, 7);
    byte[] png = PhotoCorpus.pngWithExif(PhotoCorpus.png(stored), PhotoCorpus.exifTiff(6, ByteOrder.BIG_ENDIAN));
    int crcAt = 8 + 25 + 8 + PhotoCorpus.exifTiff(6, ByteOrder.BIG_ENDIAN).length; // after eXIf's data
    png[crcAt] ^= 1;
    BufferedImage img = ImageLoader.load(png, "bad-crc.png", ImageLoader.Policy.PHOTO);
    assertArrayEquals(pixels(stored), pixels(img));
  }
}
