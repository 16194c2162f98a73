package org.semcycle.cycle.viewpoint;

import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Viewpoint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.semcycle.cycle.mesh.MarchingCubes;
import org.semcycle.geometry.Mesh;
import org.semcycle.networks.DjlRuntime;

/** Stage 7 to stage 8: a marching-cubes mesh, simplified to the face budget, renders its voxels. */
class MarchingCubesSilhouetteTest {
  @Test
  void simplifiedMarchingCubesMeshKeepsItsSilhouette() {
    DjlRuntime.engine(1);
    // an L-shaped occupancy grid at 32^3: a slab plus an upright at +x, as probabilities
    int r = 32;
    float[] p = new float[r * r * r];
    for (int i = 4; i < 28; i++) {
      for (int j = 6; j < 26; j++) {
        for (int k = 4; k < 28; k++) {
          boolean slab = j < 12;
          boolean upright = i >= 20;
          p[(i * r + j) * r + k] = slab || upright ? 0.9f : 0.02f;
        }
      }
    }
    Mesh mesh = MarchingCubes.fromProbabilities(p, r, 0.1);
    assertTrue(mesh.faceCount() > 2000, "faces " + mesh.faceCount());
    Viewpoint vp = Viewpoint.of(35, 25, 2.0);
    SoftSilhouetteRenderer soft = new SoftSilhouetteRenderer(mesh, 48, 48, 40);
    assertTrue(soft.faceCount() <= SoftSilhouetteRenderer.DEFAULT_MAX_FACES);
    float[] s = soft.render(vp, 0.05);
    boolean[] exact =
        SoftSilhouetteRendererTest.exactCoverage(mesh, Camera.lookAt(vp, 48, 48, 40));
    int covered = 0;
    int inter = 0;
    int union = 0;
    for (int i = 0; i < s.length; i++) {
      boolean mine = s[i] > 0.5;
      covered += exact[i] ? 1 : 0;
      inter += mine && exact[i] ? 1 : 0;
      union += mine || exact[i] ? 1 : 0;
    }
    assertTrue(covered > 400, "covered " + covered);
    // vertex clustering to 800 faces moves the outline by up to a cluster cell (~2 px here)
    double iou = inter / (double) union;
    assertTrue(iou > 0.9, "IoU of the simplified mesh's silhouette with the full mesh's " + iou);
  }
}
