package org.semcycle.cycle;

import java.util.List;
import org.semcycle.embedding.TransferredKeypoint;
import org.semcycle.geometry.Mesh;
import org.semcycle.rendering.FloatImage;
import org.semcycle.rendering.camera.Camera;

/**
 * What the ground-truth settings substitute, for one image; any part may be null when the
 * caller has no such truth (a setting that needs it then fails for that image with a clear
 * reason).
 *
 * @param camera the true camera in the original image's pixels
 * @param mesh the true model in the canonical frame
 * @param keypoints the true model's annotated 3D keypoints (canonical frame)
 * @param depth metric camera-z map at the original image's size (0 = background)
 * @param normals camera-frame normals (3 channels, interleaved) at the original image's size
 * @param silhouette {0, 1} mask of the object at the original image's size
 * @param depthMin the object's nearest depth, for the sketch's [0, 1] normalisation
 * @param depthMax the object's farthest depth
 */
public record CycleTruth(Camera camera, Mesh mesh, List<TransferredKeypoint> keypoints,
    FloatImage depth, FloatImage normals, FloatImage silhouette, double depthMin,
    double depthMax) {

  /** True when the 2.5D maps are known. */
  public boolean hasSketch() {
    return depth != null && normals != null && silhouette != null;
  }
}
