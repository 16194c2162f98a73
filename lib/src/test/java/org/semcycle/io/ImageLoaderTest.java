package org.semcycle.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLoaderTest {
  @TempDir Path dir;

  private static byte[] encode(BufferedImage img, String fmt) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(img, fmt, out));
    return out.toByteArray();
  }

  private static BufferedImage noise(int w, int h, long seed) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    SplittableRandom r = new SplittableRandom(seed);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, r.nextInt(1 << 24));
      }
    }
    return img;
  }

  private DataRoot rootWith(String rel, byte[] bytes) throws IOException {
    new LocalDataSink(dir).write(rel, bytes);
    return new LocalDataRoot(dir);
  }

  /** Signature + IHDR (with a correct CRC) and nothing else. */
  static byte[] pngHeaderOnly(int w, int h, int depth, int colorType) {
    ByteBuffer b = ByteBuffer.allocate(8 + 8 + 13 + 4);
    b.put(ImageHeader.PNG_SIGNATURE);
    b.putInt(13).put(new byte[] {'I', 'H', 'D', 'R'});
    b.putInt(w).putInt(h).put((byte) depth).put((byte) colorType).put((byte) 0).put((byte) 0)
        .put((byte) 0);
    CRC32 crc = new CRC32();
    crc.update(b.array(), 12, 17);
    b.putInt((int) crc.getValue());
    return b.array();
  }

  @Test
  void onePixelPngAndJpegLoad() throws IOException {
    BufferedImage one = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    one.setRGB(0, 0, 0x336699);
    DataRoot root = rootWith("a/one.png", encode(one, "png"));
    new LocalDataSink(dir).write("a/one.jpg", encode(one, "jpeg"));
    BufferedImage png = ImageLoader.load(root, "a/one.png", 1);
    assertEquals(1, png.getWidth());
    assertEquals(1, png.getHeight());
    assertEquals(0x336699, png.getRGB(0, 0) & 0xFFFFFF);
    BufferedImage jpg = ImageLoader.load(root, "a/one.jpg", 1);
    assertEquals(1, jpg.getWidth());
    ImageHeader h = ImageHeader.read(root, "a/one.jpg");
    assertEquals(ImageHeader.Format.JPEG, h.format());
    assertEquals(3, h.channels());
    assertEquals(8, h.bitDepth());
  }

  @Test
  void headerGivesSizeAndType() throws IOException {
    BufferedImage g16 = new BufferedImage(5, 3, BufferedImage.TYPE_USHORT_GRAY);
    ImageHeader h = ImageHeader.read(encode(g16, "png"), "g16.png");
    assertEquals(new ImageHeader(ImageHeader.Format.PNG, 5, 3, 16, 1, "gray"), h);
    ImageHeader j = ImageHeader.read(encode(noise(7, 4, 1), "jpeg"), "n.jpg");
    assertEquals(7, j.width());
    assertEquals(4, j.height());
    assertEquals("ycbcr", j.colorModel());
  }

  @Test
  void zeroBytePngIsRefused() throws IOException {
    DataRoot root = rootWith("empty.png", new byte[0]);
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> ImageLoader.load(root, "empty.png", 100));
    assertTrue(e.getMessage().contains("0-byte file"), e.getMessage());
    assertTrue(e.getMessage().contains("empty.png"), e.getMessage());
  }

  @Test
  void truncatedJpegIsAnErrorNotAGreyImage() throws IOException {
    byte[] full = encode(noise(64, 64, 7), "jpeg");
    assertEquals(64, ImageLoader.load(full, "full.jpg", 10_000).getWidth());
    for (int keep : new int[] {full.length * 6 / 10, full.length - 2, full.length - 1}) {
      byte[] cut = Arrays.copyOf(full, keep);
      DataFormatException e =
          assertThrows(DataFormatException.class, () -> ImageLoader.load(cut, "cut.jpg", 10_000));
      assertTrue(e.getMessage().contains("truncated JPEG"), e.getMessage());
    }
  }

  @Test
  void truncatedJpegWithEoiAppendedIsStillAnError() throws IOException {
    byte[] full = encode(noise(64, 64, 8), "jpeg");
    byte[] cut = Arrays.copyOf(full, full.length / 2 + 2);
    cut[cut.length - 2] = (byte) 0xFF;
    cut[cut.length - 1] = (byte) 0xD9;
    // EOI is present, so only the decoder can notice the missing data; it must not pass silently.
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> ImageLoader.load(cut, "cut.jpg", 10_000));
    assertTrue(e.getMessage().contains("JPEG"), e.getMessage());
  }

  @Test
  void truncatedPngIsRefused() throws IOException {
    byte[] full = encode(noise(32, 32, 3), "png");
    byte[] cut = Arrays.copyOf(full, full.length / 2);
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> ImageLoader.load(cut, "cut.png", 10_000));
    assertTrue(e.getMessage().contains("truncated PNG"), e.getMessage());
  }

  @Test
  void hugePngIsRefusedFromItsHeader() throws IOException {
    byte[] header = pngHeaderOnly(20000, 20000, 8, 2);
    ImageHeader h = ImageHeader.read(header, "huge.png");
    assertEquals(20000, h.width());
    assertEquals(20000, h.height());
    assertEquals("rgb", h.colorModel());
    DataRoot root = rootWith("huge.png", header);
    long limit = 64L << 20;
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> ImageLoader.load(root, "huge.png", limit));
    assertTrue(
        e.getMessage().contains("image is 20000x20000 (400.0 megapixels), more than the limit of "
            + limit + " pixels (67.1 megapixels); refused before decoding"),
        e.getMessage());
  }

  @Test
  void hugeJpegIsRefusedFromItsFrameHeader() {
    byte[] sof = {
      (byte) 0xFF, (byte) 0xD8, // SOI
      (byte) 0xFF, (byte) 0xE0, 0, 4, 'J', 'F', // a short APP0 segment, skipped
      (byte) 0xFF, (byte) 0xC0, 0, 17, 8, 0x4E, 0x20, 0x4E, 0x20, 3, // SOF0 20000x20000, 3 comps
      1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1
    };
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> ImageLoader.load(sof, "huge.jpg", 1 << 20));
    assertTrue(e.getMessage().contains("image is 20000x20000"), e.getMessage());
  }

  @Test
  void progressiveJpegWithSeveralScansLoads() throws IOException {
    javax.imageio.ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
    javax.imageio.ImageWriteParam p = w.getDefaultWriteParam();
    p.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (javax.imageio.stream.ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      w.setOutput(ios);
      w.write(null, new javax.imageio.IIOImage(noise(40, 30, 5), null, null), p);
    }
    w.dispose();
    byte[] bytes = out.toByteArray();
    int scans = 0;
    for (int i = 0; i + 1 < bytes.length; i++) {
      if (bytes[i] == (byte) 0xFF && bytes[i + 1] == (byte) 0xDA) {
        scans++;
      }
    }
    assertTrue(scans > 1, "progressive: several scans, found " + scans);
    BufferedImage img = ImageLoader.load(bytes, "prog.jpg", 10_000);
    assertEquals(40, img.getWidth());
    assertEquals(30, img.getHeight());
    byte[] cut = Arrays.copyOf(bytes, bytes.length * 3 / 4);
    assertThrows(DataFormatException.class, () -> ImageLoader.load(cut, "prog.jpg", 10_000));
  }

  @Test
  void corruptHeadersAreRefused() {
    DataFormatException notImage =
        assertThrows(
            DataFormatException.class,
            () -> ImageLoader.load(DataRoot.utf8("hello, world"), "x.png", 100));
    assertTrue(
        notImage.getMessage().endsWith("x.png: not an image: no PNG or JPEG signature (the file "
            + "starts with \"hello, world\")"),
        notImage.getMessage());
    byte[] badCrc = pngHeaderOnly(4, 4, 8, 2);
    badCrc[20] ^= 1;
    DataFormatException crc =
        assertThrows(DataFormatException.class, () -> ImageHeader.read(badCrc, "crc.png"));
    assertTrue(crc.getMessage().contains("CRC"), crc.getMessage());
    byte[] shortJpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J'};
    DataFormatException j =
        assertThrows(DataFormatException.class, () -> ImageHeader.read(shortJpeg, "s.jpg"));
    assertTrue(j.getMessage().contains("truncated JPEG"), j.getMessage());
  }
}
