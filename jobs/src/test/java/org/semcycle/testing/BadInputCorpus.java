package org.semcycle.testing;

import com.typesafe.config.Config;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.semcycle.cli.TestSpecs;
import org.semcycle.datasets.keypointnet.AnnotationReader;
import org.semcycle.datasets.keypointnet.AnnotationWriter;
import org.semcycle.datasets.keypointnet.ModelAnnotation;
import org.semcycle.datasets.pfpascal.PfPascalMat;
import org.semcycle.datasets.pix3d.Pix3dRecord;
import org.semcycle.datasets.pix3d.Pix3dWriter;
import org.semcycle.io.LocalDataRoot;
import org.semcycle.io.LocalDataSink;
import org.semcycle.synthetic.SyntheticWorld;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Array;

/**
 * A corpus of broken inputs for end-to-end tests of every job and data-set reader. {@link
 * #write} puts below a folder:
 *
 * <ul>
 *   <li>{@code synth/}: a synthetic world ({@link #GOOD_CHAIRS} good chairs) with broken models
 *       added to ShapeNet (each annotated in {@code chair.json} and listed in the test split, with
 *       a copy of a good point cloud), broken point clouds of annotated models, and broken
 *       annotation files; see {@link #OBJ_CASES}, {@link #KPDB_CASES}.
 *   <li>{@code pix3d/}, {@code spair/}, {@code pfpascal/}: images, annotations and pair files in
 *       the data sets' layouts, good and broken, for the readers the inference job uses; see
 *       {@link #PIX3D_CASES}, {@link #SPAIR_IMAGE_CASES}, {@link #PFPASCAL_CASES}.
 *   <li>{@code outside/secret.png}: a valid image outside every data-set root that broken
 *       annotations point at ({@code ..} and absolute paths); nothing may open it.
 * </ul>
 *
 * Each case names its input and a fragment of the reason its reject row must give.
 */
public final class BadInputCorpus {
  private BadInputCorpus() {}

  /** One broken input: its key (model id, image id, file), and what its reject reason says. */
  public record Case(String key, String reason) {}

  public static final String CHAIR = "03001627";
  public static final int GOOD_CHAIRS = 4;

  /** Broken ShapeNet models (model id -> reason): render and benchmark must reject each. */
  public static final List<Case> OBJ_CASES = List.of(
      new Case(id("b001"), "truncated"),
      new Case(id("b002"), "UTF-8"),
      new Case(id("b003"), "NaN"),
      new Case(id("b004"), "huge"),
      new Case(id("b005"), "zero area"),
      new Case(id("b006"), "escapes the data-set root"),
      new Case(id("b007"), "absolute path"));

  /**
   * Broken kpdb inputs (model id or annotation file -> reason): point clouds of annotated models
   * and annotation files that do not parse.
   */
  public static final List<Case> KPDB_CASES = List.of(
      new Case(id("c001"), "truncated"),
      new Case(id("c002"), "not finite"),
      new Case(id("c003"), "file not found"),
      new Case("annotations/broken.json", "JSON"),
      new Case("annotations/latin1.json", "UTF-8"));

  /** Pix3D records (img name -> reason); "good" and "tiny" (1x1) load. */
  public static final List<Case> PIX3D_CASES = List.of(
      new Case("img/chair/zero.png", "0-byte"),
      new Case("img/chair/cut.jpg", "truncated JPEG"),
      new Case("img/chair/huge.png", "20000x20000"),
      new Case("../outside/secret.png", "escapes the data-set root"),
      new Case("/outside/secret.png", "absolute path"));

  /** SPair images of category chair (image id -> reason) and broken annotation files. */
  public static final List<Case> SPAIR_IMAGE_CASES = List.of(
      new Case("2008_000003", "0-byte"),
      new Case("2008_000004", "truncated JPEG"),
      new Case("2008_000005", "20000x20000"),
      new Case("2008_000006", "JSON"));

