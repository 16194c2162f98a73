package org.semcycle.rendering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.semcycle.geometry.Material;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.MeshBuilder;
import org.semcycle.geometry.Vec3;
import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Projection;
import org.semcycle.rendering.camera.Viewpoint;

class RasterizerTest {
  private static final Vec3 HEADLIGHT = new Vec3(0, 0, -1);
  private static final RenderSettings FIXED =
      RenderSettings.DEFAULT.withLightDirection(HEADLIGHT).withBackground(Background.BLACK);

  @Test
  void sphereSilhouetteMatchesTheExactPerspectiveCircle() {
    double radius = 0.5;
    double d = 2.0;
    Mesh sphere = PrimitiveMeshes.uvSphere(Vec3.ZERO, radius, 96, 48);
    Camera cam = Camera.lookAt(Viewpoint.of(30, 20, d), 128, 128, 45);
    RenderOutput out = new Rasterizer(FIXED.withSupersample(4)).render(sphere, cam, 1);
    double rImg = cam.intrinsics().f() * radius / Math.sqrt(d * d - radius * radius);
    double expected = Math.PI * rImg * rImg;
    assertEquals(1, out.silhouetteArea() / expected, 0.01);
    // the disc is centred on the principal point: catches half-pixel offsets
    double sx = 0;
    double sy = 0;
    double sw = 0;
    for (int y = 0; y < 128; y++) {
      for (int x = 0; x < 128; x++) {
        double c = out.silhouetteAt(x, y);
        sx += c * x;
        sy += c * y;
        sw += c;
      }
    }
    assertEquals(63.5, sx / sw, 0.05);
    assertEquals(63.5, sy / sw, 0.05);
    assertRowsHaveNoGaps(out);
  }

  @Test
  void everyCoveredPixelHasADepthAndANormal() {
    // Thin bars at low resolution: many pixels are partly covered, some with an empty centre sample.
    Mesh bars = PrimitiveMeshes.perfObject();
    Camera cam = Camera.lookAt(Viewpoint.of(35, 25, 2.2), 48, 48, 35);
    for (int k : new int[] {2, 3}) {
      RenderOutput out = new Rasterizer(FIXED.withSupersample(k)).render(bars, cam, 1);
      int partly = 0;
      for (int i = 0; i < 48 * 48; i++) {
        int cover = out.silhouette()[i] & 255;
        if (cover == 0) {
          continue;
        }
        partly += cover < 255 ? 1 : 0;
        float nx = out.normals()[3 * i], ny = out.normals()[3 * i + 1], nz = out.normals()[3 * i + 2];
        assertEquals(1.0, Math.sqrt(nx * nx + ny * ny + nz * nz), 1e-4, "normal at pixel " + i);
        assertTrue(out.depth()[i] > 0 && Float.isFinite(out.depth()[i]), "depth at pixel " + i);
      }
      assertTrue(partly > 20, "the check needs partly covered pixels, got " + partly);
    }
  }

