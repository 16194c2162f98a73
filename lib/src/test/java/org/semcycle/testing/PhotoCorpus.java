package org.semcycle.testing;

import com.twelvemonkeys.imageio.color.ColorSpaces;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFEntry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFWriter;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * A folder of photos as users have them, all made from one rendered scene of known content
 * ({@link #scene}: a gradient with a red box top left, a green triangle top right, a blue ellipse
 * bottom right and a dark bar bottom left, so that any turn or mirror of it differs from it), with
 * a manifest of what loading each file as a photo must give ({@link #write}): baseline,
 * progressive, grayscale, CMYK, YCCK and broken-ICC JPEGs, JPEGs whose Exif orientation (3, 6, 8)
 * turns rotated pixels upright, 16-bit, palette and alpha PNGs, a PNG with an eXIf chunk, a wide
 * and a tall image, upper-case extensions and a nested folder; and files that must be refused: a
 * header claiming 400 megapixels, truncated and bit-flipped files, a text file, an empty file and
 * a GIF, each with an image extension.
 *
 * <p>Shared with jobs' tests through lib's test-jar. Everything is deterministic (no random
 * choice).
 */
public final class PhotoCorpus {
  private PhotoCorpus() {}

  /** Size of the scene most files show. */
  public static final int WIDTH = 96;

  public static final int HEIGHT = 64;

  /** Largest mean absolute difference per channel for JPEG at quality {@value #QUALITY}. */
  public static final double JPEG_TOLERANCE = 8;

  /** Same for CMYK and YCCK JPEGs, converted back through an approximate CMYK to RGB. */
  public static final double CMYK_TOLERANCE = 10;

  static final float QUALITY = 0.92f;

  /** How a loaded image is compared with its reference. */
  public enum Comparison {
    /** Each of R, G, B against the reference's. */
    RGB,
    /** Each of R, G, B against the reference's luminance {@link #luma}: a gray image. */
    LUMINANCE
  }

  /** What loading a file as a photo gives. */
  public sealed interface Outcome permits Loads, Rejected {}

  /**
   * The file loads as a {@code width x height} image whose mean absolute difference per channel
   * from {@code reference} ({@link #meanAbsDifference}) is at most {@code tolerance}.
   */
  public record Loads(
      int width, int height, BufferedImage reference, Comparison comparison, double tolerance)
      implements Outcome {}

  /** The file is refused with a DataFormatException whose message contains {@code reason}. */
  public record Rejected(String reason) implements Outcome {}

  /** The folder written, the scene, and relative path (with '/') to outcome, sorted. */
  public record Corpus(Path root, BufferedImage scene, SortedMap<String, Outcome> manifest) {}

  /** Writes the corpus below {@code root} (created if absent). */
  public static Corpus write(Path root) throws IOException {
    BufferedImage scene = scene(WIDTH, HEIGHT);
    SortedMap<String, Outcome> m = new TreeMap<>();
    Writer w = new Writer(root, m);
    Loads asScene = new Loads(WIDTH, HEIGHT, scene, Comparison.RGB, JPEG_TOLERANCE);

    byte[] photo = jpeg(scene, false);
    w.file("photo.jpg", photo, asScene);
    w.file("Resaved.Png", png(ImageIO.read(new ByteArrayInputStream(photo))), asScene);
    w.file("nested/2024/progressive.jpg", jpeg(scene, true), asScene);
    w.file("gray.jpg", jpeg(gray(scene), false),
        new Loads(WIDTH, HEIGHT, scene, Comparison.LUMINANCE, JPEG_TOLERANCE));
    Loads asSceneCmyk = new Loads(WIDTH, HEIGHT, scene, Comparison.RGB, CMYK_TOLERANCE);
    w.file("cmyk.jpg", cmykJpeg(scene), asSceneCmyk);
    w.file("ycck.jpg", ycckJpeg(scene), asSceneCmyk);
    w.file("broken-icc.jpg", brokenIccJpeg(photo), asScene);
    w.file("orientation-3.jpg", exifJpeg(scene, 3, ByteOrder.BIG_ENDIAN), asScene);
    w.file("ORIENTATION-6.JPG", exifJpeg(scene, 6, ByteOrder.LITTLE_ENDIAN), asScene);
    w.file("orientation-8.jpeg", exifJpeg(scene, 8, ByteOrder.BIG_ENDIAN), asScene);
    Loads exactly = new Loads(WIDTH, HEIGHT, scene, Comparison.RGB, 0);
    w.file("nested/2024/phone/orientation-6.png",
        pngWithExif(png(stored(scene, 6)), exifTiff(6, ByteOrder.LITTLE_ENDIAN)), exactly);
    w.file("rgb16.png", png(sixteenBit(scene, false)), exactly);
    w.file("gray16.png", png(sixteenBit(scene, true)),
        new Loads(WIDTH, HEIGHT, scene, Comparison.LUMINANCE, 0));
    BufferedImage palette = palette(scene);
    w.file("palette.png", png(palette),
        new Loads(WIDTH, HEIGHT, rgbOf(palette), Comparison.RGB, 0));
    w.file("alpha.png", png(withAlpha(scene, false)),
        new Loads(WIDTH, HEIGHT, overWhite(withAlpha(scene, false)), Comparison.RGB, 0));
    w.file("gray-alpha.png", png(withAlpha(scene, true)),
        new Loads(WIDTH, HEIGHT, overWhite(withAlpha(scene, true)), Comparison.RGB, 0));
    BufferedImage wide = scene(480, 24);
    w.file("panorama.jpg", jpeg(wide, false), new Loads(480, 24, wide, Comparison.RGB, 2 * JPEG_TOLERANCE));
    BufferedImage tall = scene(7, 301);
    w.file("tall.png", png(tall), new Loads(7, 301, tall, Comparison.RGB, 0));

    w.file("huge.png", hugePng(20000, 20000), new Rejected("image is 20000x20000 (400.0 megapixels)"));
    w.file("huge.jpg", hugeJpeg(30000, 20000), new Rejected("image is 30000x20000 (600.0 megapixels)"));
    w.file("truncated.jpg", Arrays.copyOf(photo, photo.length * 6 / 10), new Rejected("truncated JPEG"));
    byte[] png = png(scene);
    w.file("truncated.png", Arrays.copyOf(png, png.length * 6 / 10), new Rejected("truncated PNG"));
    byte[] flipped = png.clone();
    flipped[flipped.length / 2] ^= 0x10; // inside IDAT
    w.file("corrupt.png", flipped, new Rejected("CRC mismatch in chunk 'IDAT'"));
    w.file("notes.jpg", "Holiday photos, 2024.\nBring the tripod.\n".getBytes(StandardCharsets.UTF_8),
        new Rejected("not an image"));
    w.file("empty.jpg", new byte[0], new Rejected("0-byte file"));
    w.file("really-a-gif.jpeg", encode(scene, "gif"), new Rejected("unsupported image format: GIF"));
    return new Corpus(root, scene, m);
  }

  private record Writer(Path root, SortedMap<String, Outcome> manifest) {
    void file(String rel, byte[] bytes, Outcome outcome) throws IOException {
      Path p = root.resolve(rel);
      Files.createDirectories(p.getParent());
      Files.write(p, bytes);
      manifest.put(rel, outcome);
    }
  }

  /** The scene at any size: shapes placed in fractions of the width and height. */
  public static BufferedImage scene(int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int r = 40 + 160 * x / Math.max(1, w - 1);
        int g = 60 + 140 * y / Math.max(1, h - 1);
        img.setRGB(x, y, (r << 16) | (g << 8) | 150);
      }
    }
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(220, 40, 40));
    g.fillRect((int) (0.06 * w), (int) (0.1 * h), (int) Math.ceil(0.3 * w), (int) Math.ceil(0.3 * h));
    g.setColor(new Color(40, 180, 60));
    g.fillPolygon(new Polygon(new int[] {(int) (0.65 * w), (int) (0.95 * w), (int) (0.95 * w)},
        new int[] {(int) (0.08 * h), (int) (0.08 * h), (int) (0.45 * h)}, 3));
    g.setColor(new Color(30, 60, 200));
    g.fillOval((int) (0.55 * w), (int) (0.5 * h), (int) Math.ceil(0.35 * w), (int) Math.ceil(0.42 * h));
    g.setColor(new Color(20, 20, 20));
    g.setStroke(new BasicStroke(Math.max(1f, 0.06f * Math.min(w, h))));
    g.drawLine((int) (0.08 * w), (int) (0.9 * h), (int) (0.45 * w), (int) (0.6 * h));
    g.dispose();
    return img;
  }

  /** Luminance of an RGB pixel, rounded to 8 bits (ITU-R BT.601 weights, as JPEG's Y). */
  public static int luma(int rgb) {
    int r = (rgb >> 16) & 0xFF;
    int g = (rgb >> 8) & 0xFF;
    int b = rgb & 0xFF;
    return (299 * r + 587 * g + 114 * b + 500) / 1000;
  }

  /**
   * The largest, over R, G and B, of the mean absolute difference between the loaded image and
   * the expected reference ({@link Comparison}); infinite when the sizes differ.
   */
  public static double meanAbsDifference(BufferedImage loaded, Loads expected) {
    BufferedImage ref = expected.reference();
    if (loaded.getWidth() != ref.getWidth() || loaded.getHeight() != ref.getHeight()) {
      return Double.POSITIVE_INFINITY;
    }
    double[] sum = new double[3];
    for (int y = 0; y < ref.getHeight(); y++) {
      for (int x = 0; x < ref.getWidth(); x++) {
        int p = loaded.getRGB(x, y);
        int q = ref.getRGB(x, y);
        for (int c = 0; c < 3; c++) {
          int expect = expected.comparison() == Comparison.LUMINANCE ? luma(q) : (q >> (16 - 8 * c)) & 0xFF;
          sum[c] += Math.abs(((p >> (16 - 8 * c)) & 0xFF) - expect);
        }
      }
    }
    return Arrays.stream(sum).max().orElseThrow() / ((double) ref.getWidth() * ref.getHeight());
  }

  /**
   * The pixels a camera stores for an upright picture and an Exif orientation tag: the inverse
   * of what a viewer does for the tag (Exif 2.32, 4.6.4: for 6 the viewer turns the stored image
   * 90 degrees clockwise, so it is stored turned 90 degrees counter-clockwise). Written with
   * Java2D's affine transforms (edge coordinates, y down), apart from ImageLoader's index
   * arithmetic.
   */
  public static BufferedImage stored(BufferedImage upright, int tag) {
    int w = upright.getWidth();
    int h = upright.getHeight();
    // AffineTransform(m00, m10, m01, m11, m02, m12): x' = m00 x + m01 y + m02, y' = m10 x + m11 y + m12.
    AffineTransform t = switch (tag) {
      case 1 -> new AffineTransform();
      case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0); // mirror left-right
      case 3 -> new AffineTransform(-1, 0, 0, -1, w, h); // half turn
      case 4 -> new AffineTransform(1, 0, 0, -1, 0, h); // mirror top-bottom
      case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0); // (x, y) -> (y, x)
      case 6 -> new AffineTransform(0, -1, 1, 0, 0, w); // quarter turn counter-clockwise
      case 7 -> new AffineTransform(0, -1, -1, 0, h, w); // (x, y) -> (h - y, w - x)
      case 8 -> new AffineTransform(0, 1, -1, 0, h, 0); // quarter turn clockwise
      default -> throw new IllegalArgumentException("Exif orientation " + tag);
    };
    boolean swap = tag >= 5;
    BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    g.drawImage(upright, t, null);
    g.dispose();
    return out;
  }

  /** A TIFF structure (Exif's body) with one IFD: Make and the Orientation tag. */
  public static byte[] exifTiff(int tag, ByteOrder order) throws IOException {
    List<Entry> entries = List.of(
        new TIFFEntry(TIFF.TAG_MAKE, TIFF.TYPE_ASCII, "semcycle test camera"),
        new TIFFEntry(TIFF.TAG_ORIENTATION, TIFF.TYPE_SHORT, (short) tag));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
      ios.setByteOrder(order);
      new TIFFWriter().write(entries, ios);
    }
    return out.toByteArray();
  }

  /**
   * A JPEG as a camera writes it: the upright scene stored for the orientation tag, and an APP1
   * "Exif" segment in place of the JFIF APP0 segment the encoder wrote.
   */
  public static byte[] exifJpeg(BufferedImage upright, int tag, ByteOrder order) throws IOException {
    byte[] jpeg = jpeg(stored(upright, tag), false);
    byte[] tiff = exifTiff(tag, order);
    byte[] payload = new byte[6 + tiff.length];
    System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, payload, 0, 6);
    System.arraycopy(tiff, 0, payload, 6, tiff.length);
    int app0 = 2 + 2 + segmentLength(jpeg, 2); // SOI, then the APP0 marker and its segment
    if ((jpeg[3] & 0xFF) != 0xE0) {
      throw new IllegalStateException("the encoder wrote no JFIF APP0 segment first");
    }
    return concat(Arrays.copyOf(jpeg, 2), segment(0xE1, payload), Arrays.copyOfRange(jpeg, app0, jpeg.length));
  }

  /** A PNG with an eXIf chunk (PNG 3rd edition: the TIFF structure alone) after IHDR. */
  public static byte[] pngWithExif(byte[] png, byte[] tiff) {
    int afterIhdr = 8 + 8 + 13 + 4;
    return concat(Arrays.copyOf(png, afterIhdr), pngChunk("eXIf", tiff),
        Arrays.copyOfRange(png, afterIhdr, png.length));
  }

  /**
   * An Adobe CMYK JPEG, written by TwelveMonkeys' writer from a CMYK raster (Adobe APP14,
   * transform 0, no ICC profile): k = 255 - max(r, g, b), c = (255 - r - k) / (255 - k) * 255.
   */
  public static byte[] cmykJpeg(BufferedImage rgb) throws IOException {
    ColorSpace cmyk = ColorSpaces.getColorSpace(ColorSpaces.CS_GENERIC_CMYK);
    ComponentColorModel cm =
        new ComponentColorModel(cmyk, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
    WritableRaster ras = cm.createCompatibleWritableRaster(rgb.getWidth(), rgb.getHeight());
    forEachCmyk(rgb, (x, y, c) -> ras.setPixel(x, y, c));
    return writeJpeg(writer(false), new IIOImage(new BufferedImage(cm, ras, false, null), null, null), null);
  }

  /**
   * An Adobe YCCK JPEG (APP14 transform 2), by hand: the JDK's writer stores a raster's
   * components as given, so they are converted here as libjpeg's cmyk_ycck_convert (jccolor.c)
   * does from Adobe's inverted CMYK (C' = 255 - c): YCbCr of (255 - C', 255 - M', 255 - Y'),
   * then K' = 255 - k.
   */
  public static byte[] ycckJpeg(BufferedImage rgb) throws IOException {
    WritableRaster ras = Raster.createInterleavedRaster(
        DataBuffer.TYPE_BYTE, rgb.getWidth(), rgb.getHeight(), 4, null);
    forEachCmyk(rgb, (x, y, c) -> {
      double r = c[0];
      double g = c[1];
      double b = c[2];
      ras.setPixel(x, y, new int[] {
          clamp(0.299 * r + 0.587 * g + 0.114 * b),
          clamp(-0.168736 * r - 0.331264 * g + 0.5 * b + 128),
          clamp(0.5 * r - 0.418688 * g - 0.081312 * b + 128),
          255 - c[3]});
    });
    ImageWriter jdk = writer(true);
    ComponentColorModel cmykModel = new ComponentColorModel(
        ColorSpaces.getColorSpace(ColorSpaces.CS_GENERIC_CMYK), false, false, Transparency.OPAQUE,
        DataBuffer.TYPE_BYTE);
    ImageWriteParam p = jdk.getDefaultWriteParam();
    // The JDK's default metadata for a CMYK image: Adobe APP14 with transform 2 (YCCK).
    IIOMetadata md = jdk.getDefaultImageMetadata(
        new javax.imageio.ImageTypeSpecifier(cmykModel, cmykModel.createCompatibleSampleModel(1, 1)), p);
    IIOMetadataNode tree = (IIOMetadataNode) md.getAsTree("javax_imageio_jpeg_image_1.0");
    IIOMetadataNode adobe = (IIOMetadataNode) tree.getElementsByTagName("app14Adobe").item(0);
    if (adobe == null || !"2".equals(adobe.getAttribute("transform"))) {
      throw new IllegalStateException("the JDK's CMYK metadata is not YCCK");
    }
    return writeJpeg(jdk, new IIOImage(ras, null, md), p);
  }

  /** Pixel (x, y) as ink amounts {c, m, y, k}, 0 to 255. */
  private interface CmykSink {
    void set(int x, int y, int[] cmyk);
  }

  private static void forEachCmyk(BufferedImage rgb, CmykSink sink) {
    for (int y = 0; y < rgb.getHeight(); y++) {
      for (int x = 0; x < rgb.getWidth(); x++) {
        int p = rgb.getRGB(x, y);
        int r = (p >> 16) & 0xFF;
        int g = (p >> 8) & 0xFF;
        int b = p & 0xFF;
        int k = 255 - Math.max(r, Math.max(g, b));
        int[] c = {0, 0, 0, k};
        if (k < 255) {
          c[0] = (255 - r - k) * 255 / (255 - k);
          c[1] = (255 - g - k) * 255 / (255 - k);
          c[2] = (255 - b - k) * 255 / (255 - k);
        }
        sink.set(x, y, c);
      }
    }
  }

  /**
   * The JPEG with an APP2 ICC_PROFILE segment holding the JDK's gray profile (1 component) in an
   * RGB image: the JDK's reader fails ("Numbers of source Raster bands and source color space
   * components do not match"), TwelveMonkeys' ignores the profile.
   */
  public static byte[] brokenIccJpeg(byte[] jpeg) {
    byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_GRAY).getData();
    byte[] id = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
    byte[] payload = concat(id, new byte[] {1, 1}, profile); // chunk 1 of 1
    int afterApp0 = 2 + 2 + segmentLength(jpeg, 2);
    return concat(Arrays.copyOf(jpeg, afterApp0), segment(0xE2, payload),
        Arrays.copyOfRange(jpeg, afterApp0, jpeg.length));
  }

  /** A PNG whose IHDR claims w x h RGB pixels, with a one-row IDAT and IEND. */
  public static byte[] hugePng(int w, int h) {
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h)
        .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    Deflater d = new Deflater();
    d.setInput(new byte[64]);
    d.finish();
    byte[] z = new byte[128];
    byte[] idat = Arrays.copyOf(z, d.deflate(z));
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    return concat(signature, pngChunk("IHDR", ihdr.array()), pngChunk("IDAT", idat),
        pngChunk("IEND", new byte[0]));
  }

  /** SOI and a baseline frame header of a w x h 3-component image, then EOI. */
  public static byte[] hugeJpeg(int w, int h) {
    return ByteBuffer.allocate(2 + 2 + 17 + 2).put((byte) 0xFF).put((byte) 0xD8).put((byte) 0xFF)
        .put((byte) 0xC0).putShort((short) 17).put((byte) 8).putShort((short) h).putShort((short) w)
        .put((byte) 3).put(new byte[] {1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1}).put((byte) 0xFF)
        .put((byte) 0xD9).array();
  }

  /** A baseline (or progressive) JPEG at quality {@value #QUALITY}. */
  public static byte[] jpeg(BufferedImage img, boolean progressive) throws IOException {
    ImageWriter w = writer(false);
    ImageWriteParam p = w.getDefaultWriteParam();
    p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    p.setCompressionQuality(QUALITY);
    if (progressive) {
      p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
    }
    return writeJpeg(w, new IIOImage(img, null, null), p);
  }

  public static byte[] png(BufferedImage img) throws IOException {
    return encode(img, "png");
  }

  private static byte[] encode(BufferedImage img, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(img, format, out)) {
      throw new IllegalStateException("no " + format + " writer for image type " + img.getType());
    }
    return out.toByteArray();
  }

  /** javax.imageio's first JPEG writer (TwelveMonkeys'), or the JDK's own. */
  private static ImageWriter writer(boolean jdk) {
    Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg");
    while (it.hasNext()) {
      ImageWriter w = it.next();
      if (!jdk || w.getClass().getName().equals("com.sun.imageio.plugins.jpeg.JPEGImageWriter")) {
        return w;
      }
    }
    throw new IllegalStateException("no JPEG writer");
  }

  private static byte[] writeJpeg(ImageWriter w, IIOImage image, ImageWriteParam p) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
      w.setOutput(ios);
      w.write(null, image, p);
    } finally {
      w.dispose();
    }
    return out.toByteArray();
  }

  /** The scene's luminance as an 8-bit gray image. */
  static BufferedImage gray(BufferedImage rgb) {
    BufferedImage g = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < rgb.getHeight(); y++) {
      for (int x = 0; x < rgb.getWidth(); x++) {
        g.getRaster().setSample(x, y, 0, luma(rgb.getRGB(x, y)));
      }
    }
    return g;
  }

  /**
   * The scene in 16 bits a sample (RGB, or its luminance when {@code gray}), each sample
   * {@code v * 257 + d} with d in [-64, 64] varying over the image, so that only rounding (not
   * dropping the low byte) gives back v.
   */
  static BufferedImage sixteenBit(BufferedImage rgb, boolean gray) {
    ColorSpace cs = ColorSpace.getInstance(gray ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
    ComponentColorModel cm =
        new ComponentColorModel(cs, false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
    WritableRaster ras = cm.createCompatibleWritableRaster(rgb.getWidth(), rgb.getHeight());
    for (int y = 0; y < rgb.getHeight(); y++) {
      for (int x = 0; x < rgb.getWidth(); x++) {
        int p = rgb.getRGB(x, y);
        int d = (x * 7 + y * 13) % 129 - 64;
        int[] v = gray ? new int[] {luma(p)} : new int[] {(p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF};
        for (int c = 0; c < v.length; c++) {
          ras.setSample(x, y, c, Math.max(0, Math.min(65535, v[c] * 257 + d)));
        }
      }
    }
    return new BufferedImage(cm, ras, false, null);
  }

  /** The scene in the JDK's default 256-colour palette (a 6 x 6 x 6 cube and grays). */
  static BufferedImage palette(BufferedImage rgb) {
    BufferedImage p = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_INDEXED);
    Graphics2D g = p.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_DITHERING, RenderingHints.VALUE_DITHER_DISABLE);
    g.drawImage(rgb, 0, 0, null);
    g.dispose();
    return p;
  }

  /**
   * The scene with alpha (RGBA, or gray + alpha when {@code gray}): opaque on the left third,
   * fading to fully transparent towards the right edge.
   */
  static BufferedImage withAlpha(BufferedImage rgb, boolean gray) {
    int w = rgb.getWidth();
    ColorSpace cs = ColorSpace.getInstance(gray ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
    ComponentColorModel cm =
        new ComponentColorModel(cs, true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
    WritableRaster ras = cm.createCompatibleWritableRaster(w, rgb.getHeight());
    for (int y = 0; y < rgb.getHeight(); y++) {
      for (int x = 0; x < w; x++) {
        int p = rgb.getRGB(x, y);
        int a = x < w / 3 ? 255 : Math.max(0, 255 - (x - w / 3) * 255 / Math.max(1, w - 1 - w / 3));
        int[] v = gray
            ? new int[] {luma(p), a}
            : new int[] {(p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF, a};
        ras.setPixel(x, y, v);
      }
    }
    return new BufferedImage(cm, ras, false, null);
  }

  /** An image with alpha (as {@link #withAlpha} makes) composited over white: c a + 255 (1 - a). */
  static BufferedImage overWhite(BufferedImage withAlpha) {
    Raster r = withAlpha.getRaster();
    int bands = r.getNumBands();
    BufferedImage out =
        new BufferedImage(withAlpha.getWidth(), withAlpha.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < out.getHeight(); y++) {
      for (int x = 0; x < out.getWidth(); x++) {
        int[] v = r.getPixel(x, y, (int[]) null);
        int a = v[bands - 1];
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
          int s = bands == 2 ? v[0] : v[c];
          rgb = (rgb << 8) | Math.round((s * a + 255f * (255 - a)) / 255f);
        }
        out.setRGB(x, y, rgb);
      }
    }
    return out;
  }

  /** A palette image's colours as TYPE_INT_RGB. */
  static BufferedImage rgbOf(BufferedImage img) {
    BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
    out.setRGB(0, 0, img.getWidth(), img.getHeight(),
        img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth()), 0, img.getWidth());
    return out;
  }

  /** Length field of the JPEG marker segment whose marker is at {@code markerPos}. */
  private static int segmentLength(byte[] jpeg, int markerPos) {
    return ((jpeg[markerPos + 2] & 0xFF) << 8) | (jpeg[markerPos + 3] & 0xFF);
  }

  /** A JPEG marker segment: FF, marker, 2-byte length (itself included), payload. */
  public static byte[] segment(int marker, byte[] payload) {
    int len = payload.length + 2;
    if (len > 0xFFFF) {
      throw new IllegalArgumentException("segment of " + len + " bytes");
    }
    return concat(new byte[] {(byte) 0xFF, (byte) marker, (byte) (len >> 8), (byte) len}, payload);
  }

  /** A PNG chunk: length, type, data, CRC of type and data. */
  public static byte[] pngChunk(String type, byte[] data) {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(t).put(data)
        .putInt((int) crc.getValue()).array();
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }

  /** Reads a corpus file's bytes (for tests that decode them in memory). */
  public static byte[] bytes(Corpus c, String rel) {
    try {
      return Files.readAllBytes(c.root().resolve(rel));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
