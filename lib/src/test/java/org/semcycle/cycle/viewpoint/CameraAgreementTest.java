package org.semcycle.cycle.viewpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.semcycle.geometry.Vec3;
import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Projection;
import org.semcycle.rendering.camera.Viewpoint;

/** The fitter's look-at camera and the renderer's camera project every point to the same pixel. */
class CameraAgreementTest {
  @Test
  void fitterCameraEqualsRendererCamera() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int n = 0; n < 200; n++) {
      double az = rng.nextDouble() * 360;
      double el = -80 + rng.nextDouble() * 160;
      double d = 1.2 + rng.nextDouble() * 2;
      double ip = -30 + rng.nextDouble() * 60;
      double ox = -0.2 + rng.nextDouble() * 0.4;
      double oy = -0.2 + rng.nextDouble() * 0.4;
      int w = 48 + rng.nextInt(80);
      int h = 48 + rng.nextInt(80);
      double fov = 20 + rng.nextDouble() * 50;
      Camera renderer = Camera.lookAt(new Viewpoint(az, el, d, ip, ox, oy), w, h, fov);
      LookAtCamera fitter = LookAtCamera.of(new Viewpoint(az, el, d, ip, ox, oy), w, h, fov);
      for (int p = 0; p < 5; p++) {
        Vec3 x = new Vec3(rng.nextDouble() - 0.5, rng.nextDouble() - 0.5, rng.nextDouble() - 0.5);
        Projection a = renderer.project(x);
        double[] b = fitter.project(x);
        assertEquals(a.x(), b[0], 1e-6, "u at view " + n);
        assertEquals(a.y(), b[1], 1e-6, "v at view " + n);
        assertEquals(a.depth(), b[2], 1e-9, "depth at view " + n);
      }
    }
  }
}
