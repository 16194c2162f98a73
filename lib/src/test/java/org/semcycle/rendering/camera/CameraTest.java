package org.semcycle.rendering.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.semcycle.geometry.Vec3;

class CameraTest {

  @Test
  void viewpointRoundTripsThroughCameraPositionOverTheWholeRange() {
    double[] elevations = {-90 + 1e-6, -89.9, -60, -1, 0, 0.5, 33, 89.9, 90 - 1e-6};
    for (double az = -360; az <= 720; az += 7.5) {
      for (double el : elevations) {
        Viewpoint vp = Viewpoint.of(az, el, 2.5);
        Viewpoint back = Camera.viewpointOf(vp.cameraPosition());
        assertTrue(back.azimuth() >= 0 && back.azimuth() < 360, "az range " + back.azimuth());
        double azTol = Math.abs(el) > 89.99 ? 1e-3 : 1e-9;
        assertEquals(0, Viewpoint.angularDistance(az, back.azimuth()), azTol, "az " + az + " el " + el);
        assertEquals(el, back.elevation(), 1e-9, "el " + el);
        assertEquals(2.5, back.distance(), 1e-12);
      }
    }
  }

  @Test
  void azimuthFollowsTheConventions() {
    assertEquals(0, Camera.viewpointOf(new Vec3(0, 0, 3)).azimuth(), 1e-12); // +Z: sees the back
    assertEquals(90, Camera.viewpointOf(new Vec3(3, 0, 0)).azimuth(), 1e-12);
    assertEquals(180, Camera.viewpointOf(new Vec3(0, 0, -3)).azimuth(), 1e-12); // -Z: the front
    assertEquals(270, Camera.viewpointOf(new Vec3(-3, 0, 0)).azimuth(), 1e-12);
    assertEquals(90, Camera.viewpointOf(new Vec3(0, 2, 0)).elevation(), 1e-12);
    assertEquals(-45, Camera.viewpointOf(new Vec3(1, -1, 0)).elevation(), 1e-12);
    Vec3 c = Viewpoint.of(30, 20, 2).cameraPosition();
    assertEquals(Math.toDegrees(Math.atan2(c.x(), c.z())), 30, 1e-9);
  }

