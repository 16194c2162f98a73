package org.semcycle.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.testing.PhotoCorpus;
import org.semcycle.testing.PhotoCorpus.Comparison;
import org.semcycle.testing.PhotoCorpus.Loads;
import org.semcycle.testing.PhotoCorpus.Outcome;
import org.semcycle.testing.PhotoCorpus.Rejected;

/** Every file of the photo corpus loads (or is refused) as its manifest says. */
class PhotoCorpusTest {
  @TempDir static Path dir;
  static PhotoCorpus.Corpus corpus;
  static DataRoot root;

  @BeforeAll
  static void writeCorpus() throws IOException {
    corpus = PhotoCorpus.write(dir);
    root = new LocalDataRoot(dir);
  }

  @Test
  void everyFileLoadsOrIsRefusedAsTheManifestSays() {
    for (Map.Entry<String, Outcome> e : corpus.manifest().entrySet()) {
      String rel = e.getKey();
      if (e.getValue() instanceof Loads want) {
        BufferedImage img = ImageLoader.loadPhoto(root, rel);
        assertEquals(BufferedImage.TYPE_INT_RGB, img.getType(), rel);
        assertEquals(want.width() + "x" + want.height(), img.getWidth() + "x" + img.getHeight(), rel);
        double diff = PhotoCorpus.meanAbsDifference(img, want);
        System.out.printf("%-40s loads %dx%d, mean abs difference %.3f (tolerance %.1f)%n", rel,
            img.getWidth(), img.getHeight(), diff, want.tolerance());
        assertTrue(diff <= want.tolerance(), rel + ": mean abs difference " + diff);
      } else {
        Rejected want = (Rejected) e.getValue();
        DataFormatException x =
            assertThrows(DataFormatException.class, () -> ImageLoader.loadPhoto(root, rel), rel);
        System.out.printf("%-40s refused: %s%n", rel, x.problem());
        assertTrue(x.getMessage().contains(want.reason()), x.getMessage());
        assertEquals(root.describe(rel), x.file());
        assertFalse(x.getMessage().contains("\n"), x.getMessage());
      }
    }
  }

  @Test
  void grayFilesLoadGray() {
    for (String rel : new String[] {"gray.jpg", "gray16.png", "gray-alpha.png"}) {
      BufferedImage img = ImageLoader.loadPhoto(root, rel);
      for (int y = 0; y < img.getHeight(); y++) {
        for (int x = 0; x < img.getWidth(); x++) {
          int p = img.getRGB(x, y);
          assertEquals((p >> 16) & 0xFF, p & 0xFF, rel);
          assertEquals((p >> 8) & 0xFF, p & 0xFF, rel);
        }
      }
    }
  }

  /** The tolerances tell a turned picture from an upright one, by far. */
  @Test
  void storedLayoutOfTheRotatedFilesDoesNotMatch() {
    Loads scene = new Loads(PhotoCorpus.WIDTH, PhotoCorpus.HEIGHT, corpus.scene(), Comparison.RGB,
        PhotoCorpus.JPEG_TOLERANCE);
    ImageLoader.Policy stored = ImageLoader.Policy.dataSet(ImageLoader.PHOTO_MAX_PIXELS);
    BufferedImage halfTurn = ImageLoader.load(root, "orientation-3.jpg", stored);
    double diff = PhotoCorpus.meanAbsDifference(halfTurn, scene);
    System.out.println("stored half turn: mean abs difference " + diff);
    assertTrue(diff > 5 * PhotoCorpus.JPEG_TOLERANCE, "stored half turn differs by only " + diff);
    BufferedImage quarter = ImageLoader.load(root, "ORIENTATION-6.JPG", stored);
    assertEquals(PhotoCorpus.HEIGHT + "x" + PhotoCorpus.WIDTH, quarter.getWidth() + "x" + quarter.getHeight());
    BufferedImage mirrored = PhotoCorpus.stored(corpus.scene(), 2);
    double mirror = PhotoCorpus.meanAbsDifference(mirrored, scene);
    System.out.println("mirrored: mean abs difference " + mirror);
    assertTrue(mirror > 5 * PhotoCorpus.JPEG_TOLERANCE, "mirror differs by only " + mirror);
  }
  /** The files are the kinds their names say, so that the loads above test what they claim. */
  @Test
  void filesAreTheKindsTheirNamesSay() {
    assertEquals(4, header("cmyk.jpg").channels());
    assertEquals(0, adobeTransform(PhotoCorpus.bytes(corpus, "cmyk.jpg")));
    assertEquals(4, header("ycck.jpg").channels());
    assertEquals(2, adobeTransform(PhotoCorpus.bytes(corpus, "ycck.jpg")));
    assertEquals(1, header("gray.jpg").channels());
    assertEquals(new ImageHeader(ImageHeader.Format.PNG, 96, 64, 16, 3, "rgb"), header("rgb16.png"));
    assertEquals(new ImageHeader(ImageHeader.Format.PNG, 96, 64, 16, 1, "gray"), header("gray16.png"));
    assertEquals("palette", header("palette.png").colorModel());
    assertEquals("rgba", header("alpha.png").colorModel());
    assertEquals("gray+alpha", header("gray-alpha.png").colorModel());
    assertTrue(hasMarker(PhotoCorpus.bytes(corpus, "nested/2024/progressive.jpg"), 0xC2));
    String[] turned = {"orientation-3.jpg", "ORIENTATION-6.JPG", "orientation-8.jpeg"};
    for (int i = 0; i < 3; i++) {
      byte[] b = PhotoCorpus.bytes(corpus, turned[i]);
      assertEquals(new int[] {3, 6, 8}[i], ExifOrientation.ofJpeg(b).tag(), turned[i]);
      assertFalse(hasMarker(b, 0xE0), turned[i] + ": Exif in place of JFIF, as cameras write");
    }
    assertEquals(ExifOrientation.ROTATE_90_CW, ExifOrientation.ofPng(
        PhotoCorpus.bytes(corpus, "nested/2024/phone/orientation-6.png"),
        PngChunks.walk(PhotoCorpus.bytes(corpus, "nested/2024/phone/orientation-6.png"), "o6")));
  }

  private static ImageHeader header(String rel) {
    return ImageHeader.read(root, rel);
  }

  /** Whether a JPEG marker segment of this type precedes the first scan. */
  private static boolean hasMarker(byte[] jpeg, int marker) {
    for (int pos = 2; pos + 4 <= jpeg.length; ) {
      int m = jpeg[pos + 1] & 0xFF;
      if (m == marker) {
        return true;
      }
      if (m == 0xDA) {
        return false;
      }
      pos += 2 + (((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF));
    }
    return false;
  }

  /** The transform byte of the Adobe APP14 segment ("Adobe", version, flags0, flags1, transform). */
  private static int adobeTransform(byte[] jpeg) {
    for (int pos = 2; pos + 4 <= jpeg.length; ) {
      if ((jpeg[pos + 1] & 0xFF) == 0xEE) {
        return jpeg[pos + 4 + 11] & 0xFF;
      }
      pos += 2 + (((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF));
    }
    throw new AssertionError("no Adobe APP14 segment");
  }
}
