package org.semcycle.datasets.shapenet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.geometry.Material;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.MeshBuilder;
import org.semcycle.io.LocalDataRoot;
import org.semcycle.io.LocalDataSink;

class ObjWriterTest {

  /** A random mesh with awkward coordinates, two groups and two materials, some faces with neither. */
  static Mesh randomMesh(long seed, boolean withUv) {
    SplittableRandom rng = new SplittableRandom(seed);
    MeshBuilder b = new MeshBuilder();
    for (int i = 0; i < 60; i++) {
      b.addVertex(rng.nextDouble(-0.6, 0.6), rng.nextDouble(-1e-7, 1e-7), rng.nextDouble(-250, 250));
    }
    for (int f = 0; f < 40; f++) {
      if (f == 10) {
        b.useGroup("seat");
        b.useMaterial(new Material("wood", 0.5, 0.25, 0.125));
      } else if (f == 25) {
        b.useGroup("leg part");
        b.useMaterial(new Material("metal", new double[] {0.1, 0.2, 0.3}, "../images/t.png"));
      }
      float[] uv = null;
      if (withUv) {
        uv = new float[6];
        for (int k = 0; k < 6; k++) {
          uv[k] = (float) rng.nextDouble();
        }
      }
      b.addTriangle(rng.nextInt(60), rng.nextInt(60), rng.nextInt(60), uv);
    }
    return b.build();
  }

  @Test
  void roundTripIsWithinOneMicron(@TempDir Path dir) throws Exception {
    for (boolean uv : new boolean[] {false, true}) {
      Mesh m = randomMesh(7, uv);
      ObjWriter.write(new LocalDataSink(dir), "s/x/models/model_normalized.obj", m);
      assertTrue(Files.exists(dir.resolve("s/x/models/model_normalized.mtl")));
      Mesh r = ObjReader.read(new LocalDataRoot(dir), "s/x/models/model_normalized.obj");
      assertEquals(m.vertexCount(), r.vertexCount());
      assertArrayEquals(m.triangles(), r.triangles());
      double[] a = m.positions();
      double[] c = r.positions();
      for (int i = 0; i < a.length; i++) {
        assertEquals(a[i], c[i], 1e-6, "coordinate " + i);
      }
      assertEquals(m.groups(), r.groups());
      assertEquals(m.materials().size(), r.materials().size());
      for (int f = 0; f < m.faceCount(); f++) {
        assertEquals(m.faceGroupIndex(f), r.faceGroupIndex(f));
        assertEquals(m.faceMaterial(f).name(), r.faceMaterial(f).name());
        assertArrayEquals(m.faceMaterial(f).kd(), r.faceMaterial(f).kd(), 1e-9);
        assertEquals(m.faceMaterial(f).textureName(), r.faceMaterial(f).textureName());
        if (uv) {
          for (int k = 0; k < 6; k++) {
            assertEquals(m.uv(f, k / 2, k % 2), r.uv(f, k / 2, k % 2));
          }
        }
      }
      assertEquals(uv, r.hasUv());
    }
  }

  @Test
  void outputIsDeterministicAndPlain() {
    String a = ObjWriter.toObj(randomMesh(3, true), "m.mtl");
    String b = ObjWriter.toObj(randomMesh(3, true), "m.mtl");
    assertEquals(a, b);
    assertTrue(a.contains("\nmtllib m.mtl\n"));
    assertTrue(a.contains("\ng seat\nusemtl wood\n"));
    assertTrue(!a.contains("E") && !a.contains(","), "no exponents or locale commas in coordinates");
  }

  @Test
  void mtlWriterWritesKdAndTexture() {
    String mtl = MtlWriter.toMtl(java.util.List.of(
        new Material("a", 1, 0.5, 0), new Material("b", new double[] {0, 0, 1}, "tex.png")));
    assertEquals("# semcycle MtlWriter\n\nnewmtl a\nKd 1 0.5 0\n\nnewmtl b\nKd 0 0 1\nmap_Kd tex.png\n", mtl);
    var back = MtlReader.parse(mtl, "x.mtl");
    assertEquals("tex.png", back.get("b").textureName());
    assertArrayEquals(new double[] {1, 0.5, 0}, back.get("a").kd());
  }
}
