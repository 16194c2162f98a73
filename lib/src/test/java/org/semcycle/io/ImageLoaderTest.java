package org.semcycle.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReader;
import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.testing.PhotoCorpus;

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
    BufferedImage scene = PhotoCorpus.scene(64, 64);
    byte[][] kinds = {
      encode(noise(64, 64, 8), "jpeg"), PhotoCorpus.jpeg(scene, true), PhotoCorpus.cmykJpeg(scene),
      PhotoCorpus.ycckJpeg(scene), encode(PhotoCorpus.scene(64, 64), "jpeg")
    };
    String[] names = {"noise.jpg", "progressive.jpg", "cmyk.jpg", "ycck.jpg", "scene.jpg"};
    for (int k = 0; k < kinds.length; k++) {
      byte[] full = kinds[k];
      assertEquals(64, ImageLoader.load(full, names[k], 10_000).getWidth());
      byte[] cut = Arrays.copyOf(full, full.length * 2 / 3 + 2);
      cut[cut.length - 2] = (byte) 0xFF;
      cut[cut.length - 1] = (byte) 0xD9;
      // EOI is present, so only the decoder can notice the missing data; it must not pass silently.
      String name = names[k];
      DataFormatException e =
          assertThrows(DataFormatException.class, () -> ImageLoader.load(cut, name, 10_000), name);
      assertTrue(e.getMessage().contains("JPEG"), e.getMessage());
    }
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
  @Test
  void jpegReaderIsTwelveMonkeysEvenWhenTheJdkReaderIsOrderedFirst() throws IOException {
    IIORegistry registry = IIORegistry.getDefaultInstance();
    ImageReaderSpi tm = registry.getServiceProviderByClass(JPEGImageReaderSpi.class);
    ImageReaderSpi jdk = ImageDecoder.registeredProvider("com.sun.imageio.plugins.jpeg.JPEGImageReaderSpi");
    byte[] brokenIcc = PhotoCorpus.brokenIccJpeg(PhotoCorpus.jpeg(PhotoCorpus.scene(16, 8), false));
    registry.unsetOrdering(ImageReaderSpi.class, tm, jdk);
    registry.setOrdering(ImageReaderSpi.class, jdk, tm);
    try {
      assertEquals(jdk.getClass(), ImageIO.getImageReadersByFormatName("jpeg").next()
          .getOriginatingProvider().getClass(), "precondition: javax.imageio prefers the JDK's");
      assertThrows(IOException.class,
          () -> ImageIO.read(new ByteArrayInputStream(brokenIcc)), "the JDK's reader fails");
      assertEquals(JPEGImageReader.class, ImageDecoder.newReader(ImageHeader.Format.JPEG).getClass());
      assertEquals(16, ImageLoader.load(brokenIcc, "broken-icc.jpg", 1000).getWidth());
    } finally {
      registry.unsetOrdering(ImageReaderSpi.class, jdk, tm);
      registry.setOrdering(ImageReaderSpi.class, tm, jdk);
    }
  }

  /** Junk between the last scan and EOI (libjpeg: "extraneous bytes before marker 0xd9"). */
  @Test
  void bytesBeforeTheEndMarkerLoadTheSamePixels() throws IOException {
    byte[] clean = encode(noise(24, 16, 11), "jpeg");
    byte[] junk = PhotoCorpus.concat(Arrays.copyOf(clean, clean.length - 2), new byte[] {0x12, 0x34},
        Arrays.copyOfRange(clean, clean.length - 2, clean.length));
    BufferedImage a = ImageLoader.load(clean, "clean.jpg", 1000);
    BufferedImage b = ImageLoader.load(junk, "junk.jpg", 1000);
    assertArrayEquals(a.getRGB(0, 0, 24, 16, null, 0, 24), b.getRGB(0, 0, 24, 16, null, 0, 24));
    byte[] midScan = clean.clone();
    midScan[clean.length / 2] = (byte) 0xFF; // a marker inside the scan: pixels are lost
    midScan[clean.length / 2 + 1] = (byte) 0xC4;
    assertThrows(DataFormatException.class, () -> ImageLoader.load(midScan, "mid.jpg", 1000));
  }

  /** Gray samples are copied to R = G = B; the JDK's getRGB would brighten 128 to 188. */
  @Test
  void graySamplesAreCopiedNotTreatedAsLinearLight() throws IOException {
    BufferedImage g = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
    g.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 128, 255});
    assertEquals(0xBCBCBC, g.getRGB(1, 0) & 0xFFFFFF, "precondition: the JDK's conversion");
    BufferedImage img = ImageLoader.load(encode(g, "png"), "g.png", 10);
    assertEquals(BufferedImage.TYPE_INT_RGB, img.getType());
    assertArrayEquals(new int[] {0xFF000000, 0xFF808080, 0xFFFFFFFF}, img.getRGB(0, 0, 3, 1, null, 0, 3));
    BufferedImage jpg = ImageLoader.load(encode(g, "jpeg"), "g.jpg", 10);
    int mid = jpg.getRGB(1, 0) & 0xFF;
    assertTrue(Math.abs(mid - 128) <= 3, "gray JPEG 128 read as " + mid);
  }

  @Test
  void unreadableFilesAreBadInputNetworkErrorsAreNot() throws IOException {
    DataRoot real = rootWith("p.jpg", encode(noise(4, 4, 1), "jpeg"));
    DataRoot denied = failingOpen(real, new java.nio.file.AccessDeniedException("p.jpg"));
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> ImageLoader.loadPhoto(denied, "p.jpg"));
    assertEquals(real.describe("p.jpg") + ": unreadable (permission denied)", e.getMessage());
    DataRoot folder = failingOpen(real, new java.nio.file.FileSystemException("p.jpg", null, "Is a directory"));
    assertTrue(assertThrows(DataFormatException.class, () -> ImageLoader.loadPhoto(folder, "p.jpg"))
        .getMessage().endsWith("unreadable (Is a directory)"));
    DataRoot flaky = failingOpen(real, new IOException("connection reset"));
    assertThrows(java.io.UncheckedIOException.class, () -> ImageLoader.loadPhoto(flaky, "p.jpg"));
    DataFormatException missing =
        assertThrows(DataFormatException.class, () -> ImageLoader.loadPhoto(real, "none.jpg"));
    assertTrue(missing.getMessage().endsWith("none.jpg: file not found"), missing.getMessage());
  }

  /** The data root, except that opening a file throws {@code e}. */
  private static DataRoot failingOpen(DataRoot r, IOException e) {
    return new DataRoot() {
      @Override
      public java.io.InputStream open(String relPath) throws IOException {
        throw e;
      }

      @Override
      public boolean exists(String relPath) {
        return r.exists(relPath);
      }

      @Override
      public long length(String relPath) {
        return r.length(relPath);
      }

      @Override
      public java.util.List<String> list(String relDir) {
        return r.list(relDir);
      }

      @Override
      public String describe(String relPath) {
        return r.describe(relPath);
      }
    };
  }

  @Test
  void otherFormatsAreNamed() throws IOException {
    String[][] cases = {
      {"GIF89a\1\0\1\0", "unsupported image format: GIF"},
      {"RIFF\0\0\0\0WEBPVP8 ", "unsupported image format: WebP"},
      {"\0\0\0\30ftypheic\0\0\0\0", "unsupported image format: HEIF/HEIC"},
      {"\0\0\0\30ftypavif\0\0\0\0", "unsupported image format: AVIF"},
      {"\0\0\0\30ftypisom\0\0\0\0", "not an image"},
      {"II*\0\10\0\0\0", "unsupported image format: TIFF"},
      {"BM6\0\0\0\0\0\0\0\66\0\0\0", "unsupported image format: BMP"},
      {"%PDF-1.7", "not an image: no PNG or JPEG signature (the file starts with \"%PDF-1.7\")"},
      {"\1\2\3", "not an image: no PNG or JPEG signature (the file starts with bytes 01 02 03)"},
    };
    for (String[] c : cases) {
      byte[] bytes = c[0].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      DataFormatException e =
          assertThrows(DataFormatException.class, () -> ImageLoader.load(bytes, "f.jpg", ImageLoader.Policy.PHOTO));
      assertTrue(e.getMessage().startsWith("f.jpg: " + c[1]), e.getMessage());
    }
    BufferedImage img = noise(4, 4, 2);
    DataFormatException gif = assertThrows(DataFormatException.class,
        () -> ImageLoader.load(encode(img, "gif"), "real.gif", 100));
    assertTrue(gif.getMessage().contains("GIF (only PNG and JPEG are read)"), gif.getMessage());
  }

  @Test
  void photoLimitIsOneHundredMegapixelsFromTheHeader() {
    byte[] exactly = pngHeaderOnly(10000, 10000, 8, 2);
    DataFormatException ok = assertThrows(DataFormatException.class,
        () -> ImageLoader.load(exactly, "100mp.png", ImageLoader.Policy.PHOTO));
    assertTrue(ok.getMessage().contains("truncated PNG"), "passes the limit: " + ok.getMessage());
    byte[] over = pngHeaderOnly(10001, 10000, 8, 2);
    DataFormatException big = assertThrows(DataFormatException.class,
        () -> ImageLoader.load(over, "big.png", ImageLoader.Policy.PHOTO));
    assertTrue(big.getMessage().endsWith("big.png: image is 10001x10000 (100.0 megapixels), more than the "
        + "limit of 100000000 pixels (100.0 megapixels); refused before decoding"), big.getMessage());
    DataFormatException dataSet = assertThrows(DataFormatException.class,
        () -> ImageLoader.load(exactly, "100mp.png", ImageLoader.DEFAULT_MAX_PIXELS));
    assertTrue(dataSet.getMessage().contains("more than the limit of 67108864 pixels"), dataSet.getMessage());
  }

  @Test
  void oddSizesAndAspectRatiosLoad() throws IOException {
    for (int[] size : new int[][] {{1, 1}, {1, 700}, {700, 1}, {3, 5}, {1023, 2}}) {
      BufferedImage src = noise(size[0], size[1], size[0] * 31L + size[1]);
      for (String fmt : new String[] {"png", "jpeg"}) {
        BufferedImage img = ImageLoader.load(encode(src, fmt), "odd." + fmt, ImageLoader.Policy.PHOTO);
        assertEquals(size[0] + "x" + size[1], img.getWidth() + "x" + img.getHeight(), fmt);
        if (fmt.equals("png")) {
          assertArrayEquals(src.getRGB(0, 0, size[0], size[1], null, 0, size[0]),
              img.getRGB(0, 0, size[0], size[1], null, 0, size[0]));
        }
      }
    }
  }
}
