package org.semcycle.datasets.shapenet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.datasets.TestFiles;
import org.semcycle.geometry.Material;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.Vec3;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.LocalDataRoot;

class ObjReaderTest {
  static final String DIR = "02691156/1a2b/models/";

  /** A quad with v/vt/vn negative indices, then triangles with v//vn and plain v corners. */
  static final String QUAD_OBJ = String.join("\n",
      "# quad fixture, ShapeNet-style",
      "mtllib quad.mtl",
      "o quad_object",
      "v 0 0 0",
      "v 1 0 0",
      "v 1 1 0",
      "v 0 1 0",
      "vt 0 0",
      "vt 1 0",
      "vt 1 1",
      "vt 0 1",
      "vn 0 0 1",
      "",
      "g seat",
      "usemtl red",
      "f -4/-4/-1 -3/-3/-1 -2/-2/-1 -1/-1/-1  # quad",
      "v 0 0 1.5",
      "v 1.0e0 0 1.5",
      "v 1 1 -2.25E-1",
      "g back",
      "usemtl blue",
      "f 5//1 6//1 7//1",
      "usemtl undefined_in_mtl",
      "f 5 6 7",
      "");

  static final String QUAD_MTL = String.join("\n",
      "# materials",
      "newmtl red",
      "Ka 0 0 0",
      "Kd 1 0 0",
      "map_Kd ../images/texture0.jpg",
      "newmtl blue",
      "Kd 0 0 1",
      "");

  private static DataFormatException bad(Path dir, String obj) {
    LocalDataRoot root = new TestFiles(dir).put("m.obj", obj).root();
    return assertThrows(DataFormatException.class, () -> ObjReader.read(root, "m.obj"));
  }

  private static void assertNames(DataFormatException e, Path dir, int line, String problem) {
    assertTrue(e.file().endsWith("m.obj") && e.file().startsWith(dir.toString()), e.getMessage());
    assertEquals(line, e.line(), e.getMessage());
    assertTrue(e.problem().contains(problem), e.getMessage());
    assertTrue(e.getMessage().startsWith(e.file() + ":" + line + ": "), e.getMessage());
  }

