package org.semcycle.visualize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.semcycle.visualize.KeypointOverlay.Mark;

class KeypointOverlayTest {
  static BufferedImage grey(int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, 0x404040);
      }
    }
    return img;
  }

  static int at(BufferedImage img, double x, double y, double scale) {
    return img.getRGB((int) ((x + 0.5) * scale), (int) ((y + 0.5) * scale)) & 0xFFFFFF;
  }

  @Test
  void filledDiscForVisibleHollowForInvisibleCrossForTruthAndLine() {
    BufferedImage img = grey(64, 48);
    BufferedImage before = grey(64, 48);
    BufferedImage out = new KeypointOverlay(img)
        .scale(4)
        .predicted(List.of(Mark.of(1, 10, 10), new Mark(2, 40, 30, false), new Mark(3, Double.NaN, Double.NaN, false)))
        .truth(List.of(Mark.of(1, 10, 30)))
        .render();
    assertEquals(256, out.getWidth());
    assertEquals(192, out.getHeight());
    assertEquals(KeypointOverlay.colour(1).getRGB() & 0xFFFFFF, at(out, 10, 10, 4), "filled disc centre");
    assertEquals(0x404040, at(out, 40, 30, 4), "hollow circle: centre shows the image");
    int ring = 0;
    for (int dx = -6; dx <= 6; dx++) {
      ring += (out.getRGB(162 + dx, 122) & 0xFFFFFF) == (KeypointOverlay.colour(2).getRGB() & 0xFFFFFF) ? 1 : 0;
    }
    assertTrue(ring >= 2, "ring of the invisible prediction on both sides of its centre");
    assertEquals(KeypointOverlay.colour(1).getRGB() & 0xFFFFFF, at(out, 10, 30, 4), "cross centre of the truth");
    assertEquals(0xFFFFFF, at(out, 10, 20, 4), "white line from prediction to truth");
    assertEquals(0x404040, at(out, 30, 5, 4), "elsewhere the image");
    assertEquals(before.getRGB(10, 10), img.getRGB(10, 10), "input untouched");
  }

  @Test
  void silhouetteOutlineAndTitle() throws Exception {
    BufferedImage img = grey(20, 20);
    boolean[] mask = new boolean[400];
    for (int y = 5; y < 15; y++) {
      for (int x = 5; x < 15; x++) {
        mask[y * 20 + x] = true;
      }
    }
    BufferedImage out = new KeypointOverlay(img).scale(2).silhouette(mask).title("chair_1").render();
    assertEquals(40 + 16, out.getHeight());
    int yellow = new Color(255, 220, 0).getRGB() & 0xFFFFFF;
    assertEquals(yellow, out.getRGB(5 * 2, 16 + 5 * 2) & 0xFFFFFF, "boundary pixel");
    assertEquals(yellow, out.getRGB(14 * 2, 16 + 10 * 2) & 0xFFFFFF, "boundary pixel");
    assertEquals(0x404040, out.getRGB(10 * 2, 16 + 10 * 2) & 0xFFFFFF, "interior not drawn");
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(KeypointOverlay.png(out)));
    assertEquals(out.getWidth(), back.getWidth());
  }

  @Test
  void defaultScaleEnlargesSmallImages() {
    BufferedImage out = new KeypointOverlay(grey(48, 32)).render();
    assertTrue(Math.max(out.getWidth(), out.getHeight()) >= KeypointOverlay.DEFAULT_MIN_SIDE);
    assertEquals(300, new KeypointOverlay(grey(300, 10)).render().getWidth());
  }

  @Test
  void pairJoinsSourceKeypointsToTargetPredictions() {
    KeypointOverlay src = new KeypointOverlay(grey(32, 32)).scale(2).truth(List.of(Mark.of(4, 5, 16))).title("src");
    KeypointOverlay trg = new KeypointOverlay(grey(32, 32)).scale(2).predicted(List.of(Mark.of(4, 26, 16))).title("trg");
    BufferedImage out = KeypointOverlay.pair(src, trg);
    assertEquals(64 + 6 + 64, out.getWidth());
    assertEquals(64 + 16, out.getHeight());
    // The line crosses the gap between the images at the keypoints' height.
    int gapPixel = out.getRGB(64 + 3, 16 + 33) & 0xFFFFFF;
    assertNotEquals(Color.DARK_GRAY.getRGB() & 0xFFFFFF, gapPixel, "line across the gap");
  }
}
