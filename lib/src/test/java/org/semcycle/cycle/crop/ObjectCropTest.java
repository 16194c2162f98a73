package org.semcycle.cycle.crop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.semcycle.rendering.camera.Intrinsics;

class ObjectCropTest {

  @Test
  void pixelCentresRoundTripAndTheBoxSitsCentredWithTheMargin() {
    ObjectCrop c = ObjectCrop.aroundBox(new double[] {100, 40, 199, 89}, 1.5, 64);
    assertEquals(150, c.side(), 1e-12); // max(100, 50) * 1.5
    // The box's centre (149.5, 64.5) is the crop's centre (31.5, 31.5).
    assertEquals(31.5, c.toCropX(149.5), 1e-9);
    assertEquals(31.5, c.toCropY(64.5), 1e-9);
    // The box's left edge (99.5) is 25 original px from the window's edge: 25 / (150/64) crop px.
    assertEquals(25 / (150.0 / 64) - 0.5, c.toCropX(99.5), 1e-9);
    for (double x : new double[] {-3.2, 0, 17.25, 640}) {
      assertEquals(x, c.toOriginalX(c.toCropX(x)), 1e-9);
      assertEquals(x, c.toOriginalY(c.toCropY(x)), 1e-9);
    }
  }

  @Test
  void intrinsicsMappedToTheCropProjectAsTheCropOfTheOriginalProjection() {
    ObjectCrop c = ObjectCrop.aroundBox(new double[] {37, 12, 120, 160}, ObjectCrop.REFERENCE_MARGIN, 48);
    Intrinsics orig = new Intrinsics(200, 180, 210, 101.3, 88.7);
    Intrinsics crop = c.toCrop(orig);
    double[][] rays = {{0.1, -0.2}, {-0.3, 0.25}, {0, 0}};
    for (double[] r : rays) {
      double u = orig.f() * r[0] + orig.cx();
      double v = orig.f() * r[1] + orig.cy();
      assertEquals(c.toCropX(u), crop.f() * r[0] + crop.cx(), 1e-9);
      assertEquals(c.toCropY(v), crop.f() * r[1] + crop.cy(), 1e-9);
    }
    Intrinsics back = c.toOriginal(crop, 200, 180);
    assertEquals(orig.f(), back.f(), 1e-9);
    assertEquals(orig.cx(), back.cx(), 1e-9);
    assertEquals(orig.cy(), back.cy(), 1e-9);
  }

  @Test
  void aWhiteRectangleCropsToACentredSquareWithEdgePadding() {
    BufferedImage img = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.BLUE);
    g.fillRect(0, 0, 300, 200);
    g.setColor(Color.WHITE);
    g.fillRect(200, 50, 80, 80); // pixels 200..279 x 50..129
    g.dispose();
    float[] mask = new float[300 * 200];
    for (int y = 50; y < 130; y++) {
      for (int x = 200; x < 280; x++) {
        mask[y * 300 + x] = 1;
      }
    }
    double[] box = ObjectCrop.maskBox(mask, 300, 200);
    assertEquals(200, box[0]);
    assertEquals(279, box[2]);
    ObjectCrop c = ObjectCrop.aroundBox(box, 2.0, 40);
    float[] rgb = CropSampler.rgb(img, c);
    int n = 40 * 40;
    int white = 0;
    for (int i = 0; i < n; i++) {
      if (rgb[i] > 0.99f && rgb[2 * n + i] > 0.99f) {
        white++;
      }
    }
    assertEquals(20 * 20, white, 8); // the square fills half the side
    // Right of the image (x > 299) is padded with the edge column: blue, not black.
    assertEquals(1f, rgb[2 * n + 20 * 40 + 39], 1e-6);
    float[] m = CropSampler.planes(mask, 300, 200, 1, c, CropSampler.Mode.NEAREST);
    double[] cropBox = ObjectCrop.maskBox(m, 40, 40);
    assertEquals(10, cropBox[0]);
    assertEquals(29, cropBox[2]);
    assertNull(ObjectCrop.maskBox(new float[4], 2, 2));
  }
}
