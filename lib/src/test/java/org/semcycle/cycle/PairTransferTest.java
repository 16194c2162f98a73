package org.semcycle.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.semcycle.cycle.viewpoint.TestShapes;
import org.semcycle.embedding.EmbedderConfig;
import org.semcycle.embedding.EmbeddingNet;
import org.semcycle.geometry.Mesh;
import org.semcycle.rendering.KeypointProjector;
import org.semcycle.rendering.ProjectedKeypoint;
import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Viewpoint;

class PairTransferTest {

  @Test
  void anImagePairedWithItselfMapsEachVisibleKeypointOntoItself() {
    Mesh chair = TestShapes.chair();
    Camera cam = Camera.lookAt(Viewpoint.of(30, 20, 2.2), 96, 96, 35);
    CycleResult r = new CycleResult(CycleSetting.FULL, List.of(), cam, chair, null, null, null, null, Double.NaN, Map.of());
    KeypointProjector proj = KeypointProjector.forMesh(chair, cam);
    List<PairTransfer.SourceKeypoint> kps = new ArrayList<>();
    for (int v = 0; v < chair.vertexCount() && kps.size() < 12; v += 3) {
      ProjectedKeypoint p = proj.project(chair.vertex(v));
      if (p.visible()) {
        kps.add(new PairTransfer.SourceKeypoint(kps.size(), p.x(), p.y()));
      }
    }
    assertTrue(kps.size() >= 5, "visible corners: " + kps.size());
    try (EmbeddingNet net = EmbeddingNet.create(EmbedderConfig.small().withEmbeddingDim(16), 7)) {
      List<PredictedKeypoint> out = new PairTransfer(1024, 3, 0.25).transfer(net, r, kps, r);
      assertEquals(kps.size(), out.size());
      for (int i = 0; i < kps.size(); i++) {
        PredictedKeypoint p = out.get(i);
        double err = Math.hypot(p.x() - kps.get(i).x(), p.y() - kps.get(i).y());
        // The lifted point's nearest sample is itself visible and matched exactly (same mesh,
        // same samples, same embeddings): the error is the sample spacing in pixels.
        assertTrue(err < 4, "keypoint " + i + " moved " + err + " px");
        assertTrue(p.confidence() > 0.9, "confidence " + p.confidence());
      }
    }
  }
}
