package org.semcycle.datasets.pix3d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.DataRoot;
import org.semcycle.io.LocalDataRoot;
import org.semcycle.io.LocalDataSink;

class Pix3dTest {
  @TempDir Path dir;

  /** Two records as Pix3D writes them; the second has one keypoint not labelled. */
  static final String FIXTURE =
      """
      [
       {"img": "img/chair/0001.png", "category": "chair", "img_size": [640, 480],
        "2d_keypoints": [[[100.5, 200.0], [300, 220]], [[101, 199], [299.5, 221]]],
        "mask": "mask/chair/0001.png", "model": "model/chair/IKEA_A/model.obj",
        "3d_keypoints": "model/chair/IKEA_A/3d_keypoints.txt",
        "voxel": "model/chair/IKEA_A/voxel.mat",
        "rot_mat": [[1, 0, 0], [0, 1, 0], [0, 0, 1]], "trans_mat": [0, 0, 2.5],
        "focal_length": 35.0, "cam_position": [0, 0, -2.5], "inplane_rotation": 0.1,
        "truncated": false, "occluded": true, "slightly_occluded": false,
        "bbox": [80, 150, 420, 460]},
       {"img": "img/chair/./0002.jpg", "category": "chair", "img_size": [300, 200],
        "2d_keypoints": [[[-1, -1], [12.25, 30]]],
        "mask": "mask/chair/0002.png", "model": "model/chair/IKEA_B/model.obj",
        "3d_keypoints": "model/chair/IKEA_B/3d_keypoints.txt",
        "voxel": "model/chair/IKEA_B/voxel.mat",
        "rot_mat": [[0, 0, 1], [0, 1, 0], [-1, 0, 0]], "trans_mat": [0.1, -0.2, 3],
        "focal_length": 50, "cam_position": [3, 0.2, 0.1], "inplane_rotation": -0.05,
        "truncated": true, "occluded": false, "slightly_occluded": true,
        "bbox": [10, 20, 290, 195], "extra_field": "ignored"}
      ]
      """;

  @Test
  void readsPix3dJson() throws IOException {
    new LocalDataSink(dir).write("pix3d.json", DataRoot.utf8(FIXTURE));
    List<Pix3dRecord> rs = new Pix3dReader(new LocalDataRoot(dir)).readIndex();
    assertEquals(2, rs.size());
    Pix3dRecord a = rs.get(0);
    assertEquals("img/chair/0001.png", a.img());
    assertEquals(640, a.width());
    assertEquals(480, a.height());
    assertEquals(2, a.annotators());
    assertEquals(2, a.keypointCount());
    assertArrayEquals(new double[] {100.5, 200.0}, a.keypoints2d()[0][0]);
    assertArrayEquals(new double[] {80, 150, 420, 460}, a.bbox());
    assertEquals(35.0, a.focalLength());
    assertEquals(0.1, a.inplaneRotation());
    assertTrue(a.occluded());
    assertFalse(a.truncated());
    Pix3dRecord b = rs.get(1);
    assertEquals("img/chair/0002.jpg", b.img(), "paths are normalised");
    assertFalse(Pix3dRecord.isLabelled(b.keypoints2d()[0][0]));
    assertTrue(Pix3dRecord.isLabelled(b.keypoints2d()[0][1]));
    assertArrayEquals(new double[] {-1, 0, 0}, b.rotMat()[2]);
    assertTrue(b.truncated());
    assertTrue(b.slightlyOccluded());
  }

  @Test
  void writerThenReaderGivesTheSameRecords() throws IOException {
    List<Pix3dRecord> rs = Pix3dReader.parse(FIXTURE, "fixture");
    new Pix3dWriter(new LocalDataSink(dir)).writeIndex(rs);
    List<Pix3dRecord> back = new Pix3dReader(new LocalDataRoot(dir)).readIndex();
    assertEquals(rs.size(), back.size());
    for (int i = 0; i < rs.size(); i++) {
      assertSame(rs.get(i), back.get(i));
    }
    // Deterministic bytes, integral numbers without a fraction.
    byte[] once = Pix3dWriter.toJson(rs);
    assertArrayEquals(once, Pix3dWriter.toJson(back));
    String text = new String(once, java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(text.contains("\"img_size\" : [ 640, 480 ]"), text);
  }

  static void assertSame(Pix3dRecord x, Pix3dRecord y) {
    assertEquals(x.img(), y.img());
    assertEquals(x.category(), y.category());
    assertArrayEquals(x.imgSize(), y.imgSize());
    assertTrue(Arrays.deepEquals(x.keypoints2d(), y.keypoints2d()));
    assertEquals(x.mask(), y.mask());
    assertEquals(x.model(), y.model());
    assertEquals(x.keypoints3d(), y.keypoints3d());
    assertEquals(x.voxel(), y.voxel());
    assertTrue(Arrays.deepEquals(x.rotMat(), y.rotMat()));
    assertArrayEquals(x.transMat(), y.transMat());
    assertEquals(x.focalLength(), y.focalLength());
    assertArrayEquals(x.camPosition(), y.camPosition());
    assertEquals(x.inplaneRotation(), y.inplaneRotation());
    assertEquals(x.truncated(), y.truncated());
    assertEquals(x.occluded(), y.occluded());
    assertEquals(x.slightlyOccluded(), y.slightlyOccluded());
    assertArrayEquals(x.bbox(), y.bbox());
  }

  private static DataFormatException bad(String json) {
    return assertThrows(DataFormatException.class, () -> Pix3dReader.parse(json, "pix3d.json"));
  }

  private static String second(String field, String value) {
    // Replace a field of the second record only.
    int at = FIXTURE.indexOf("\"img\": \"img/chair/./0002.jpg\"");
    String head = FIXTURE.substring(0, at);
    String tail = FIXTURE.substring(at);
    int f = tail.indexOf("\"" + field + "\": ");
    int start = f + field.length() + 4;
    int end = start;
    int depth = 0;
    while (true) {
      char c = tail.charAt(end);
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      }
      if (depth == 0 && (c == ',' || c == '}')) {
        break;
      }
      end++;
    }
    return head + tail.substring(0, start) + value + tail.substring(end);
  }

