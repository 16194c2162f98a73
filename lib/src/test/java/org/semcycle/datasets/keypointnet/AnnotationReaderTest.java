package org.semcycle.datasets.keypointnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.datasets.TestFiles;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.LocalDataRoot;
import org.semcycle.io.LocalDataSink;

class AnnotationReaderTest {
  /** KeypointNet layout: a swivel chair with a reflection pair and a circular rotation group. */
  static final String CHAIR_JSON = """
      [
        {
          "class_id": "03001627",
          "model_id": "1006be65e7bc937e9141f9b58470d646",
          "keypoints": [
            {"xyz": [0.21, 0.05, -0.18], "rgb": [139, 69, 19], "semantic_id": 0,
             "pcd_info": {"point_index": 1021},
             "mesh_info": {"face_index": 3310, "face_uv": [0.2, 0.3, 0.5]}},
            {"xyz": [-0.21, 0.05, -0.18], "rgb": [139, 69, 19], "semantic_id": 1,
             "pcd_info": {"point_index": 77},
             "mesh_info": {"face_index": 3311, "face_uv": [0.6, 0.3, 0.1]}},
            {"xyz": [0.25, -0.45, 0.0], "rgb": [20, 20, 20], "semantic_id": 10,
             "pcd_info": {"point_index": 5},
             "mesh_info": {"face_index": 12, "face_uv": [1.0, 0.0, 0.0]}},
            {"xyz": [-0.125, -0.45, 0.2165], "rgb": [20, 20, 20], "semantic_id": 11,
             "pcd_info": {"point_index": 6},
             "mesh_info": {"face_index": 13, "face_uv": [0.0, 1.0, 0.0]}},
            {"xyz": [-0.125, -0.45, -0.2165], "rgb": [20, 20, 20.0], "semantic_id": 12,
             "pcd_info": {"point_index": 7},
             "mesh_info": {"face_index": 14, "face_uv": [0.0, 0.0, 1.0]}}
          ],
          "symmetries": {
            "reflection": [{"kp_indexes": [0, 1]}],
            "rotation": [{"kp_indexes": [2, 3, 4], "is_circle": true,
                          "circle": {"center": [0.0, -0.45, 0.0], "radius": 0.25,
                                     "normal": [0.0, 1.0, 0.0]}},
                         {"kp_indexes": [0, 1], "is_circle": false}]
          }
        },
        {
          "class_id": "03001627",
          "model_id": "2b",
          "keypoints": []
        }
      ]
      """;

  private static DataFormatException bad(String json) {
    return assertThrows(DataFormatException.class, () -> AnnotationReader.parse(json, "annotations/chair.json"));
  }

  @Test
  void readsKeypointsAndSymmetries() {
    List<ModelAnnotation> models = AnnotationReader.parse(CHAIR_JSON, "chair.json");
    assertEquals(2, models.size());
    ModelAnnotation m = models.get(0);
    assertEquals("03001627", m.classId());
    assertEquals("1006be65e7bc937e9141f9b58470d646", m.modelId());
    assertEquals(5, m.keypoints().size());
    Keypoint k = m.keypoints().get(1);
    assertArrayEquals(new double[] {-0.21, 0.05, -0.18}, k.xyz());
    assertArrayEquals(new int[] {139, 69, 19}, k.rgb());
    assertEquals(1, k.semanticId());
    assertEquals(77, k.pcdPointIndex());
    assertEquals(3311, k.faceIndex());
    assertArrayEquals(new double[] {0.6, 0.3, 0.1}, k.faceUv());
    assertEquals(20, m.keypoints().get(4).rgb()[2], "integral float accepted as int");
    assertEquals(1, m.symmetries().reflection().size());
    assertArrayEquals(new int[] {0, 1}, m.symmetries().reflection().get(0));
    RotationGroup circle = m.symmetries().rotation().get(0);
    assertTrue(circle.isCircle());
    assertArrayEquals(new int[] {2, 3, 4}, circle.kpIndexes());
    assertArrayEquals(new double[] {0, -0.45, 0}, circle.center());
    assertEquals(0.25, circle.radius());
    assertArrayEquals(new double[] {0, 1, 0}, circle.normal());
    RotationGroup plain = m.symmetries().rotation().get(1);
    assertFalse(plain.isCircle());
    assertNull(plain.center());
    assertEquals(Symmetries.NONE, models.get(1).symmetries(), "missing symmetries means none");
  }

  @Test
  void roundTripsThroughWriter(@TempDir Path dir) throws Exception {
    List<ModelAnnotation> models = AnnotationReader.parse(CHAIR_JSON, "chair.json");
    AnnotationWriter.write(new LocalDataSink(dir), KeypointNetLayout.annotations("chair"), models);
    List<ModelAnnotation> back = AnnotationReader.read(new LocalDataRoot(dir), "annotations/chair.json");
    assertEquals(models.size(), back.size());
    for (int i = 0; i < models.size(); i++) {
      ModelAnnotation a = models.get(i);
      ModelAnnotation b = back.get(i);
      assertEquals(a.modelId(), b.modelId());
      assertEquals(a.classId(), b.classId());
      assertEquals(a.keypoints().size(), b.keypoints().size());
      for (int k = 0; k < a.keypoints().size(); k++) {
        Keypoint x = a.keypoints().get(k);
        Keypoint y = b.keypoints().get(k);
        assertArrayEquals(x.xyz(), y.xyz());
        assertArrayEquals(x.rgb(), y.rgb());
        assertArrayEquals(x.faceUv(), y.faceUv());
        assertEquals(x.semanticId(), y.semanticId());
        assertEquals(x.pcdPointIndex(), y.pcdPointIndex());
        assertEquals(x.faceIndex(), y.faceIndex());
      }
      assertEquals(a.symmetries().reflection().size(), b.symmetries().reflection().size());
      assertEquals(a.symmetries().rotation().size(), b.symmetries().rotation().size());
      for (int r = 0; r < a.symmetries().rotation().size(); r++) {
        RotationGroup g = a.symmetries().rotation().get(r);
        RotationGroup h = b.symmetries().rotation().get(r);
        assertArrayEquals(g.kpIndexes(), h.kpIndexes());
        assertEquals(g.isCircle(), h.isCircle());
        assertArrayEquals(g.center(), h.center());
        assertArrayEquals(g.normal(), h.normal());
        assertEquals(g.radius(), h.radius());
      }
    }
    assertArrayEquals(AnnotationWriter.toJson(models), AnnotationWriter.toJson(back), "stable bytes");
  }

