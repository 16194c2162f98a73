package org.semcycle.datasets.pix3d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Pix3dCameraTest {

  /** Our look-at camera (docs/CONVENTIONS.md): az, el in degrees, distance d, world up +Y. */
  static double[][] lookAt(double azDeg, double elDeg, double d, double[] tOut) {
    double az = Math.toRadians(azDeg);
    double el = Math.toRadians(elDeg);
    double[] c = {d * Math.cos(el) * Math.sin(az), d * Math.sin(el), d * Math.cos(el) * Math.cos(az)};
    double[] z = {-c[0] / d, -c[1] / d, -c[2] / d}; // forward
    double[] up = {0, 1, 0};
    double[] x = cross(z, up); // right = forward x up
    normalize(x);
    double[] y = cross(z, x); // down = forward x right
    double[][] r = {x, y, z};
    for (int i = 0; i < 3; i++) {
      tOut[i] = -(r[i][0] * c[0] + r[i][1] * c[1] + r[i][2] * c[2]);
    }
    return r;
  }

  static double[] cross(double[] a, double[] b) {
    return new double[] {
      a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]
    };
  }

  static void normalize(double[] v) {
    double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    for (int i = 0; i < 3; i++) {
      v[i] /= n;
    }
  }

  @Test
  void pinholeRoundTripAndProjection() {
    double[] t = new double[3];
    double[][] r = lookAt(30, 20, 2.5, t);
    int w = 640;
    int h = 480;
    double f = 700;
    Pix3dCamera cam = Pix3dCamera.fromPinhole(f, w, h, r, t, 0.25);
    assertEquals(700 * 32.0 / 640, cam.focalLength(), 1e-12);
    assertEquals(f, cam.focalPixels(), 1e-9);
    double[][] k = cam.intrinsics();
    assertEquals(319.5, k[0][2]);
    assertEquals(239.5, k[1][2]);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(r[i], cam.rotation()[i], 1e-12);
    }
    assertArrayEquals(t, cam.translation(), 1e-12);
    // Pix3D's frame is ours turned 180 degrees about z: x and y flip sign.
    assertArrayEquals(new double[] {-r[0][0], -r[0][1], -r[0][2]}, cam.rotMat()[0], 1e-12);
    assertArrayEquals(r[2], cam.rotMat()[2], 1e-12);
    // The camera centre is the look-at position.
    double az = Math.toRadians(30);
    double el = Math.toRadians(20);
    assertArrayEquals(
        new double[] {2.5 * Math.cos(el) * Math.sin(az), 2.5 * Math.sin(el),
          2.5 * Math.cos(el) * Math.cos(az)},
        cam.cameraPosition(), 1e-12);
    // The origin projects to the image centre; a point above it (+Y) projects higher (smaller y).
    assertArrayEquals(new double[] {319.5, 239.5}, cam.project(new double[] {0, 0, 0}), 1e-9);
    double[] up = cam.project(new double[] {0, 0.3, 0});
    assertTrue(up[1] < 239.5, "up is up on screen");
    // At az = 0 the camera is on +Z looking at the object's back; its right axis is +X, so the
    // object's right side (+X) appears right of the centre.
    double[] t0 = new double[3];
    Pix3dCamera back = Pix3dCamera.fromPinhole(f, w, h, lookAt(0, 0, 2, t0), t0, 0);
    assertTrue(back.project(new double[] {0.2, 0, 0})[0] > 319.5);
  }

  @Test
  void projectionMatchesPix3dFormulaOnRawFields() {
    // Pix3D: x_cam = rot_mat X + trans_mat (x left, y up); u = cx - f x/z, v = cy - f y/z.
    double[][] rot = {{0, 0, 1}, {0, 1, 0}, {-1, 0, 0}};
    double[] trans = {0.1, -0.2, 3};
    Pix3dCamera cam = new Pix3dCamera(rot, trans, 50, 300, 200, 0);
    double[] p = {0.3, 0.4, -0.2};
    double[] c = new double[3];
    for (int i = 0; i < 3; i++) {
      c[i] = rot[i][0] * p[0] + rot[i][1] * p[1] + rot[i][2] * p[2] + trans[i];
    }
    double fpx = 50 / 32.0 * 300;
    double[] expected = {149.5 - fpx * c[0] / c[2], 99.5 - fpx * c[1] / c[2]};
    assertArrayEquals(expected, cam.project(p), 1e-9);
    assertTrue(Double.isNaN(cam.project(new double[] {10, 0, 0})[0]), "behind the camera");
  }
}
