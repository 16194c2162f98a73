package org.semcycle.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.semcycle.testing.PhotoCorpus;

/**
 * Broken copies of a valid JPEG (with Exif) and PNG (with eXIf), cut and bit-flipped at many
 * offsets: each load gives an image or a one-line DataFormatException naming the file, nothing
 * else (no IIOException, ArrayIndexOutOfBoundsException, ...), and every strict prefix is refused.
 */
class ImageLoaderFuzzTest {
  private static final int[] FLIPS = {0x01, 0x80, 0xFF};

  /** Outcome counts by kind: "image", or the problem's first words. */
  private static final class Tally {
    final Map<String, Integer> counts = new TreeMap<>();
    int images;

    /** Loads the bytes; returns true when an image came back. */
    boolean load(byte[] bytes, String source) {
      try {
        BufferedImage img = ImageLoader.load(bytes, source, ImageLoader.Policy.PHOTO);
        assertEquals(BufferedImage.TYPE_INT_RGB, img.getType(), source);
        images++;
        return true;
      } catch (DataFormatException e) {
        assertEquals(source, e.file(), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        String problem = e.problem();
        int cut = problem.indexOf(':') > 0 ? problem.indexOf(':') : Math.min(problem.length(), 24);
        counts.merge(problem.substring(0, cut), 1, Integer::sum);
        return false;
      }
    }
  }

  /**
   * Every cut, and flips of {@link #FLIPS} at every offset, within the headers (up to the first
   * JPEG scan or PNG IDAT chunk, plus 16 bytes); about 200 of each spread over the rest.
   */
  private static void fuzz(byte[] valid, String name) {
    Tally t = new Tally();
    assertTrue(t.load(valid, name), "the valid file loads");
    int dense = headerEnd(valid) + 16;
    int step = Math.max(1, (valid.length - dense) / 200);
    int flips = 0;
    for (int i = 0; i < valid.length; i += (i < dense ? 1 : step)) {
      assertFalse(t.load(Arrays.copyOf(valid, i), name + " cut at " + i), name + " cut at " + i);
      for (int f : (i < dense ? FLIPS : new int[] {FLIPS[i % FLIPS.length]})) {
        byte[] b = valid.clone();
        b[i] ^= (byte) f;
        t.load(b, name + " byte " + i + " ^ " + f);
        flips++;
      }
    }
    System.out.printf("%s (%d bytes, headers %d): %d flips, %d loaded; refusals by problem: %s%n",
        name, valid.length, dense - 16, flips, t.images - 1, t.counts);
  }

  /** Offset of the first JPEG SOS marker or PNG IDAT chunk type. */
  private static int headerEnd(byte[] b) {
    for (int i = 0; i + 3 < b.length; i++) {
      if ((b[i] == (byte) 0xFF && b[i + 1] == (byte) 0xDA)
          || (b[i] == 'I' && b[i + 1] == 'D' && b[i + 2] == 'A' && b[i + 3] == 'T')) {
        return i;
      }
    }
    throw new IllegalArgumentException("no scan or IDAT");
  }

  @Test
  void brokenJpegsGiveAnImageOrADataFormatException() throws IOException {
    byte[] jpeg = PhotoCorpus.exifJpeg(PhotoCorpus.scene(48, 32), 6, ByteOrder.BIG_ENDIAN);
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> fuzz(jpeg, "fuzz.jpg"));
  }

  @Test
  void brokenProgressiveAndCmykJpegsToo() throws IOException {
    byte[] progressive = PhotoCorpus.jpeg(PhotoCorpus.scene(32, 24), true);
    byte[] cmyk = PhotoCorpus.cmykJpeg(PhotoCorpus.scene(32, 24));
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      fuzz(progressive, "fuzz-progressive.jpg");
      fuzz(cmyk, "fuzz-cmyk.jpg");
    });
  }

  @Test
  void brokenPngsGiveAnImageOrADataFormatException() throws IOException {
    byte[] png = PhotoCorpus.pngWithExif(PhotoCorpus.png(PhotoCorpus.scene(48, 32)),
        PhotoCorpus.exifTiff(3, ByteOrder.LITTLE_ENDIAN));
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> fuzz(png, "fuzz.png"));
  }
}
