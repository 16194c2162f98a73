package org.semcycle.datasets.pfpascal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.semcycle.io.DataRoot;
import org.semcycle.io.LocalDataSink;

/**
 * A small PF-PASCAL set written file by file at literal paths (not through {@link
 * PfPascalLayout}, whose rule the tests check), in either layout: the release's ({@code
 * test_pairs.csv} and {@code val_pairs.csv} at the root naming {@code
 * PF-dataset-PASCAL/JPEGImages/<id>.jpg}, annotations in {@code
 * PF-dataset-PASCAL/Annotations/<class>/<id>.mat}) or ours (no {@code PF-dataset-PASCAL/}).
 *
 * <p>Two aeroplanes and two chairs, real JPEGs of distinct sizes, .mat annotations (1-based in
 * the file, the values below 0-based). The aeroplanes' keypoints 0 and 2 are visible in both.
 */
public final class PfPascalFixture {
  private PfPascalFixture() {}

  static final double NAN = Double.NaN;

  /** One image of the fixture: id, VOC class, size, annotation (0-based). */
  public record Image(String id, String className, int width, int height, PfPascalAnnotation annotation) {}

  public static final Image PLANE_A = new Image("2008_004165", "aeroplane", 64, 48,
      new PfPascalAnnotation(new double[][] {{10, 20}, {NAN, NAN}, {30, 40}, {5, 5}}, new double[] {2, 3, 50, 40}));
  public static final Image PLANE_B = new Image("2009_002457", "aeroplane", 40, 50,
      new PfPascalAnnotation(new double[][] {{5, 6}, {6, 6}, {8, 9}, {NAN, NAN}}, new double[] {1, 1, 30, 45}));
  public static final Image CHAIR_A = new Image("2010_000001", "chair", 30, 20,
      new PfPascalAnnotation(new double[][] {{3, 4}, {7, 8}}, new double[] {0, 0, 20, 15}));
  public static final Image CHAIR_B = new Image("2010_000002", "chair", 24, 36,
      new PfPascalAnnotation(new double[][] {{NAN, NAN}, {9, 9}}, new double[] {1, 2, 21, 30}));

  public static final List<Image> IMAGES = List.of(PLANE_A, PLANE_B, CHAIR_A, CHAIR_B);

  /** The test pair list's name, as the release and HPF name it. */
  public static final String TEST_CSV = "test_pairs.csv";

  /** The validation pair list ({@code class,flip} columns). */
  public static final String VAL_CSV = "val_pairs.csv";

  /**
   * Writes the set below {@code root}: images and annotations under {@code base/} (empty: at
   * the root), the pair lists at the root. Test rows: A->B and B->A, the keypoints visible in
   * both (indices 0 and 2), 1-based; validation rows: the planes flipped, the chairs not.
   */
  public static void write(Path root, String base) throws IOException {
    LocalDataSink sink = new LocalDataSink(root);
    String p = base.isEmpty() ? "" : base + "/";
    for (Image im : IMAGES) {
      sink.write(p + "JPEGImages/" + im.id() + ".jpg", jpeg(im.width(), im.height()));
      sink.write(p + "Annotations/" + im.className() + "/" + im.id() + ".mat", PfPascalMat.toBytes(im.annotation()));
    }
    String a = p + "JPEGImages/" + PLANE_A.id() + ".jpg";
    String b = p + "JPEGImages/" + PLANE_B.id() + ".jpg";
    sink.write(TEST_CSV, DataRoot.utf8("source_image,target_image,class,XA,YA,XB,YB\n"
        + a + "," + b + ",1,11;31,21;41,6;9,7;10\n"
        + b + "," + a + ",1,6;9,7;10,11;31,21;41\n"));
    sink.write(VAL_CSV, DataRoot.utf8("source_image,target_image,class,flip\n"
        + a + "," + b + ",1,1\n"
        + p + "JPEGImages/" + CHAIR_A.id() + ".jpg," + p + "JPEGImages/" + CHAIR_B.id() + ".jpg,9,0\n"));
  }

  /** The image path of a fixture image as the pair lists name it. */
  public static String imagePath(String base, Image im) {
    return (base.isEmpty() ? "" : base + "/") + "JPEGImages/" + im.id() + ".jpg";
  }

  static byte[] jpeg(int w, int h) throws IOException {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    img.setRGB(w / 2, h / 2, 0xff8040);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(img, "jpg", out)) {
      throw new IOException("no JPEG writer");
    }
    return out.toByteArray();
  }
}