  @Test
  void groupsThatAreNotCirclesAreWrittenAndReadAsKeypointNetWritesThem() {
    List<ModelAnnotation> models = AnnotationReader.parse(CHAIR_JSON, "chair.json");
    String json = new String(AnnotationWriter.toJson(models), StandardCharsets.UTF_8);
    assertTrue(json.contains("{\"kp_indexes\":[0,1],\"is_circle\":false,\"circle\":{}}"), json);
    assertTrue(json.contains("\"is_circle\":true,\"circle\":{\"center\":[0.0,-0.45,0.0],\"radius\":0.25,"), json);
    String keypointNet = CHAIR_JSON.replace("\"is_circle\": false}", "\"is_circle\": false, \"circle\": {}}");
    assertTrue(keypointNet.contains("\"circle\": {}"));
    RotationGroup g = AnnotationReader.parse(keypointNet, "chair.json").get(0).symmetries().rotation().get(1);
    assertFalse(g.isCircle());
    assertArrayEquals(new int[] {0, 1}, g.kpIndexes());
    assertNull(g.center());
  }

  @Test
  void malformedJsonNamesFileAndLine(@TempDir Path dir) {
    String broken = CHAIR_JSON.replace("\"semantic_id\": 1,", "\"semantic_id\": 1");
    LocalDataRoot root = new TestFiles(dir).put("annotations/chair.json", broken).root();
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> AnnotationReader.read(root, "annotations/chair.json"));
    assertTrue(e.file().endsWith("annotations/chair.json"), e.getMessage());
    assertEquals(10, e.line(), "the line after the missing comma: " + e.getMessage());
    assertTrue(e.problem().startsWith("malformed JSON"), e.getMessage());
  }

  @Test
  void contentAfterTheAnnotationsIsRefused() {
    DataFormatException e = bad(CHAIR_JSON + "\n[]");
    assertTrue(e.getMessage().startsWith("annotations/chair.json:"), e.getMessage());
    assertTrue(e.problem().equals("malformed JSON: more content after the JSON value"), e.getMessage());
  }

  @Test
  void missingFieldNamesModelKeypointAndField() {
    String json = CHAIR_JSON.replace("\"pcd_info\": {\"point_index\": 77},", "");
    DataFormatException e = bad(json);
    assertEquals("annotations/chair.json: model 0 (model_id 1006be65e7bc937e9141f9b58470d646)"
        + " keypoint 1, field 'pcd_info': missing", e.getMessage());
  }

  @Test
  void mistypedFieldsAreReported() {
    assertTrue(bad(CHAIR_JSON.replace("\"semantic_id\": 10", "\"semantic_id\": \"ten\""))
        .getMessage().contains("keypoint 2, field 'semantic_id': expected an integer"));
    assertTrue(bad(CHAIR_JSON.replace("[0.2, 0.3, 0.5]", "[0.2, 0.3]"))
        .getMessage().contains("keypoint 0 mesh_info, field 'face_uv': expected 3 numbers"));
    assertTrue(bad(CHAIR_JSON.replace("\"model_id\": \"2b\"", "\"model_id\": 2"))
        .getMessage().contains("model 1, field 'model_id': expected a string"));
    assertTrue(bad(CHAIR_JSON.replace("[139, 69, 19], \"semantic_id\": 0", "[139, 69, 300], \"semantic_id\": 0"))
        .getMessage().contains("field 'rgb': values should be 0..255"));
  }

  @Test
  void symmetryErrorsAreReported() {
    DataFormatException e = bad(CHAIR_JSON.replace("{\"kp_indexes\": [0, 1]}]", "{\"kp_indexes\": [0, 9]}]"));
    assertTrue(e.getMessage().contains("symmetries reflection 0, field 'kp_indexes': index 9 out of range"),
        e.getMessage());
    String noCircle = CHAIR_JSON.replaceAll("\"circle\": \\{[^}]*\\}", "\"other\": 1");
    assertTrue(bad(noCircle).getMessage().contains("rotation 0, field 'circle': missing"));
    assertTrue(bad(CHAIR_JSON.replace("\"is_circle\": false", "\"is_circle\": 0"))
        .getMessage().contains("rotation 1, field 'is_circle': expected true or false"));
  }

  @Test
  void rejectsNonArrayAndDuplicateKeys() {
    assertTrue(bad("{\"class_id\": \"x\"}").getMessage().contains("expected a JSON array"));
    DataFormatException e = bad("[{\"model_id\": \"a\", \"model_id\": \"b\"}]");
    assertTrue(e.problem().contains("Duplicate field"), e.getMessage());
    assertTrue(new String(AnnotationWriter.toJson(List.of()), StandardCharsets.UTF_8).equals("[]\n"));
  }
}
