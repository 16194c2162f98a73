package org.semcycle.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.semcycle.geometry.Vec3;

class SolidTest {
  private static Vec3 point(Solid s, int f, double[] w) {
    return s.vertex(s.corner(f, 0)).times(w[0])
        .plus(s.vertex(s.corner(f, 1)).times(w[1]))
        .plus(s.vertex(s.corner(f, 2)).times(w[2]));
  }

  @Test
  void primitivesHaveTheirVolumeAndWindOutward() {
    Solid box = Hexahedron.box(new Vec3(0, 0, 0), new Vec3(1, 2, 3));
    assertEquals(12, box.faceCount());
    assertEquals(6.0, box.signedVolume(), 1e-12);
    // A beam's frame may come out left-handed: it is flipped to wind outward anyway.
    Solid beam = Hexahedron.beam(new Vec3(0, 0, 0), new Vec3(0, 0, -2), 0.5, 0.25, Vec3.Y);
    assertEquals(0.25, beam.signedVolume(), 1e-12);
    Solid tube = Loft.tube(new Vec3(1, 1, 1), new Vec3(1, 3, 1), 0.5, 0.5, 64);
    assertEquals(Math.PI * 0.25 * 2, tube.signedVolume(), 0.01);
    Solid tyre = WheelPart.tyre(Vec3.ZERO, 1, 0.25, 64, 32);
    assertEquals(2 * Math.PI * Math.PI * 1 * 0.25 * 0.25, tyre.signedVolume(), 0.01);
    Solid cone = Loft.of(List.<Vec3[]>of(Loft.ellipse(Vec3.ZERO, Vec3.X, Vec3.Z, 1, 1, 128)),
        null, new Vec3(0, 3, 0));
    assertEquals(Math.PI, cone.signedVolume(), 0.01);
    Solid wing = WingPart.panel(new Vec3(0, 0, 0), 1, 0.1, new Vec3(2, 0, 0.5), 0.5, 0.05, Vec3.Z, Vec3.Y);
    assertTrue(wing.signedVolume() > 0);
  }

  @Test
  void mirrorKeepsFaceOrderWithSwappedWeights() {
    Solid s = Hexahedron.beam(new Vec3(0.2, 0.1, -0.3), new Vec3(0.7, 0.4, 0.2), 0.1, 0.2, Vec3.Y);
    Solid m = s.mirroredX();
    assertEquals(s.signedVolume(), m.signedVolume(), 1e-12);
    double[] w = {0.2, 0.5, 0.3};
    for (int f = 0; f < s.faceCount(); f++) {
      Vec3 p = point(s, f, w);
      Vec3 q = point(m, f, new double[] {w[0], w[2], w[1]});
      assertEquals(p.mirrorX().distance(q), 0, 1e-12);
    }
  }

  @Test
  void closestBarycentricCoversInteriorEdgesAndCorners() {
    Vec3 a = new Vec3(0, 0, 0);
    Vec3 b = new Vec3(1, 0, 0);
    Vec3 c = new Vec3(0, 1, 0);
    assertArrayEquals(new double[] {0.5, 0.25, 0.25},
        PartAssembly.closestBarycentric(new Vec3(0.25, 0.25, 3), a, b, c), 1e-12);
    assertArrayEquals(new double[] {0, 1, 0},
        PartAssembly.closestBarycentric(new Vec3(2, -1, 0), a, b, c), 1e-12);
    assertArrayEquals(new double[] {0.5, 0.5, 0},
        PartAssembly.closestBarycentric(new Vec3(0.5, -2, 1), a, b, c), 1e-12);
    assertArrayEquals(new double[] {0, 0.5, 0.5},
        PartAssembly.closestBarycentric(new Vec3(1, 1, 0), a, b, c), 1e-12);
  }
}
