package org.semcycle.datasets.pfpascal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.DataRoot;
import org.semcycle.io.LocalDataRoot;
import org.semcycle.io.LocalDataSink;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Sinks;
import us.hebi.matlab.mat.types.Struct;

class PfPascalTest {
  @TempDir Path dir;

  /** A .mat file as MATLAB saves it: kps 3 x 2 double with a NaN row, bbox 1 x 4 (1-based). */
  static byte[] matlabStyleMat() throws IOException {
    Matrix kps = Mat5.newMatrix(3, 2);
    double[][] v = {{10, 20}, {Double.NaN, Double.NaN}, {35.5, 1}};
    for (int i = 0; i < 3; i++) {
      kps.setDouble(i, 0, v[i][0]);
      kps.setDouble(i, 1, v[i][1]);
    }
    Matrix bbox = Mat5.newMatrix(1, 4);
    double[] b = {5, 6, 100, 80};
    for (int i = 0; i < 4; i++) {
      bbox.setDouble(0, i, b[i]);
    }
    return write(Mat5.newMatFile().addArray("kps", kps).addArray("bbox", bbox)
        .addArray("class", Mat5.newString("aeroplane")));
  }

  static byte[] write(MatFile mat) throws IOException {
    // MATLAB's default (v7) save compresses each variable; the library needs a seekable sink for
    // that, so write into a buffer with room to spare.
    ByteBuffer buf = ByteBuffer.allocate((int) mat.getUncompressedSerializedSize() + 4096);
    mat.writeTo(Sinks.wrap(buf));
    mat.close();
    return Arrays.copyOf(buf.array(), buf.position());
  }

  /** Data type of the first variable's tag (14 = miMATRIX, 15 = miCOMPRESSED). */
  static int firstTagType(byte[] mat) {
    ByteOrder order = mat[126] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    return ByteBuffer.wrap(mat).order(order).getInt(128);
  }

  @Test
  void readsMatlabMatAsZeroBased() throws IOException {
    byte[] mat = matlabStyleMat();
    assertEquals(15, firstTagType(mat), "compressed, as MATLAB's default save");
    new LocalDataSink(dir).write("Annotations/aeroplane/2008_000123.mat", mat);
    PfPascalAnnotation a =
        new PfPascalReader(new LocalDataRoot(dir)).readAnnotationOf("JPEGImages/2008_000123.jpg", 1);
    assertEquals(3, a.keypointCount());
    assertArrayEquals(new double[] {9, 19}, a.kps()[0], "1-based -> 0-based");
    assertFalse(a.isVisible(1));
    assertTrue(Double.isNaN(a.kps()[1][0]));
    assertArrayEquals(new double[] {34.5, 0}, a.kps()[2]);
    assertArrayEquals(new double[] {4, 5, 99, 79}, a.bbox());
  }

  @Test
  void matWriterThenReaderRoundTrips() throws IOException {
    PfPascalAnnotation a =
        new PfPascalAnnotation(new double[][] {{0, 0}, {Double.NaN, Double.NaN}, {12.25, 7}},
            new double[] {0, 1, 50, 60});
    new PfPascalWriter(new LocalDataSink(dir)).writeAnnotation("JPEGImages/2009_000001.jpg", "cat", a);
    PfPascalAnnotation back =
        new PfPascalReader(new LocalDataRoot(dir)).readAnnotation("Annotations/cat/2009_000001.mat");
    assertTrue(Arrays.deepEquals(a.kps(), back.kps()));
    assertArrayEquals(a.bbox(), back.bbox());
    byte[] bytes = PfPascalMat.toBytes(a);
    assertArrayEquals(bytes, PfPascalMat.toBytes(back), "deterministic bytes");
    assertEquals(14, firstTagType(bytes), "uncompressed, as MATLAB's save -v6");
    // The file itself holds 1-based values: read it raw with the library.
    MatFile raw = Mat5.newReader(us.hebi.matlab.mat.types.Sources.wrap(bytes)).readMat();
    assertEquals(1.0, raw.getMatrix("kps").getDouble(0, 0));
    assertEquals(13.25, raw.getMatrix("kps").getDouble(2, 0));
    assertEquals(51.0, raw.getMatrix("bbox").getDouble(0, 2));
  }