  @Test
  void pathsOutsideTheRootAreRefused() {
    DataFormatException up = bad(second("img", "\"img/../../etc/passwd\""));
    assertTrue(up.getMessage().contains("record 1"), up.getMessage());
    assertTrue(up.getMessage().contains("'img'"), up.getMessage());
    assertTrue(up.getMessage().contains("escapes"), up.getMessage());
    DataFormatException abs = bad(second("model", "\"/abs/model.obj\""));
    assertTrue(abs.getMessage().contains("record 1, field 'model'"), abs.getMessage());
    assertTrue(abs.getMessage().contains("absolute"), abs.getMessage());
    DataFormatException mask = bad(second("mask", "\"C:\\\\x\\\\m.png\""));
    assertTrue(mask.getMessage().contains("field 'mask'"), mask.getMessage());
  }

  @Test
  void badRecordsNameFileRecordAndField() {
    DataFormatException rot = bad(second("rot_mat", "[[1, 0, 0], [0, 1, 0]]"));
    assertTrue(rot.getMessage().startsWith("pix3d.json: record 1, field 'rot_mat'"), rot.getMessage());
    DataFormatException kp = bad(second("2d_keypoints", "[[[1, 2, 3]]]"));
    assertTrue(kp.getMessage().contains("record 1, field '2d_keypoints"), kp.getMessage());
    DataFormatException size = bad(second("img_size", "[300.5, 200]"));
    assertTrue(size.getMessage().contains("'img_size'"), size.getMessage());
    DataFormatException focal = bad(second("focal_length", "\"35mm\""));
    assertTrue(focal.getMessage().contains("'focal_length'"), focal.getMessage());
    DataFormatException missing = bad("[{\"img\": \"img/a.png\"}]");
    assertTrue(missing.getMessage().contains("record 0, field 'category': missing"),
        missing.getMessage());
    DataFormatException syntax = bad("[\n{\"img\": \"a.png\",\n \"category\" \"chair\"}]");
    assertEquals(3, syntax.line());
    assertTrue(syntax.getMessage().contains("malformed JSON"), syntax.getMessage());
    assertTrue(bad("{\"img\": 1}").getMessage().contains("array"));
  }

  @Test
  void keypointFileReadsAndRoundTrips() throws IOException {
    new LocalDataSink(dir).write("kp.txt", DataRoot.utf8("0.1 -0.2 0.3\n\n1e-3  2 3\r\n-4 5 6"));
    DataRoot root = new LocalDataRoot(dir);
    double[][] p = Pix3dKeypointFile.read(root, "kp.txt");
    assertEquals(3, p.length, "last line without newline is kept");
    assertArrayEquals(new double[] {0.001, 2, 3}, p[1]);
    new Pix3dWriter(new LocalDataSink(dir)).write3dKeypoints("kp2.txt", p);
    assertTrue(Arrays.deepEquals(p, Pix3dKeypointFile.read(root, "kp2.txt")));
    DataFormatException e =
        assertThrows(DataFormatException.class,
            () -> Pix3dKeypointFile.parse("1 2 3\n1 2\n", "kp.txt"));
    assertEquals(2, e.line());
    DataFormatException nan =
        assertThrows(DataFormatException.class,
            () -> Pix3dKeypointFile.parse("1 2 x\n", "kp.txt"));
    assertTrue(nan.getMessage().contains("kp.txt:1"), nan.getMessage());
  }

  @Test
  void readerLoadsThreeDKeypointsNamedByARecord() throws IOException {
    LocalDataSink sink = new LocalDataSink(dir);
    sink.write("pix3d.json", DataRoot.utf8(FIXTURE));
    sink.write("model/chair/IKEA_B/3d_keypoints.txt", DataRoot.utf8("1 2 3\n4 5 6\n"));
    Pix3dReader reader = new Pix3dReader(new LocalDataRoot(dir));
    double[][] kp = reader.read3dKeypoints(reader.readIndex().get(1));
    assertEquals(2, kp.length);
    assertNull(Pix3dReader.parse(
            "[{\"img\": \"a.png\", \"category\": \"c\", \"img_size\": [1, 1], \"model\": \"m.obj\","
                + " \"rot_mat\": [[1,0,0],[0,1,0],[0,0,1]], \"trans_mat\": [0,0,1],"
                + " \"focal_length\": 1, \"bbox\": [0,0,0,0]}]", "min.json")
        .get(0).mask(), "optional fields may be absent");
  }
}