  /** PF-PASCAL: a MAT file of the wrong type and a malformed pair CSV. */
  public static final List<Case> PFPASCAL_CASES = List.of(
      new Case("Annotations/chair/2008_000002.mat", "expected a numeric matrix"),
      new Case("Annotations/chair/2008_000003.mat", "not a readable MAT"),
      new Case("bad_pairs.csv", "bad_pairs.csv:3: class is not an integer"));

  /** Where {@link #write} put things. */
  public record Corpus(Path root, Path synth, Path pix3d, Path spair, Path pfpascal, Path outside) {}

  /** Model ids: 32 characters, like ShapeNet's. */
  public static String id(String tail) {
    return "0".repeat(32 - tail.length()) + tail;
  }

  public static Corpus write(Path root, Config c) throws IOException {
    Corpus corpus = new Corpus(root, root.resolve("synth"), root.resolve("pix3d"), root.resolve("spair"),
        root.resolve("pfpascal"), root.resolve("outside"));
    Files.createDirectories(corpus.outside());
    Files.write(corpus.outside().resolve("secret.png"), png(4, 4));
    Files.writeString(corpus.outside().resolve("evil.mtl"), "newmtl evil\nKd 1 0 0\n");
    writeSynth(corpus, c);
    writePix3d(corpus);
    writeSpair(corpus);
    writePfPascal(corpus);
    return corpus;
  }