  @Test
  void wrongMatContentIsAnError() throws IOException {
    byte[] charKps = write(Mat5.newMatFile().addArray("kps", Mat5.newString("1 2"))
        .addArray("bbox", Mat5.newMatrix(1, 4)));
    DataFormatException c =
        assertThrows(DataFormatException.class, () -> PfPascalMat.parse(charKps, "a.mat"));
    assertTrue(c.getMessage().startsWith("a.mat: variable 'kps'"), c.getMessage());
    assertTrue(c.getMessage().contains("expected a numeric matrix"), c.getMessage());

    Struct s = Mat5.newStruct();
    s.set("x", Mat5.newScalar(1));
    byte[] structKps = write(Mat5.newMatFile().addArray("kps", s)
        .addArray("bbox", Mat5.newMatrix(1, 4)));
    DataFormatException st =
        assertThrows(DataFormatException.class, () -> PfPascalMat.parse(structKps, "b.mat"));
    assertTrue(st.getMessage().contains("'kps'"), st.getMessage());

    byte[] threeCols = write(Mat5.newMatFile().addArray("kps", Mat5.newMatrix(4, 3))
        .addArray("bbox", Mat5.newMatrix(1, 4)));
    DataFormatException tc =
        assertThrows(DataFormatException.class, () -> PfPascalMat.parse(threeCols, "c.mat"));
    assertTrue(tc.getMessage().contains("4 x 3"), tc.getMessage());

    byte[] noBox = write(Mat5.newMatFile().addArray("kps", Mat5.newMatrix(4, 2)));
    assertTrue(assertThrows(DataFormatException.class, () -> PfPascalMat.parse(noBox, "d.mat"))
        .getMessage().contains("no variable 'bbox'"));

    DataFormatException junk =
        assertThrows(DataFormatException.class,
            () -> PfPascalMat.parse(DataRoot.utf8("not a mat file at all"), "e.mat"));
    assertTrue(junk.getMessage().startsWith("e.mat: "), junk.getMessage());
    assertTrue(assertThrows(DataFormatException.class, () -> PfPascalMat.parse(new byte[0], "f"))
        .getMessage().contains("0-byte"));
  }

  static final String TEST_CSV =
      "source_image,target_image,class,XA,YA,XB,YB\n"
          + "JPEGImages/2009_002457.jpg,JPEGImages/2010_002254.jpg,1,"
          + "206;266;100.5,50;60;70,10;20;30,11;21;31\n"
          + "JPEGImages/2008_000001.jpg,JPEGImages/2008_000002.jpg,20,1,1,2,2";

  @Test
  void readsTestCsvAsZeroBased() throws IOException {
    new LocalDataSink(dir).write("test_pairs.csv", DataRoot.utf8(TEST_CSV));
    List<PfPascalPair> pairs = new PfPascalReader(new LocalDataRoot(dir)).readPairs("test_pairs.csv");
    assertEquals(2, pairs.size(), "last line without newline is kept");
    PfPascalPair p = pairs.get(0);
    assertEquals("JPEGImages/2009_002457.jpg", p.sourceImage());
    assertEquals("aeroplane", p.className());
    assertEquals(3, p.sourceKps().length);
    assertArrayEquals(new double[] {205, 49}, p.sourceKps()[0]);
    assertArrayEquals(new double[] {99.5, 69}, p.sourceKps()[2]);
    assertArrayEquals(new double[] {29, 30}, p.targetKps()[2]);
    assertEquals("tvmonitor", pairs.get(1).className());
    assertArrayEquals(new double[] {0, 0}, pairs.get(1).sourceKps()[0]);
  }