  @Test
  void lookAtFromThePlusZAxisIsOpenCvFrame() {
    Camera cam = Camera.lookAt(Viewpoint.of(0, 0, 2), 64, 48, 60);
    Extrinsics e = cam.extrinsics();
    double[][] r = e.rotationMatrix();
    double[][] expected = {{1, 0, 0}, {0, -1, 0}, {0, 0, -1}};
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(expected[i][j], r[i][j], 1e-12, "R[" + i + "][" + j + "]");
      }
    }
    Projection o = cam.project(Vec3.ZERO);
    assertEquals(31.5, o.x(), 1e-12);
    assertEquals(23.5, o.y(), 1e-12);
    assertEquals(2, o.depth(), 1e-12);
    // world +X is image right, world +Y image up
    assertTrue(cam.project(new Vec3(0.1, 0, 0)).x() > 31.5);
    assertTrue(cam.project(new Vec3(0, 0.1, 0)).y() < 23.5);
  }

  @Test
  void intrinsicsPutTheFieldOfViewEdgeOnTheImageBorder() {
    Intrinsics k = Intrinsics.ofHorizontalFov(100, 80, 50);
    assertEquals(50 / Math.tan(Math.toRadians(25)), k.f(), 1e-12);
    assertEquals(49.5, k.cx(), 0);
    assertEquals(39.5, k.cy(), 0);
    // a ray at half the field of view left of the axis meets the left border of pixel 0
    double x = k.f() * -Math.tan(Math.toRadians(25)) + k.cx();
    assertEquals(-0.5, x, 1e-12);
    assertEquals(50, k.horizontalFov(), 1e-12);
  }

  @Test
  void supersampledPixelsSplitTheOriginalOnes() {
    Intrinsics k = Intrinsics.ofHorizontalFov(10, 10, 40);
    Intrinsics s = k.supersampled(4);
    // sub-pixel 0 centre maps to -0.5 + 0.125 in the original camera
    double xc = 0.3; // a camera-space x/z
    double xs = s.f() * xc + s.cx();
    double xo = k.f() * xc + k.cx();
    assertEquals(xo, (xs + 0.5) / 4 - 0.5, 1e-12);
  }

  @Test
  void lookAtFromTheSideFromAboveAndWithAnOffset() {
    // f = (W / 2) / tan(fov / 2)
    assertEquals(16.5 / Math.tan(Math.toRadians(30)), Camera.lookAt(Viewpoint.of(0, 0, 2), 33, 33, 60).intrinsics().f(),
        1e-9);
    // az = 90: camera on +X, so -Z is to the right and +X is nearer
    Camera side = Camera.lookAt(Viewpoint.of(90, 0, 2), 33, 33, 60);
    assertTrue(side.project(Vec3.Z.times(-0.1)).x() > 16);
    assertEquals(1.9, side.project(Vec3.X.times(0.1)).depth(), 1e-12);
    // el = 60: the camera is above, so +Y is nearer
    assertTrue(Camera.lookAt(Viewpoint.of(0, 60, 2), 33, 33, 60).project(Vec3.Y.times(0.1)).depth() < 2);
    // offsets shift the principal point by a fraction of the size
    Camera shifted = Camera.lookAt(new Viewpoint(0, 0, 2, 0, 0.1, -0.2), 40, 30, 60);
    assertEquals(19.5 + 4, shifted.project(Vec3.ZERO).x(), 1e-12);
    assertEquals(14.5 - 6, shifted.project(Vec3.ZERO).y(), 1e-12);
  }

  @Test
  void inPlaneRotationTurnsTheImageCounterClockwise() {
    Camera plain = Camera.lookAt(Viewpoint.of(0, 0, 2), 64, 64, 60);
    Camera turned = Camera.lookAt(Viewpoint.of(0, 0, 2, 90), 64, 64, 60);
    Vec3 right = new Vec3(0.2, 0, 0); // on the image's right without rotation
    Projection a = plain.project(right);
    Projection b = turned.project(right);
    assertTrue(a.x() > 31.5 + 1);
    assertEquals(31.5, b.x(), 1e-9); // turned CCW by 90 degrees: right goes to the top
    assertTrue(b.y() < 31.5 - 1);
    assertEquals(a.x() - 31.5, 31.5 - b.y(), 1e-9);
  }

  @Test
  void extrinsicsGiveBackTheViewpointWithInPlaneAndOffset() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int n = 0; n < 200; n++) {
      Viewpoint vp = new Viewpoint(rng.nextDouble(0, 360), rng.nextDouble(-89, 89), rng.nextDouble(0.5, 5),
          rng.nextDouble(-179, 179), rng.nextDouble(-0.2, 0.2), rng.nextDouble(-0.2, 0.2));
      Camera cam = Camera.lookAt(vp, 96, 64, 45);
      Viewpoint back = cam.viewpoint();
      assertEquals(0, Viewpoint.angularDistance(vp.azimuth(), back.azimuth()), 1e-7);
      assertEquals(vp.elevation(), back.elevation(), 1e-7);
      assertEquals(vp.distance(), back.distance(), 1e-9);
      assertEquals(0, Viewpoint.angularDistance(vp.inPlane(), back.inPlane()), 1e-7);
      assertEquals(vp.offsetX(), back.offsetX(), 1e-12);
      assertEquals(vp.offsetY(), back.offsetY(), 1e-12);
      assertOrthonormal(cam.extrinsics());
      // the origin projects to the (shifted) principal point
      Projection o = cam.project(Vec3.ZERO);
      assertEquals(cam.intrinsics().cx(), o.x(), 1e-9);
      assertEquals(cam.intrinsics().cy(), o.y(), 1e-9);
      // unproject inverts project
      Vec3 p = new Vec3(rng.nextDouble(-0.4, 0.4), rng.nextDouble(-0.4, 0.4), rng.nextDouble(-0.4, 0.4));
      Projection pr = cam.project(p);
      Vec3 q = cam.unproject(pr.x(), pr.y(), pr.depth());
      assertEquals(0, p.distance(q), 1e-9);
    }
  }

  @Test
  void polesAreWellDefined() {
    for (double el : new double[] {90, -90}) {
      for (double az : new double[] {0, 45, 200}) {
        Camera cam = Camera.lookAt(Viewpoint.of(az, el, 2), 32, 32, 45);
        assertOrthonormal(cam.extrinsics());
        Projection o = cam.project(Vec3.ZERO);
        assertEquals(15.5, o.x(), 1e-9);
        assertEquals(2, o.depth(), 1e-9);
        // the limit of slightly lower elevations: same image direction for world points
        Camera near = Camera.lookAt(Viewpoint.of(az, el - Math.signum(el) * 1e-7, 2), 32, 32, 45);
        Projection a = cam.project(new Vec3(0.3, 0, 0.1));
        Projection b = near.project(new Vec3(0.3, 0, 0.1));
        assertEquals(a.x(), b.x(), 1e-5);
        assertEquals(a.y(), b.y(), 1e-5);
      }
    }
  }

  @Test
  void rejectsBadViewpoints() {
    assertThrows(IllegalArgumentException.class, () -> Viewpoint.of(0, 91, 1));
    assertThrows(IllegalArgumentException.class, () -> Viewpoint.of(0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> Camera.viewpointOf(Vec3.ZERO));
  }

  private static void assertOrthonormal(Extrinsics e) {
    double[][] r = e.rotationMatrix();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double dot = r[i][0] * r[j][0] + r[i][1] * r[j][1] + r[i][2] * r[j][2];
        assertEquals(i == j ? 1 : 0, dot, 1e-12);
      }
    }
    double det = r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1])
        - r[0][1] * (r[1][0] * r[2][2] - r[1][2] * r[2][0])
        + r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]);
    assertEquals(1, det, 1e-12);
  }
}
