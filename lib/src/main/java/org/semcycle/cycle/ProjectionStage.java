package org.semcycle.cycle;

import java.util.ArrayList;
import java.util.List;
import org.semcycle.embedding.TransferredKeypoint;
import org.semcycle.geometry.Mesh;
import org.semcycle.rendering.KeypointProjector;
import org.semcycle.rendering.ProjectedKeypoint;
import org.semcycle.rendering.camera.Camera;

/**
 * Stage 6: 3D keypoints -> image positions with visibility: each is projected with the camera
 * and tested against the z-buffer of {@code mesh} rendered by the same camera (the reference has
 * no occlusion test). An occluded keypoint keeps its position and is reported not visible.
 */
public final class ProjectionStage {
  private ProjectionStage() {}

  public static List<PredictedKeypoint> project(Camera camera, Mesh mesh,
      List<TransferredKeypoint> keypoints) {
    KeypointProjector projector = KeypointProjector.forMesh(mesh, camera);
    List<PredictedKeypoint> out = new ArrayList<>(keypoints.size());
    for (TransferredKeypoint k : keypoints) {
      ProjectedKeypoint p = projector.project(k.xyz());
      boolean placed = p.depth() > 0 && Double.isFinite(p.x()) && Double.isFinite(p.y());
      out.add(new PredictedKeypoint(k.semanticId(), placed ? p.x() : Double.NaN,
          placed ? p.y() : Double.NaN, placed && p.visible(), k.confidence()));
    }
    return out;
  }
}