  @Test
  void csvWriterThenReaderRoundTrips() throws IOException {
    List<PfPascalPair> test = PfPascalCsv.parse(TEST_CSV, "t.csv");
    List<PfPascalPair> train =
        List.of(PfPascalPair.train("JPEGImages/a_1.jpg", "JPEGImages/b_2.jpg", 9, 1),
            PfPascalPair.train("JPEGImages/c_3.jpg", "JPEGImages/d_4.jpg", 12, 0));
    PfPascalWriter w = new PfPascalWriter(new LocalDataSink(dir));
    w.writePairs("test_pairs.csv", test, PfPascalCsv.Kind.TEST);
    w.writePairs("trn_pairs.csv", train, PfPascalCsv.Kind.TRAIN);
    PfPascalReader r = new PfPascalReader(new LocalDataRoot(dir));
    List<PfPascalPair> testBack = r.readPairs("test_pairs.csv");
    assertEquals(test.size(), testBack.size());
    for (int i = 0; i < test.size(); i++) {
      assertEquals(test.get(i).sourceImage(), testBack.get(i).sourceImage());
      assertEquals(test.get(i).classId(), testBack.get(i).classId());
      assertTrue(Arrays.deepEquals(test.get(i).sourceKps(), testBack.get(i).sourceKps()));
      assertTrue(Arrays.deepEquals(test.get(i).targetKps(), testBack.get(i).targetKps()));
    }
    String text = new String(PfPascalCsv.toBytes(test, PfPascalCsv.Kind.TEST),
        java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(text.contains(",1,206;266;100.5,50;60;70,"), text);
    List<PfPascalPair> trainBack = r.readPairs("trn_pairs.csv");
    assertEquals(2, trainBack.size());
    assertEquals(1, trainBack.get(0).flip());
    assertEquals("chair", trainBack.get(0).className());
    assertNull(trainBack.get(1).sourceKps());
  }

  private static DataFormatException badCsv(String text) {
    return assertThrows(DataFormatException.class, () -> PfPascalCsv.parse(text, "p.csv"));
  }

  @Test
  void malformedCsvNamesTheLine() {
    String header = "source_image,target_image,class,XA,YA,XB,YB\n";
    String ok = "JPEGImages/a.jpg,JPEGImages/b.jpg,3,1;2,3;4,5;6,7;8\n";
    DataFormatException cols = badCsv(header + ok + "JPEGImages/a.jpg,JPEGImages/b.jpg,3,1,2\n");
    assertEquals(3, cols.line());
    assertTrue(cols.getMessage().contains("expected 7 columns, found 5"), cols.getMessage());
    DataFormatException num = badCsv(header + "JPEGImages/a.jpg,JPEGImages/b.jpg,3,1;x,3;4,5;6,7;8");
    assertEquals(2, num.line());
    assertTrue(num.getMessage().contains("XA value 2"), num.getMessage());
    DataFormatException count = badCsv(header + "JPEGImages/a.jpg,JPEGImages/b.jpg,3,1;2,3,5;6,7;8");
    assertTrue(count.getMessage().contains("must be equal"), count.getMessage());
    DataFormatException cls = badCsv(header + "JPEGImages/a.jpg,JPEGImages/b.jpg,21,1,2,3,4");
    assertTrue(cls.getMessage().contains("1..20"), cls.getMessage());
    DataFormatException path = badCsv(header + "../a.jpg,JPEGImages/b.jpg,3,1,2,3,4");
    assertTrue(path.getMessage().startsWith("p.csv:2: path escapes"), path.getMessage());
    DataFormatException head = badCsv("src,trg,class\n");
    assertEquals(1, head.line());
    DataFormatException flip =
        badCsv("source_image,target_image,class,flip\nJPEGImages/a.jpg,JPEGImages/b.jpg,3,yes");
    assertTrue(flip.getMessage().contains("flip"), flip.getMessage());
  }

  @Test
  void vocClassesAreInVocOrder() {
    assertEquals(20, VocClasses.NAMES.size());
    assertEquals("aeroplane", VocClasses.name(1));
    assertEquals("tvmonitor", VocClasses.name(20));
    assertEquals(9, VocClasses.id("chair"));
    assertEquals("Annotations/chair/2008_000001.mat",
        PfPascalLayout.annotationOf("JPEGImages/2008_000001.jpg", "chair"));
    assertEquals("2009_002457", PfPascalLayout.vocId("JPEGImages/2009_002457.jpg"));
  }
}