  @Test
  void cubeSilhouetteMatchesTheProjectedHull() {
    Mesh cube = PrimitiveMeshes.box(-0.3, -0.3, -0.3, 0.3, 0.3, 0.3);
    Camera cam = Camera.lookAt(Viewpoint.of(35, 25, 2.2), 128, 128, 45);
    RenderOutput out = new Rasterizer(FIXED.withSupersample(4)).render(cube, cam, 1);
    List<double[]> pts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Projection p = cam.project(new Vec3((i & 1) == 0 ? -0.3 : 0.3, (i & 2) == 0 ? -0.3 : 0.3, (i & 4) == 0 ? -0.3 : 0.3));
      pts.add(new double[] {p.x(), p.y()});
    }
    double expected = hullArea(pts);
    assertTrue(expected > 1000, "the cube should be large on screen: " + expected);
    assertEquals(1, out.silhouetteArea() / expected, 0.01);
    assertRowsHaveNoGaps(out);
  }

  @Test
  void depthOfAPlaneFacingTheCameraIsExact() {
    Mesh plane = PrimitiveMeshes.quad(new Vec3(-3, -3, 0), new Vec3(3, -3, 0), new Vec3(3, 3, 0), new Vec3(-3, 3, 0), null);
    Camera cam = Camera.lookAt(Viewpoint.of(0, 0, 2), 64, 48, 45);
    RenderOutput out = new Rasterizer(FIXED).render(plane, cam, 1);
    assertEquals(64 * 48, out.foregroundCount());
    for (float z : out.depth()) {
      assertEquals(2.0, z, 2e-4);
    }
    // a quad whose corners project a million pixels away goes through guard-band clipping
    double h = 1e4;
    Mesh huge = PrimitiveMeshes.quad(new Vec3(-h, -h, 0), new Vec3(h, -h, 0), new Vec3(h, h, 0), new Vec3(-h, h, 0), null);
    RenderOutput big = new Rasterizer(FIXED).render(huge, cam, 1);
    assertEquals(64 * 48, big.foregroundCount());
    for (float z : big.depth()) {
      assertEquals(2.0, z, 2e-4);
    }
  }

  @Test
  void depthOfATiltedPlaneMatchesRayIntersection() {
    Vec3 n = new Vec3(0.5, 0.3, 1).normalized();
    Vec3 u = n.cross(Vec3.Y).normalized();
    Vec3 v = n.cross(u);
    Vec3 a = u.times(-4).plus(v.times(-4));
    Vec3 b = u.times(4).plus(v.times(-4));
    Vec3 c = u.times(4).plus(v.times(4));
    Vec3 dd = u.times(-4).plus(v.times(4));
    Mesh plane = PrimitiveMeshes.quad(a, b, c, dd, null);
    Camera cam = Camera.lookAt(Viewpoint.of(10, 15, 2.5), 80, 60, 50);
    RenderOutput out = new Rasterizer(FIXED).render(plane, cam, 1);
    assertEquals(80 * 60, out.foregroundCount());
    Vec3 centre = cam.cameraCentre();
    double f = cam.intrinsics().f();
    for (int y = 0; y < 60; y++) {
      for (int x = 0; x < 80; x++) {
        Vec3 dir = cam.extrinsics().directionToWorld(
            new Vec3((x - cam.intrinsics().cx()) / f, (y - cam.intrinsics().cy()) / f, 1));
        double s = -n.dot(centre) / n.dot(dir); // camera z along a ray with z-component 1
        assertEquals(s, out.depthAt(x, y), 1e-4 * s, "pixel " + x + "," + y);
      }
    }
  }

  @Test
  void normalsOfAPlaneFacingTheCameraPointAtIt() {
    Vec3 a = new Vec3(-1, -1, 0);
    Vec3 b = new Vec3(1, -1, 0);
    Vec3 c = new Vec3(1, 1, 0);
    Vec3 d = new Vec3(-1, 1, 0);
    Camera cam = Camera.lookAt(Viewpoint.of(0, 0, 3), 32, 32, 45);
    for (Mesh m : List.of(PrimitiveMeshes.quad(a, b, c, d, null), PrimitiveMeshes.quad(a, d, c, b, null))) {
      RenderOutput out = new Rasterizer(FIXED).render(m, cam, 1);
      assertTrue(out.foregroundCount() > 100);
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          if (out.faceAt(x, y) >= 0) {
            Vec3 nrm = out.normalAt(x, y);
            assertEquals(0, nrm.x(), 1e-6);
            assertEquals(0, nrm.y(), 1e-6);
            assertEquals(-1, nrm.z(), 1e-6);
          } else {
            assertEquals(Vec3.ZERO, out.normalAt(x, y));
            assertEquals(0f, out.depthAt(x, y));
            assertEquals(0, out.silhouetteAt(x, y));
          }
        }
      }
    }
  }

  @Test
  void visibleCornersProjectWhereTheRasteriserDrawsThem() {
    // A cube seen face-on, turned 45 degrees in the image: its front face is a diamond whose
    // four corners are the silhouette's extreme points. Draw at 16x the resolution and compare
    // the extreme sub-pixels, in the low-resolution camera's pixel coordinates.
    int k = 16;
    Mesh cube = PrimitiveMeshes.box(-0.25, -0.25, -0.25, 0.25, 0.25, 0.25);
    Camera cam = Camera.lookAt(new Viewpoint(0, 0, 2, 45, 0.013, -0.021), 40, 40, 45);
    RenderOutput hi = new Rasterizer(FIXED).render(cube, cam.supersampled(k), 1);
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (int y = 0; y < hi.height(); y++) {
      for (int x = 0; x < hi.width(); x++) {
        if (hi.faceAt(x, y) >= 0) {
          double lx = (x + 0.5) / k - 0.5;
          double ly = (y + 0.5) / k - 0.5;
          minX = Math.min(minX, lx);
          maxX = Math.max(maxX, lx);
          minY = Math.min(minY, ly);
          maxY = Math.max(maxY, ly);
        }
      }
    }
    double pMinX = Double.POSITIVE_INFINITY;
    double pMaxX = Double.NEGATIVE_INFINITY;
    double pMinY = Double.POSITIVE_INFINITY;
    double pMaxY = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < 4; i++) {
      Projection p = cam.project(new Vec3((i & 1) == 0 ? -0.25 : 0.25, (i & 2) == 0 ? -0.25 : 0.25, 0.25));
      pMinX = Math.min(pMinX, p.x());
      pMaxX = Math.max(pMaxX, p.x());
      pMinY = Math.min(pMinY, p.y());
      pMaxY = Math.max(pMaxY, p.y());
    }
    // within half a pixel, and drawn inside the corner (never beyond it)
    for (double gap : new double[] {pMaxX - maxX, minX - pMinX, pMaxY - maxY, minY - pMinY}) {
      assertTrue(gap > -1e-9 && gap < 0.5, "corner gap " + gap);
      assertTrue(gap < 0.15, "a 90-degree corner at 1/16 pixel sampling is drawn within 0.15 px: " + gap);
    }
  }

  @Test
  void sharedEdgesAreDrawnExactlyOnce() {
    // fov 90 at 128 px: f = 64, so x = +-1 at depth 2 lands on pixel borders 31.5 / 95.5 and
    // the diagonal runs through pixel centres.
    Mesh quad = PrimitiveMeshes.quad(new Vec3(-1, -1, 0), new Vec3(1, -1, 0), new Vec3(1, 1, 0), new Vec3(-1, 1, 0), null);
    Camera cam = Camera.lookAt(Viewpoint.of(0, 0, 2), 128, 128, 90);
    Rasterizer r = new Rasterizer(FIXED);
    RenderOutput out = r.render(quad, cam, 1);
    assertEquals(64 * 64, out.foregroundCount());
    assertEquals(64 * 64, r.lastFragmentCount());
    for (int y = 32; y <= 95; y++) {
      for (int x = 32; x <= 95; x++) {
        assertTrue(out.faceAt(x, y) >= 0);
      }
    }
    // a fan of triangles around a vertex on a pixel centre: every pixel once, the centre too
    MeshBuilder b = new MeshBuilder();
    int centre = b.addVertex(1.0 / 64, 1.0 / 64, 0);
    int n = 12;
    int[] ring = new int[n];
    for (int i = 0; i < n; i++) {
      double phi = 2 * Math.PI * i / n;
      ring[i] = b.addVertex(1.0 / 64 + 0.5 * Math.cos(phi), 1.0 / 64 + 0.5 * Math.sin(phi), 0);
    }
    for (int i = 0; i < n; i++) {
      b.addTriangle(centre, ring[i], ring[(i + 1) % n]);
    }
    Projection pc = cam.project(new Vec3(1.0 / 64, 1.0 / 64, 0));
    assertEquals(64.0, pc.x(), 1e-9);
    assertEquals(63.0, pc.y(), 1e-9);
    out = r.render(b.build(), cam, 1);
    assertEquals(out.foregroundCount(), r.lastFragmentCount());
    assertTrue(out.faceAt(64, 63) >= 0);
    assertTrue(out.foregroundCount() > 700);
  }

  @Test
  void nearPlaneClippingKeepsGeometryBehindTheCameraCorrect() {
    // A floor that runs from far in front of the camera to far behind it.
    Mesh floor = PrimitiveMeshes.quad(new Vec3(-20, -0.5, 20), new Vec3(20, -0.5, 20), new Vec3(20, -0.5, -20), new Vec3(-20, -0.5, -20), null);
    Camera cam = Camera.lookAt(Viewpoint.of(0, 0, 2), 64, 64, 60);
    RenderOutput out = new Rasterizer(FIXED).render(floor, cam, 1);
    double f = cam.intrinsics().f();
    double c0 = cam.intrinsics().cx();
    int checked = 0;
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        double dx = (x - c0) / f;
        double dy = (y - c0) / f; // camera y down; world direction (dx, -dy, -1)
        boolean hits = dy > 0;
        double s = hits ? 0.5 / dy : Double.POSITIVE_INFINITY;
        boolean inside = hits && 2 - s > -20 && Math.abs(dx * s) < 20;
        if (inside && (2 - s < -19.5 || Math.abs(dx * s) > 19.5)) {
          continue; // too close to the floor's far edge to call
        }
        assertEquals(inside, out.faceAt(x, y) >= 0, "pixel " + x + "," + y);
        if (inside) {
          assertEquals(s, out.depthAt(x, y), 1e-4 * s);
          checked++;
        }
      }
    }
    assertTrue(checked > 500);
  }

  @Test
  void lambertianShadeUsesKdAndTheLight() {
    MeshBuilder b = new MeshBuilder();
    b.useMaterial(new Material("orange", 1.0, 0.5, 0.0));
    int a = b.addVertex(-1, -1, 0);
    int c = b.addVertex(1, -1, 0);
    int d = b.addVertex(1, 1, 0);
    int e = b.addVertex(-1, 1, 0);
    b.addQuad(a, c, d, e);
    Mesh m = b.build();
    Camera cam = Camera.lookAt(Viewpoint.of(0, 0, 3), 32, 32, 45);
    RenderOutput lit = new Rasterizer(FIXED.withBackground(Background.plain(0x123456))).render(m, cam, 1);
    assertEquals(0xFF8000, lit.rgbAt(16, 16)); // (0.35 + 0.65) * (255, 127.5, 0)
    assertEquals(0x123456, lit.rgbAt(0, 0));
    RenderOutput side = new Rasterizer(FIXED.withLightDirection(new Vec3(1, 0, 0))).render(m, cam, 1);
    assertEquals((Math.round(0.35 * 255) << 16) | (Math.round(0.35 * 127.5) << 8), side.rgbAt(16, 16));
  }

  @Test
  void texturesAreSampledWithTheCornerUvs() {
    BufferedImage tex = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        // quadrants: top-left red, top-right green, bottom-left blue, bottom-right white
        tex.setRGB(x, y, y < 4 ? (x < 4 ? 0xFF0000 : 0x00FF00) : (x < 4 ? 0x0000FF : 0xFFFFFF));
      }
    }
    MeshBuilder b = new MeshBuilder();
    b.useMaterial(new Material("tex", new double[] {1, 1, 1}, "t.png"));
    int a = b.addVertex(-1, -1, 0);
    int c = b.addVertex(1, -1, 0);
    int d = b.addVertex(1, 1, 0);
    int e = b.addVertex(-1, 1, 0);
    b.addTriangle(a, c, d, new float[] {0, 0, 1, 0, 1, 1});
    b.addTriangle(a, d, e, new float[] {0, 0, 1, 1, 0, 1});
    RenderableMesh mesh = RenderableMesh.of(b.build(), TextureLoader.of(Map.of("t.png", tex)));
    assertEquals(1, mesh.textureCount());
    Camera cam = Camera.lookAt(Viewpoint.of(0, 0, 3), 64, 64, 45);
    RenderOutput out = new Rasterizer(FIXED.withLighting(0, 1)).render(mesh, cam, 1);
    // v = 0 is the image's bottom row (OBJ); the quad's world top-left is uv (0, 1)
    assertEquals(0xFF0000, colourAt(out, cam, new Vec3(-0.5, 0.5, 0)));
    assertEquals(0x00FF00, colourAt(out, cam, new Vec3(0.5, 0.5, 0)));
    assertEquals(0x0000FF, colourAt(out, cam, new Vec3(-0.5, -0.5, 0)));
    assertEquals(0xFFFFFF, colourAt(out, cam, new Vec3(0.5, -0.5, 0)));
    // a missing texture falls back to Kd
    RenderableMesh plain = RenderableMesh.of(b.build(), TextureLoader.NONE);
    assertEquals(0xFFFFFF, colourAt(new Rasterizer(FIXED.withLighting(0, 1)).render(plain, cam, 1), cam, new Vec3(-0.5, 0.5, 0)));
  }

  @Test
  void textureCoordinatesArePerspectiveCorrect() {
    int tw = 64;
    BufferedImage tex = new BufferedImage(tw, 1, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < tw; x++) {
      tex.setRGB(x, 0, x < tw / 2 ? 0xFF0000 : 0x0000FF);
    }
    // a quad running away from the camera: u grows with depth
    Vec3 a = new Vec3(-0.5, -0.5, 1.5);
    Vec3 b2 = new Vec3(-0.5, -0.5, -6);
    Vec3 c = new Vec3(-0.5, 0.5, -6);
    Vec3 d = new Vec3(-0.5, 0.5, 1.5);
    MeshBuilder b = new MeshBuilder();
    b.useMaterial(new Material("tex", new double[] {1, 1, 1}, "strip"));
    int ia = b.addVertex(a);
    int ib = b.addVertex(b2);
    int ic = b.addVertex(c);
    int id = b.addVertex(d);
    b.addTriangle(ia, ib, ic, new float[] {0, 0, 1, 0, 1, 1});
    b.addTriangle(ia, ic, id, new float[] {0, 0, 1, 1, 0, 1});
    RenderableMesh mesh = RenderableMesh.of(b.build(), TextureLoader.of(Map.of("strip", tex)));
    Camera cam = Camera.lookAt(Viewpoint.of(0, 0, 2), 128, 128, 60);
    RenderOutput out = new Rasterizer(FIXED.withLighting(1, 0)).render(mesh, cam, 1);
    // points at u = 0.4 and u = 0.6 along the 3D quad: red before the midline, blue after
    Vec3 mid = new Vec3(0, 0.5, 0); // half-way up the quad
    Vec3 at40 = a.plus(b2.minus(a).times(0.4)).plus(mid);
    Vec3 at60 = a.plus(b2.minus(a).times(0.6)).plus(mid);
    assertEquals(0xFF0000, colourAt(out, cam, at40));
    assertEquals(0x0000FF, colourAt(out, cam, at60));
    // the screen midpoint of the strip is far from its 3D midline: affine mapping would fail
    Projection pa = cam.project(a);
    Projection pb = cam.project(b2);
    Projection p40 = cam.project(at40);
    assertTrue(p40.x() > (pa.x() + pb.x()) / 2 + 2, "test geometry must separate the two");
  }

  @Test
  void sameSeedGivesIdenticalBytesAndAnotherSeedDiffers() {
    RenderSettings random = RenderSettings.DEFAULT.withBackground(Background.clutter()).withSupersample(2);
    RenderableMesh mesh = RenderableMesh.of(PrimitiveMeshes.perfObject());
    Camera cam = Camera.lookAt(Viewpoint.of(40, 20, 2), 64, 64, 45);
    RenderOutput a = new Rasterizer(random).render(mesh, cam, 42);
    RenderOutput b = new Rasterizer(random).render(mesh, cam, 42);
    RenderOutput c = new Rasterizer(random).render(mesh, cam, 43);
    assertArrayEquals(ImageCodec.encodeRgb(a), ImageCodec.encodeRgb(b));
    assertArrayEquals(ImageCodec.encodeDepth(a).png(), ImageCodec.encodeDepth(b).png());
    assertArrayEquals(ImageCodec.encodeNormals(a), ImageCodec.encodeNormals(b));
    assertArrayEquals(ImageCodec.encodeSilhouette(a), ImageCodec.encodeSilhouette(b));
    assertFalse(Arrays.equals(a.rgb(), c.rgb()));
    assertArrayEquals(a.depth(), c.depth()); // the seed changes light and background only
    for (Background bg : List.of(Background.randomColour(), Background.clutter())) {
      int[] x = new int[32 * 32];
      int[] y = new int[32 * 32];
      bg.fill(x, 32, 32, 5);
      bg.fill(y, 32, 32, 6);
      assertFalse(Arrays.equals(x, y));
    }
  }

  @Test
  void supersamplingBlendsEdgesWithTheBackground() {
    Mesh quad = PrimitiveMeshes.quad(new Vec3(-1, -1, 0), new Vec3(1, -1, 0), new Vec3(1, 1, 0), new Vec3(-1, 1, 0), null);
    Camera cam = Camera.lookAt(Viewpoint.of(0, 0, 2), 128, 128, 90);
    // edges at pixel borders 31.5 / 95.5: shift by a quarter pixel to cut pixels in half
    Camera shifted = Camera.lookAt(new Viewpoint(0, 0, 2, 0, 0.25 / 128, 0), 128, 128, 90);
    RenderOutput out = new Rasterizer(FIXED.withSupersample(4).withLighting(1, 0)).render(quad, shifted, 1);
    assertEquals(255, out.silhouetteAt(60, 60));
    assertEquals(0, out.silhouetteAt(10, 60));
    // the left edge now sits at x = 31.75: pixel 32 (31.5..32.5) is 3/4 covered, pixel 31 none
    assertEquals(Math.round(255 * 0.75), out.silhouetteAt(32, 60), 1);
    assertEquals(0, out.silhouetteAt(31, 60));
    int grey = (out.rgbAt(32, 60) >> 8) & 255; // Kd 0.7 on black
    assertEquals(Math.round(0.75 * Math.round(0.7 * 255)), grey, 1);
    assertEquals(64 * 64, out.silhouetteArea(), 1e-6);
    assertEquals(64 * 64, new Rasterizer(FIXED).render(quad, cam, 1).silhouetteArea(), 1e-6);
  }

  private static int colourAt(RenderOutput out, Camera cam, Vec3 world) {
    Projection p = cam.project(world);
    return out.rgbAt((int) Math.round(p.x()), (int) Math.round(p.y()));
  }

  private static void assertRowsHaveNoGaps(RenderOutput out) {
    for (int y = 0; y < out.height(); y++) {
      int first = -1;
      int last = -1;
      int count = 0;
      for (int x = 0; x < out.width(); x++) {
        if (out.faceAt(x, y) >= 0) {
          if (first < 0) {
            first = x;
          }
          last = x;
          count++;
        }
      }
      if (count > 0) {
        assertEquals(last - first + 1, count, "gap in row " + y);
      }
    }
  }

  /** Area of the convex hull (monotone chain). */
  static double hullArea(List<double[]> points) {
    List<double[]> p = new ArrayList<>(points);
    p.sort((u, v) -> u[0] != v[0] ? Double.compare(u[0], v[0]) : Double.compare(u[1], v[1]));
    double[][] hull = new double[2 * p.size()][];
    int k = 0;
    for (double[] q : p) {
      while (k >= 2 && cross(hull[k - 2], hull[k - 1], q) <= 0) {
        k--;
      }
      hull[k++] = q;
    }
    for (int i = p.size() - 2, t = k + 1; i >= 0; i--) {
      double[] q = p.get(i);
      while (k >= t && cross(hull[k - 2], hull[k - 1], q) <= 0) {
        k--;
      }
      hull[k++] = q;
    }
    double area = 0;
    for (int i = 0; i + 1 < k; i++) {
      area += hull[i][0] * hull[i + 1][1] - hull[i + 1][0] * hull[i][1];
    }
    return Math.abs(area) / 2;
  }

  private static double cross(double[] o, double[] a, double[] b) {
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  }
}