  private static void writeSynth(Corpus corpus, Config c) throws IOException {
    Path synth = corpus.synth();
    SyntheticWorld.write(TestSpecs.synth(c, List.of("chair"), GOOD_CHAIRS), new LocalDataSink(synth), 1);
    String tri = "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 0 1\nf 1 2 3\nf 1 2 4\nf 1 3 4\nf 2 3 4\n";
    byte[][] objs = {
        "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\nv 0.5 0.".getBytes(StandardCharsets.UTF_8),
        concat(tri.getBytes(StandardCharsets.UTF_8), "# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1)),
        tri.replace("v 0 0 1", "v NaN 0 1").getBytes(StandardCharsets.UTF_8),
        tri.replace("v 0 0 1", "v 0 0 1e300").getBytes(StandardCharsets.UTF_8),
        "v 0 0 0\nv 1 0 0\nv 2 0 0\nv 3 0 0\nf 1 2 3\nf 2 3 4\nf 1 1 2\n".getBytes(StandardCharsets.UTF_8),
        ("mtllib ../../../../../outside/evil.mtl\n" + tri).getBytes(StandardCharsets.UTF_8),
        ("mtllib " + corpus.outside().resolve("evil.mtl") + "\n" + tri).getBytes(StandardCharsets.UTF_8),
    };
    LocalDataRoot kpn = new LocalDataRoot(synth.resolve("KeypointNet"));
    List<ModelAnnotation> chairs = new ArrayList<>(AnnotationReader.read(kpn, "annotations/chair.json"));
    ModelAnnotation template = chairs.get(0);
    Path goodPcd = synth.resolve("KeypointNet/pcds/" + CHAIR + "/" + template.modelId() + ".pcd");
    String pcd = Files.readString(goodPcd);
    StringBuilder split = new StringBuilder(Files.readString(synth.resolve("KeypointNet/splits/test.txt")));
    for (int i = 0; i < OBJ_CASES.size(); i++) {
      String model = OBJ_CASES.get(i).key();
      Path dir = synth.resolve("ShapeNetCore.v2/" + CHAIR + "/" + model + "/models");
      Files.createDirectories(dir);
      Files.write(dir.resolve("model_normalized.obj"), objs[i]);
      chairs.add(new ModelAnnotation(CHAIR, model, template.keypoints(), template.symmetries()));
      Files.writeString(synth.resolve("KeypointNet/pcds/" + CHAIR + "/" + model + ".pcd"), pcd);
      split.append(CHAIR).append('-').append(model).append('\n');
    }
    String[] pcds = {pcd.substring(0, pcd.length() * 2 / 3), nanPcd(pcd), null};
    for (int i = 0; i < 3; i++) {
      String model = KPDB_CASES.get(i).key();
      chairs.add(new ModelAnnotation(CHAIR, model, template.keypoints(), template.symmetries()));
      if (pcds[i] != null) {
        Files.writeString(synth.resolve("KeypointNet/pcds/" + CHAIR + "/" + model + ".pcd"), pcds[i]);
      }
    }
    Files.write(synth.resolve("KeypointNet/annotations/chair.json"), AnnotationWriter.toJson(chairs));
    Files.writeString(synth.resolve("KeypointNet/splits/test.txt"), split.toString());
    Files.writeString(synth.resolve("KeypointNet/annotations/broken.json"), "[{\"class_id\": \"04379243\", \"model_id\": ");
    Files.write(synth.resolve("KeypointNet/annotations/latin1.json"),
        "[{\"class_id\": \"04379243\", \"model_id\": \"caf\u00e9\", \"keypoints\": []}]".getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The point cloud with the third point's x replaced by NaN. */
  private static String nanPcd(String pcd) {
    String[] lines = pcd.split("\n", -1);
    int data = Arrays.asList(lines).indexOf("DATA ascii");
    String[] f = lines[data + 3].split(" ");
    f[0] = "nan";
    lines[data + 3] = String.join(" ", f);
    return String.join("\n", lines);
  }

  private static void writePix3d(Corpus corpus) throws IOException {
    Path p = corpus.pix3d();
    Files.createDirectories(p.resolve("img/chair"));
    Files.write(p.resolve("img/chair/good.png"), png(8, 6));
    Files.write(p.resolve("img/chair/tiny.png"), png(1, 1));
    Files.write(p.resolve("img/chair/zero.png"), new byte[0]);
    byte[] jpg = jpeg(16, 16);
    Files.write(p.resolve("img/chair/cut.jpg"), Arrays.copyOf(jpg, jpg.length / 2));
    Files.write(p.resolve("img/chair/huge.png"), pngHeaderOnly(20000, 20000));
    List<String> imgs = new ArrayList<>(List.of("img/chair/good.png", "img/chair/tiny.png"));
    PIX3D_CASES.forEach(k -> imgs.add(k.key()));
    List<Pix3dRecord> records = new ArrayList<>();
    for (String img : imgs) {
      // The writer refuses unsafe paths: write a placeholder and put the bad path in the text.
      String safe = img.startsWith("img/") ? img : "img/chair/PLACEHOLDER" + records.size() + ".png";
      records.add(new Pix3dRecord(safe, "chair", new int[] {8, 6}, new double[0][][], null, "model/chair/m/model.obj",
          null, null, new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, new double[] {0, 0, 2}, 35, null, 0, false,
          false, false, new double[] {0, 0, 7, 5}));
    }
    String json = new String(Pix3dWriter.toJson(records), StandardCharsets.UTF_8);
    for (int i = 0; i < imgs.size(); i++) {
      if (!imgs.get(i).startsWith("img/")) {
        String bad = imgs.get(i).startsWith("/") ? corpus.outside().resolve("secret.png").toString() : imgs.get(i);
        json = json.replace("img/chair/PLACEHOLDER" + i + ".png", bad);
      }
    }
    Files.writeString(p.resolve("pix3d.json"), json);
    Files.writeString(p.resolve("pix3d_malformed.json"), json.substring(0, json.length() / 2));
  }

  private static void writeSpair(Corpus corpus) throws IOException {
    Path s = corpus.spair();
    Path imgs = s.resolve("JPEGImages/chair");
    Files.createDirectories(imgs);
    Files.write(imgs.resolve("2008_000001.jpg"), jpeg(20, 10));
    Files.write(imgs.resolve("2008_000002.jpg"), jpeg(1, 1));
    Files.write(imgs.resolve("2008_000003.jpg"), new byte[0]);
    byte[] jpg = jpeg(16, 16);
    Files.write(imgs.resolve("2008_000004.jpg"), Arrays.copyOf(jpg, jpg.length - 40));
    Files.write(imgs.resolve("2008_000005.jpg"), jpegHeaderOnly(20000, 20000));
    Files.write(imgs.resolve("2008_000006.jpg"), jpeg(8, 8));
    Path ann = s.resolve("ImageAnnotation/chair");
    Files.createDirectories(ann);
    Files.writeString(ann.resolve("2008_000006.json"), "{\"filename\": \"2008_000006.jpg\", \"kps\": {\"0\": [1, ");
    Path pairs = s.resolve("PairAnnotation/test");
    Files.createDirectories(pairs);
    Files.writeString(pairs.resolve("000001-2008_000001-2008_000002:chair.json"), "{\"src_imname\": ");
  }

  private static void writePfPascal(Corpus corpus) throws IOException {
    Path p = corpus.pfpascal();
    Path ann = p.resolve("Annotations/chair");
    Files.createDirectories(ann);
    us.hebi.matlab.mat.types.Matrix kps = Mat5.newMatrix(1, 2);
    kps.setDouble(0, 0, 3);
    kps.setDouble(0, 1, 4);
    Files.write(ann.resolve("2008_000001.mat"), PfPascalMat.toBytes(new String[] {"kps", "bbox"}, new Array[] {kps, bbox()}));
    Files.write(ann.resolve("2008_000002.mat"),
        PfPascalMat.toBytes(new String[] {"kps", "bbox"}, new Array[] {Mat5.newString("not numbers"), bbox()}));
    Files.write(ann.resolve("2008_000003.mat"), "MATLAB 5.0 MAT-file, but not really".getBytes(StandardCharsets.US_ASCII));
    Files.createDirectories(p.resolve("JPEGImages"));
    Files.write(p.resolve("JPEGImages/2008_000001.jpg"), jpeg(12, 9));
    Files.writeString(p.resolve("bad_pairs.csv"),
        "source_image,target_image,class,flip\nJPEGImages/2008_000001.jpg,JPEGImages/2008_000001.jpg,9,0\n"
            + "JPEGImages/2008_000001.jpg,JPEGImages/2008_000001.jpg,chair,0\n");
  }

  /** A fresh 1x4 bbox matrix (writing a MAT file releases the matrices in it). */
  private static us.hebi.matlab.mat.types.Matrix bbox() {
    us.hebi.matlab.mat.types.Matrix bbox = Mat5.newMatrix(1, 4);
    for (int i = 0; i < 4; i++) {
      bbox.setDouble(0, i, i + 1);
    }
    return bbox;
  }

  public static byte[] png(int w, int h) throws IOException {
    return encode(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png");
  }

  public static byte[] jpeg(int w, int h) throws IOException {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, (x * 37 + y * 91) * 0x010203);
      }
    }
    return encode(img, "jpg");
  }

  private static byte[] encode(BufferedImage img, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, format, out);
    return out.toByteArray();
  }

  /** A PNG signature and IHDR of a w x h RGB image, nothing else (no pixel data). */
  public static byte[] pngHeaderOnly(int w, int h) {
    ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(w).putInt(h)
        .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    CRC32 crc = new CRC32();
    crc.update(ihdr.array());
    return ByteBuffer.allocate(8 + 4 + 17 + 4)
        .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}).putInt(13).put(ihdr.array())
        .putInt((int) crc.getValue()).array();
  }

  /** SOI and a baseline frame header (SOF0) of a w x h 3-component image, then EOI. */
  public static byte[] jpegHeaderOnly(int w, int h) {
    return ByteBuffer.allocate(2 + 2 + 17 + 2).put((byte) 0xFF).put((byte) 0xD8).put((byte) 0xFF).put((byte) 0xC0)
        .putShort((short) 17).put((byte) 8).putShort((short) h).putShort((short) w).put((byte) 3)
        .put(new byte[] {1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1}).put((byte) 0xFF).put((byte) 0xD9).array();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
