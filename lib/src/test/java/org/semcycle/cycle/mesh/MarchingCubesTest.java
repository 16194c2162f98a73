package org.semcycle.cycle.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.semcycle.geometry.Bounds;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.MeshOps;
import org.semcycle.geometry.Vec3;
import org.junit.jupiter.api.Test;

class MarchingCubesTest {

  static double center(int i, int r) {
    return -0.5 + (i + 0.5) / r;
  }

  /** Signed field radius - |p - c| (positive inside) on the voxel lattice. */
  static float[] sphereField(int r, double radius, Vec3 c) {
    float[] v = new float[r * r * r];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) {
        for (int k = 0; k < r; k++) {
          Vec3 p = new Vec3(center(i, r), center(j, r), center(k, r));
          v[(i * r + j) * r + k] = (float) (radius - p.distance(c));
        }
      }
    }
    return v;
  }

  /** Enclosed volume by the divergence theorem: (1/6) sum a . (b x c). */
  static double volume(Mesh m) {
    double s = 0;
    for (int f = 0; f < m.faceCount(); f++) {
      s += m.faceVertex(f, 0).dot(m.faceVertex(f, 1).cross(m.faceVertex(f, 2)));
    }
    return s / 6;
  }

  /**
   * Asserts every undirected edge is used by exactly two faces, once in each direction
   * (closed, consistently oriented). Returns the number of edges.
   */
  static int assertClosedAndConsistent(Mesh m) {
    Map<Long, Integer> directed = new HashMap<>();
    for (int f = 0; f < m.faceCount(); f++) {
      for (int c = 0; c < 3; c++) {
        long a = m.corner(f, c);
        long b = m.corner(f, (c + 1) % 3);
        directed.merge(a * 10_000_000L + b, 1, Integer::sum);
      }
    }
    for (Map.Entry<Long, Integer> e : directed.entrySet()) {
      long a = e.getKey() / 10_000_000L;
      long b = e.getKey() % 10_000_000L;
      assertEquals(1, e.getValue(), "directed edge " + a + "->" + b + " used twice");
      assertEquals(
          1, directed.getOrDefault(b * 10_000_000L + a, 0), "edge " + a + "-" + b + " is open");
    }
    return directed.size() / 2;
  }

  @Test
  void sphereAreaVolumeClosedAndOutward() {
    int r = 48;
    double radius = 0.3;
    Vec3 c = new Vec3(0.03, -0.02, 0.01);
    Mesh m = MarchingCubes.extract(sphereField(r, radius, c), r, 0.0, -1.0);
    double area = MeshOps.totalArea(m);
    double vol = volume(m);
    double areaTrue = 4 * Math.PI * radius * radius;
    double volTrue = 4.0 / 3 * Math.PI * radius * radius * radius;
    assertEquals(areaTrue, area, 0.02 * areaTrue, "area");
    assertEquals(volTrue, vol, 0.02 * volTrue, "volume (positive: outward orientation)");
    int edges = assertClosedAndConsistent(m);
    // Euler characteristic of a sphere: V - E + F = 2
    assertEquals(2, m.vertexCount() - edges + m.faceCount(), "genus 0");
    for (int f = 0; f < m.faceCount(); f++) {
      Vec3 centroid = m.pointOnFace(f, 1 / 3.0, 1 / 3.0, 1 / 3.0);
      if (m.faceArea(f) > 1e-12) {
        assertTrue(m.faceNormal(f).dot(centroid.minus(c).normalized()) > 0.5, "face " + f);
      }
      assertEquals(radius, centroid.distance(c), 0.5 / r, "face near the sphere");
    }
  }

  @Test
  void randomFieldGivesClosedConsistentSurface() {
    // ambiguous faces everywhere: the face rule must make neighbouring cubes agree
    int r = 10;
    SplittableRandom rnd = new SplittableRandom(7);
    float[] v = new float[r * r * r];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) rnd.nextDouble();
    }
    Mesh m = MarchingCubes.fromProbabilities(v, r, 0.5);
    assertTrue(m.faceCount() > 500);
    assertClosedAndConsistent(m);
    assertTrue(volume(m) > 0);
  }

  @Test
  void fullGridClosesAtTheBorderAndFromLogitsAppliesSigmoid() {
    int r = 4;
    float[] logits = new float[r * r * r];
    java.util.Arrays.fill(logits, 5f); // sigmoid = 0.9933
    Mesh m = MarchingCubes.fromLogits(logits, r, 0.1);
    assertClosedAndConsistent(m);
    Bounds b = m.bounds();
    // padding 0 outside, 0.9933 inside: surface at 0.1/0.9933 of a cell beyond the border centre
    double t = 0.1 / (1 / (1 + Math.exp(-5)));
    double expected = -0.5 - 0.5 / r + t / r;
    assertEquals(expected, b.min().x(), 1e-6);
    assertEquals(-expected, b.max().z(), 1e-6);
    // the logits decide inside/outside through the sigmoid: -3 -> 0.047 < 0.1 is outside
    java.util.Arrays.fill(logits, -3f);
    assertEquals(0, MarchingCubes.fromLogits(logits, r, 0.1).faceCount());
  }

  @Test
  void axisOrderFollowsTheVoxelConvention() {
    // an L of boxes: a block at high x, low y, low z (i large, j small, k small) plus an arm
    // along +y at the same x, so bounds differ per axis; asymmetric in every axis
    int r = 16;
    float[] v = new float[r * r * r];
    for (int i = 10; i < 14; i++) {
      for (int j = 1; j < 4; j++) {
        for (int k = 2; k < 5; k++) {
          v[(i * r + j) * r + k] = 1f;
        }
      }
    }
    for (int i = 12; i < 14; i++) {
      for (int j = 4; j < 9; j++) {
        for (int k = 2; k < 3; k++) {
          v[(i * r + j) * r + k] = 1f;
        }
      }
    }
    Mesh m = MarchingCubes.fromProbabilities(v, r, 0.5);
    assertClosedAndConsistent(m);
    Bounds b = m.bounds();
    double h = 0.5 / r; // iso 0.5 between a 1 and a 0 lies half way between centres
    assertEquals(center(10, r) - h, b.min().x(), 1e-9);
    assertEquals(center(13, r) + h, b.max().x(), 1e-9);
    assertEquals(center(1, r) - h, b.min().y(), 1e-9);
    assertEquals(center(8, r) + h, b.max().y(), 1e-9);
    assertEquals(center(2, r) - h, b.min().z(), 1e-9);
    assertEquals(center(4, r) + h, b.max().z(), 1e-9);
    assertTrue(b.center().x() > 0 && b.center().y() < 0 && b.center().z() < 0);
    // voxels: 4*3*3 + 2*5*1 = 46 cells of 1/r^3; marching cubes cuts the corners a little
    double cells = 46.0 / (r * r * r);
    double vol = volume(m);
    assertTrue(vol > 0.6 * cells && vol < 1.0 * cells, "volume " + vol + " vs " + cells);
  }
}
