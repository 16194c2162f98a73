package org.semcycle.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.MeshBuilder;
import org.semcycle.geometry.Vec3;
import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Viewpoint;

class KeypointProjectorTest {
  private static final RenderSettings SETTINGS =
      RenderSettings.DEFAULT.withLightDirection(new Vec3(0, 0, -1));

  @Test
  void frontBackOutsideAndBehindTheCamera() {
    Mesh sphere = PrimitiveMeshes.uvSphere(Vec3.ZERO, 0.4, 48, 24);
    Camera cam = Camera.lookAt(Viewpoint.of(0, 0, 2), 96, 96, 45); // camera on +Z
    RenderOutput out = new Rasterizer(SETTINGS).render(sphere, cam, 3);
    KeypointProjector kp = KeypointProjector.of(out);
    List<ProjectedKeypoint> r = kp.projectAll(List.of(
        new Vec3(0, 0, 0.4), // front pole, on the surface
        new Vec3(0, 0, -0.4), // back pole: hidden by the sphere
        new Vec3(0.1, 0.1, -0.38), // near the back surface: hidden
        new Vec3(5, 0, 0), // off the image
        new Vec3(0, 0, 3), // behind the camera
        new Vec3(0, 0, 0.7))); // floating in front of the sphere
    assertTrue(r.get(0).visible());
    assertEquals(47.5, r.get(0).x(), 1e-9);
    assertEquals(1.6, r.get(0).depth(), 1e-9);
    assertFalse(r.get(1).visible());
    assertTrue(cam.intrinsics().contains(r.get(1).x(), r.get(1).y()));
    assertFalse(r.get(2).visible());
    assertFalse(r.get(3).visible());
    assertFalse(r.get(4).visible());
    assertTrue(r.get(5).visible());
  }

  @Test
  void surfacePointsIncludingTheRimAreVisible() {
    Mesh sphere = PrimitiveMeshes.uvSphere(Vec3.ZERO, 0.4, 48, 24);
    Camera cam = Camera.lookAt(Viewpoint.of(25, 10, 2), 96, 96, 45);
    RenderOutput out = new Rasterizer(SETTINGS).render(sphere, cam, 3);
    KeypointProjector kp = KeypointProjector.of(out);
    Vec3 c = cam.cameraCentre();
    int visible = 0;
    int hidden = 0;
    for (int i = 0; i < sphere.vertexCount(); i++) {
      Vec3 v = sphere.vertex(i);
      // facing test with a margin: clearly front-facing vertices must be visible, clearly
      // back-facing ones hidden
      double facing = v.normalized().dot(c.minus(v).normalized());
      ProjectedKeypoint p = kp.project(v);
      if (facing > 0.02) {
        assertTrue(p.visible(), "front vertex " + v + " facing " + facing);
        visible++;
      } else if (facing < -0.1 && deepInside(out, p)) {
        assertFalse(p.visible(), "back vertex " + v);
        hidden++;
      }
    }
    assertTrue(visible > 300 && hidden > 300);
    // the rim: the tangent point of a ray grazing the sphere
    Vec3 dir = c.normalized();
    Vec3 side = dir.cross(Vec3.Y).normalized();
    double alpha = Math.asin(0.4 / c.norm());
    Vec3 rim = side.times(0.4 * Math.cos(alpha)).plus(dir.times(0.4 * Math.sin(alpha)));
    assertTrue(kp.project(rim).visible());
  }

  /** True when the 5x5 pixels around the projection all show the surface (not near the rim). */
  private static boolean deepInside(RenderOutput out, ProjectedKeypoint p) {
    int px = (int) Math.round(p.x());
    int py = (int) Math.round(p.y());
    for (int dy = -2; dy <= 2; dy++) {
      for (int dx = -2; dx <= 2; dx++) {
        int x = px + dx;
        int y = py + dy;
        if (x < 0 || y < 0 || x >= out.width() || y >= out.height() || out.faceAt(x, y) < 0) {
          return false;
        }
      }
    }
    return true;
  }

  @Test
  void aPointJustBehindAnOccludingPlateIsHiddenAndOneInFrontIsNot() {
    MeshBuilder b = new MeshBuilder();
    PrimitiveMeshes.addBox(b, -0.3, -0.3, 0.1, 0.3, 0.3, 0.12); // a thin plate facing +Z
    Camera cam = Camera.lookAt(Viewpoint.of(0, 0, 2), 64, 64, 45);
    RenderOutput out = new Rasterizer(SETTINGS).render(b.build(), cam, 1);
    KeypointProjector kp = KeypointProjector.of(out);
    assertFalse(kp.project(new Vec3(0, 0, 0.05)).visible()); // 5 cm behind the front face at z 1.88
    assertTrue(kp.project(new Vec3(0, 0, 0.13)).visible());
    assertTrue(kp.project(new Vec3(0.1, 0.1, 0.12)).visible()); // on the front face
    // outside the plate's footprint nothing hides it
    assertTrue(kp.project(new Vec3(0.5, 0, -0.3)).visible());
    // the same through the one-call form
    KeypointProjector direct = KeypointProjector.forMesh(b.build(), cam);
    assertFalse(direct.project(new Vec3(0, 0, 0.05)).visible());
    assertTrue(direct.project(new Vec3(0, 0, 0.13)).visible());
  }
}