  @Test
  void readsQuadWithNegativeIndicesGroupsAndMaterials(@TempDir Path dir) {
    LocalDataRoot root = new TestFiles(dir)
        .put(DIR + "quad.obj", QUAD_OBJ)
        .put(DIR + "quad.mtl", QUAD_MTL)
        .root();
    Mesh m = ObjReader.read(root, DIR + "quad.obj");
    assertEquals(7, m.vertexCount());
    assertEquals(4, m.faceCount(), "quad fans into 2 triangles, then 2 triangles");
    assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3, 4, 5, 6, 4, 5, 6}, m.triangles());
    assertEquals(new Vec3(1, 1, -0.225), m.vertex(6));
    assertEquals(new Vec3(1, 0, 1.5), m.vertex(5));
    assertEquals(List.of("quad_object", "seat", "back"), m.groups());
    assertEquals("seat", m.groups().get(m.faceGroupIndex(1)));
    assertEquals("back", m.groups().get(m.faceGroupIndex(2)));
    Material red = m.faceMaterial(0);
    assertEquals("red", red.name());
    assertArrayEquals(new double[] {1, 0, 0}, red.kd());
    assertEquals("../images/texture0.jpg", red.textureName());
    assertEquals(DIR.replace("models/", "") + "images/texture0.jpg",
        MtlReader.texturePath(DIR + "quad.mtl", red.textureName()));
    assertArrayEquals(new double[] {0, 0, 1}, m.faceMaterial(2).kd());
    Material undefined = m.faceMaterial(3);
    assertEquals("undefined_in_mtl", undefined.name());
    assertArrayEquals(Material.DEFAULT.kd(), undefined.kd());
    assertTrue(m.hasUv());
    assertEquals(1f, m.uv(1, 1, 0));
    assertEquals(1f, m.uv(1, 1, 1));
    assertEquals(0f, m.uv(1, 2, 0));
    assertEquals(1f, m.uv(1, 2, 1));
  }

  @Test
  void acceptsCrlfForwardReferencesAndMissingMtl(@TempDir Path dir) {
    String obj = "mtllib absent.mtl\r\nf 1 2 3\r\nv 0 0 0\r\nv 1 0 0\r\nv 0 1 0\r\n";
    Mesh m = ObjReader.read(new TestFiles(dir).put("m.obj", obj).root(), "m.obj");
    assertEquals(1, m.faceCount());
    assertEquals(new Vec3(0, 1, 0), m.faceVertex(0, 2));
    assertFalse(m.hasUv());
    assertEquals(-1, m.faceGroupIndex(0));
  }

  @Test
  void keepsDegenerateFacesSoIndicesStayAligned(@TempDir Path dir) {
    String obj = "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 1 2\nf 1 2 3\n";
    Mesh m = ObjReader.read(new TestFiles(dir).put("m.obj", obj).root(), "m.obj");
    assertEquals(2, m.faceCount());
    assertEquals(0.0, m.faceArea(0));
  }

  @Test
  void truncatedMidNumberIsReported(@TempDir Path dir) {
    DataFormatException e = bad(dir, "v 0 0 0\nv 1 0 0\nv 0.1 0.");
    assertNames(e, dir, 3, "truncated");
  }

  @Test
  void truncatedFaceCornerIsReported(@TempDir Path dir) {
    DataFormatException e = bad(dir, "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1/1 2/1 3/");
    assertNames(e, dir, 4, "truncated");
    DataFormatException e2 = bad(dir, "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\nf 1/");
    assertNames(e2, dir, 5, "truncated");
  }

  @Test
  void malformedLastLineWithoutNewlineSaysTruncated(@TempDir Path dir) {
    DataFormatException e = bad(dir, "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\nv 0.5 0.2");
    assertNames(e, dir, 5, "needs at least 3 numbers");
    assertTrue(e.problem().contains("truncated"), e.getMessage());
  }

  @Test
  void nonNumericVertex(@TempDir Path dir) {
    DataFormatException e = bad(dir, "v 0 0 0\nv 1 abc 0\nv 0 1 0\nf 1 2 3\n");
    assertNames(e, dir, 2, "not a number: 'abc'");
    assertNames(bad(dir, "v 0 0 0\nv 1 1d 0\nv 0 1 0\nf 1 2 3\n"), dir, 2, "not a number");
  }

  @Test
  void nanAndInfiniteVertices(@TempDir Path dir) {
    assertNames(bad(dir, "v 0 0 0\nv 1 0 0\nv nan 1 0\nf 1 2 3\n"), dir, 3, "not finite");
    assertNames(bad(dir, "v 0 0 0\nv 1 0 -inf\nv 0 1 0\nf 1 2 3\n"), dir, 2, "not finite");
    assertNames(bad(dir, "v 0 0 0\nv 1 0 1e999\nv 0 1 0\nf 1 2 3\n"), dir, 2, "not finite");
  }

  @Test
  void faceIndexOutOfRangeOrZero(@TempDir Path dir) {
    assertNames(bad(dir, "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 4\n"), dir, 4, "out of range");
    assertNames(bad(dir, "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 0 1 2\n"), dir, 4, "index 0");
    assertNames(bad(dir, "v 0 0 0\nv 1 0 0\nf -3 -2 -1\nv 0 1 0\n"), dir, 3, "out of range");
    assertNames(bad(dir, "v 0 0 0\nv 1 0 0\nv 0 1 0\nvt 0 0\nf 1/2 2/1 3/1\n"), dir, 5,
        "texture index 2 out of range");
  }

  @Test
  void faceWithTooFewVertices(@TempDir Path dir) {
    assertNames(bad(dir, "v 0 0 0\nv 1 0 0\nf 1 2\n"), dir, 3, "at least 3 vertices");
  }

  @Test
  void emptyMesh(@TempDir Path dir) {
    DataFormatException e = bad(dir, "# nothing\nv 0 0 0\n");
    assertTrue(e.file().endsWith("m.obj"), e.getMessage());
    assertTrue(e.problem().contains("no faces"), e.getMessage());
  }

  @Test
  void nonUtf8(@TempDir Path dir) {
    byte[] bytes = "v 0 0 0\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    LocalDataRoot root = new TestFiles(dir).put("m.obj", bytes).root();
    DataFormatException e = assertThrows(DataFormatException.class, () -> ObjReader.read(root, "m.obj"));
    assertNames(e, dir, 2, "not valid UTF-8");
  }

  @Test
  void absoluteMtllibIsRefusedNotReadAsRelative(@TempDir Path dir) {
    new TestFiles(dir).put("x.mtl", "newmtl x\nKd 1 1 1\n");
    Path outside = dir.resolve("x.mtl").toAbsolutePath();
    LocalDataRoot root = new TestFiles(dir.resolve("data"))
        .put("models/m.obj", "mtllib " + outside + "\nv 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n")
        .root();
    DataFormatException e = assertThrows(DataFormatException.class, () -> ObjReader.read(root, "models/m.obj"));
    assertEquals(1, e.line(), e.getMessage());
    assertTrue(e.problem().contains("absolute path not allowed"), e.getMessage());
  }

  @Test
  void mtllibEscapingTheRootIsRefused(@TempDir Path dir) {
    LocalDataRoot root = new TestFiles(dir.resolve("data"))
        .put("m.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nmtllib ../../x.mtl\nf 1 2 3\n")
        .root();
    new TestFiles(dir).put("x.mtl", "newmtl x\nKd 1 1 1\n");
    DataFormatException e = assertThrows(DataFormatException.class, () -> ObjReader.read(root, "m.obj"));
    assertEquals(4, e.line(), e.getMessage());
    assertTrue(e.file().endsWith("m.obj"), e.getMessage());
    assertTrue(e.problem().contains("escapes the data-set root"), e.getMessage());
  }

  @Test
  void badMtlNamesTheMtlFile(@TempDir Path dir) {
    LocalDataRoot root = new TestFiles(dir)
        .put("m.obj", "mtllib m.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n")
        .put("m.mtl", "newmtl a\nKd 1 x 0\n")
        .root();
    DataFormatException e = assertThrows(DataFormatException.class, () -> ObjReader.read(root, "m.obj"));
    assertTrue(e.file().endsWith("m.mtl"), e.getMessage());
    assertEquals(2, e.line());
    assertTrue(e.problem().contains("not a number: 'x'"), e.getMessage());
  }
}
