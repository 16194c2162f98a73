package org.semcycle.rendering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.semcycle.io.DataFormatException;
import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Viewpoint;

class ImageCodecTest {
  private static RenderOutput render() {
    Camera cam = Camera.lookAt(Viewpoint.of(30, 20, 2), 48, 40, 45);
    return new Rasterizer(RenderSettings.DEFAULT.withBackground(Background.clutter()).withSupersample(2))
        .render(PrimitiveMeshes.perfObject(), cam, 11);
  }

  @Test
  void rgbAndSilhouetteRoundTripExactly() throws Exception {
    RenderOutput r = render();
    byte[] rgb = ImageCodec.encodeRgb(r);
    assertArrayEquals(r.rgb(), ImageCodec.decodeRgbPacked(rgb, "rgb.png"));
    FloatImage f = ImageCodec.decodeRgb(rgb, "rgb.png");
    assertEquals(3, f.channels());
    assertEquals(((r.rgbAt(20, 20) >> 8) & 255) / 255f, f.get(20, 20, 1), 1e-7);
    byte[] sil = ImageCodec.encodeSilhouette(r);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(sil));
    assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType());
    FloatImage s = ImageCodec.decodeSilhouette(sil, "sil.png");
    for (int i = 0; i < r.silhouette().length; i++) {
      assertEquals((r.silhouette()[i] & 255) / 255f, s.data()[i], 1e-7);
    }
  }

  @Test
  void depthRoundTripsWithinOneStepOfItsRange() throws Exception {
    RenderOutput r = render();
    ImageCodec.EncodedDepth enc = ImageCodec.encodeDepth(r);
    double[] range = r.depthRange();
    assertEquals(range[0], enc.zmin(), 0);
    assertEquals(range[1], enc.zmax(), 0);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(enc.png()));
    assertEquals(16, img.getRaster().getSampleModel().getSampleSize(0));
    FloatImage d = ImageCodec.decodeDepth(enc.png(), enc.zmin(), enc.zmax(), "depth.png");
    double step = (enc.zmax() - enc.zmin()) / 65534;
    int fg = 0;
    for (int i = 0; i < r.depth().length; i++) {
      float z = r.depth()[i];
      if (z > 0) {
        fg++;
        assertEquals(z, d.data()[i], step / 2 + 1e-6);
        assertTrue(img.getRaster().getSample(i % r.width(), i / r.width(), 0) >= 1);
      } else {
        assertEquals(0f, d.data()[i]);
        assertEquals(0, img.getRaster().getSample(i % r.width(), i / r.width(), 0));
      }
    }
    assertTrue(fg > 100);
    // nearest and farthest pixels use the ends of the code range
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (int y = 0; y < r.height(); y++) {
      for (int x = 0; x < r.width(); x++) {
        int v = img.getRaster().getSample(x, y, 0);
        if (v > 0) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    assertEquals(1, min);
    assertEquals(65535, max);
  }

  @Test
  void normalsRoundTripWithinQuantisation() {
    RenderOutput r = render();
    FloatImage n = ImageCodec.decodeNormals(ImageCodec.encodeNormals(r), "normals.png");
    for (int i = 0; i < r.width() * r.height(); i++) {
      for (int c = 0; c < 3; c++) {
        assertEquals(r.normals()[3 * i + c], n.data()[3 * i + c], 1.0 / 255 + 1e-6);
      }
    }
    // encoding by the formula: (0, 0, -1) is (128, 128, 0)
    float[] one = {0, 0, -1};
    int[] px = ImageCodec.decodeRgbPacked(ImageCodec.encodeNormals(one, 1, 1), "n");
    assertEquals(0x808000, px[0] & 0xFFFFFF);
  }

  @Test
  void constantDepthAndEmptyImagesEncode() {
    float[] flat = {0, 2.5f, 2.5f, 0};
    ImageCodec.EncodedDepth e = ImageCodec.encodeDepth(flat, 2, 2);
    FloatImage d = ImageCodec.decodeDepth(e.png(), e.zmin(), e.zmax(), "flat");
    assertArrayEquals(flat, d.data());
    ImageCodec.EncodedDepth empty = ImageCodec.encodeDepth(new float[4], 2, 2);
    assertEquals(0, empty.zmin());
    assertArrayEquals(new float[4], ImageCodec.decodeDepth(empty.png(), 0, 0, "empty").data());
  }

  @Test
  void badBytesNameTheirSource() {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> ImageCodec.decodeRgb(new byte[] {1, 2, 3}, "views/0001/rgb.png"));
    assertEquals("views/0001/rgb.png", e.file());
    byte[] eightBit = ImageCodec.encodeGray8(new byte[4], 2, 2);
    DataFormatException wrongDepth = assertThrows(DataFormatException.class,
        () -> ImageCodec.decodeDepth(eightBit, 1, 2, "views/0001/depth.png"));
    assertTrue(wrongDepth.getMessage().contains("16-bit"));
  }

  @Test
  void chwLayout() {
    FloatImage f = new FloatImage(2, 1, 3, new float[] {1, 2, 3, 4, 5, 6});
    assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, f.toChw());
  }
}
