package org.semcycle.rendering.dataset;

import java.util.List;
import org.semcycle.rendering.camera.Viewpoint;

/**
 * One rendered training view of a model, with its maps encoded as PNG (docs/CONVENTIONS.md,
 * "Images written by the render job") and its keypoints projected with visibility.
 *
 * @param intrinsics K row-major (9 values)
 * @param extrinsics [R | t] world-to-camera, row-major (12 values)
 */
public record RenderedView(
    String synset,
    String modelId,
    int viewId,
    Viewpoint viewpoint,
    double fov,
    int imageSize,
    double[] intrinsics,
    double[] extrinsics,
    byte[] rgbPng,
    byte[] depthPng,
    double depthMin,
    double depthMax,
    byte[] normalPng,
    byte[] silhouettePng,
    List<ViewKeypoint> keypoints) {
  public RenderedView {
    keypoints = List.copyOf(keypoints);
  }
}
