package org.semcycle.io;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes PNG and JPEG bytes with a reader chosen by class, never by javax.imageio's plugin
 * order: JPEG with TwelveMonkeys' reader (it decodes with the JDK's libjpeg underneath, skips
 * broken or mismatched ICC profiles, on which the JDK's reader fails with "Numbers of source
 * Raster bands and source color space components do not match", and converts CMYK and YCCK to
 * RGB through the embedded ICC profile), PNG with the JDK's reader. Decoder warnings are errors (a truncated JPEG is not a partly grey image),
 * except those {@link #isRecoverable} lists: about metadata the reader skipped, or bytes after
 * the last scan, when every pixel was decoded.
 */
final class ImageDecoder {
  private ImageDecoder() {}

  private static final String JDK_PNG_READER = "com.sun.imageio.plugins.png.PNGImageReaderSpi";

  /**
   * Lower-case fragments of the warnings that leave every pixel decoded: skipped ICC profiles,
   * APPn segments, Exif and JFIF markers (TwelveMonkeys' and the JDK's wording), and libjpeg's
   * "N extraneous bytes before marker 0xd9" (junk between the last scan and EOI, common in
   * cameras' files).
   */
  private static final List<String> RECOVERABLE = List.of(
      "icc", "color profile", "adobe app14", "bogus app", "exif", "jfif",
      "extraneous bytes before marker 0xd9");

  private static ImageReaderSpi jpegProvider;
  private static ImageReaderSpi pngProvider;

  /** Decodes the image; the header has been read and its size accepted. */
  static BufferedImage decode(byte[] bytes, ImageHeader header, String source) {
    String fmt = header.format().name();
    ImageReader reader = newReader(header.format());
    List<String> warnings = new ArrayList<>();
    reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
    try (ImageInputStream in = new ByteArrayImageInputStream(bytes)) {
      reader.setInput(in, false, true);
      if ((long) reader.getWidth(0) * reader.getHeight(0) != header.pixels()) {
        throw new DataFormatException(source, "decoder and header disagree on the image size");
      }
      BufferedImage image = reader.read(0);
      for (String w : warnings) {
        if (!isRecoverable(w)) {
          throw new DataFormatException(source, warningProblem(fmt, w));
        }
      }
      return image;
    } catch (IOException | RuntimeException e) {
      if (e instanceof DataFormatException d) {
        throw d;
      }
      throw new DataFormatException(source, -1, "cannot decode " + fmt + ": " + describe(e), e);
    } finally {
      reader.dispose();
    }
  }

  /** True for a warning about skipped metadata or trailing bytes: the pixels are complete. */
  static boolean isRecoverable(String warning) {
    String w = warning.toLowerCase(Locale.ROOT);
    return RECOVERABLE.stream().anyMatch(w::contains);
  }

  /**
   * The problem a decoder warning names: "truncated JPEG: Premature end of JPEG file" (libjpeg ran
   * out of data), else "corrupt JPEG: bad Huffman code" (libjpeg's "Corrupt JPEG data: " prefix
   * dropped).
   */
  static String warningProblem(String fmt, String warning) {
    String w = oneLine(warning);
    if (w.toLowerCase(Locale.ROOT).contains("premature end of jpeg file")) {
      return "truncated " + fmt + ": " + w;
    }
    String prefix = "Corrupt JPEG data: ";
    return "corrupt " + fmt + ": " + (w.startsWith(prefix) ? w.substring(prefix.length()) : w);
  }

  /** A fresh reader of the format, from the provider chosen by class. */
  static ImageReader newReader(ImageHeader.Format format) {
    try {
      return (format == ImageHeader.Format.JPEG ? jpegProvider() : pngProvider())
          .createReaderInstance();
    } catch (IOException e) {
      throw new IllegalStateException("cannot create an image reader for " + format, e);
    }
  }

  /**
   * TwelveMonkeys' provider as registered with javax.imageio, or registered here when the
   * registry missed it (a class loader that did not see the jar when javax.imageio scanned the
   * class path): registering finds the JDK reader it delegates to.
   */
  static synchronized ImageReaderSpi jpegProvider() {
    if (jpegProvider == null) {
      IIORegistry registry = IIORegistry.getDefaultInstance();
      JPEGImageReaderSpi spi = registry.getServiceProviderByClass(JPEGImageReaderSpi.class);
      if (spi == null) {
        registry.registerServiceProvider(new JPEGImageReaderSpi(), ImageReaderSpi.class);
        spi = registry.getServiceProviderByClass(JPEGImageReaderSpi.class);
      }
      if (spi == null) {
        throw new IllegalStateException(
            "TwelveMonkeys' JPEG reader did not register (no JDK JPEG reader to delegate to)");
      }
      jpegProvider = spi;
    }
    return jpegProvider;
  }

  /** The JDK's PNG reader provider, found by class name (its package is not exported). */
  static synchronized ImageReaderSpi pngProvider() {
    if (pngProvider == null) {
      pngProvider = registeredProvider(JDK_PNG_READER);
      if (pngProvider == null) {
        throw new IllegalStateException("no " + JDK_PNG_READER + " in javax.imageio");
      }
    }
    return pngProvider;
  }

  /** The reader provider of this class registered with javax.imageio, or null. */
  static ImageReaderSpi registeredProvider(String className) {
    Iterator<ImageReaderSpi> it =
        IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class, false);
    while (it.hasNext()) {
      ImageReaderSpi spi = it.next();
      if (spi.getClass().getName().equals(className)) {
        return spi;
      }
    }
    return null;
  }

  /** The exception's message on one line, or its class name when it has none. */
  static String describe(Throwable e) {
    String m = e.getMessage();
    if (m != null && !m.isBlank()) {
      return oneLine(m);
    }
    return e instanceof EOFException
        ? "a marker segment or table is shorter than its header says (EOFException)"
        : e.getClass().getSimpleName();
  }

  private static String oneLine(String s) {
    String t = s.replaceAll("\\s+", " ").trim();
    return t.length() > 200 ? t.substring(0, 200) + "..." : t;
  }
}
