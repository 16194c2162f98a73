package org.semcycle.benchmarks;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.semcycle.rendering.camera.Viewpoint;

/**
 * What the index writers need of one evaluation image (no pixels): ids, the true viewpoint and
 * camera, lighting, keypoints with visibility, the visible-mask box, truncation and occlusion,
 * and the true depth range of the 2.5D maps. Small and serialisable, so a Spark job collects
 * these to the driver.
 *
 * @param imageId {@code <category>_<model id>_<index>} (letters, digits, '_'), unique in a set
 * @param intrinsics K row-major (9 values)
 * @param extrinsics [R | t] world-to-camera, row-major (12 values)
 * @param lightDirection camera frame, toward the light
 * @param truncated part of the object's mesh projects outside the image
 * @param occludedFraction object pixels under an occluder / object pixels (full silhouette)
 * @param visiblePixels pixels of the visible mask (object, not occluded, on the image)
 * @param bbox corners {@code [x1, y1, x2, y2]} of the visible mask: the pixel centres of its
 *     leftmost, topmost, rightmost and bottommost pixels; {@code [0, 0, 0, 0]} when empty
 * @param keypoints the model's keypoints whose semantic id has a slot, in the annotation's order
 */
public record EvaluationRecord(
    String imageId,
    BenchmarkCategory category,
    String synset,
    String modelId,
    int index,
    int width,
    int height,
    double azimuth,
    double elevation,
    double distance,
    double inPlane,
    double offsetX,
    double offsetY,
    double fov,
    double[] intrinsics,
    double[] extrinsics,
    double[] lightDirection,
    double ambient,
    double diffuse,
    double depthMin,
    double depthMax,
    boolean truncated,
    double occludedFraction,
    int occluders,
    int visiblePixels,
    double[] bbox,
    List<BenchmarkKeypoint> keypoints)
    implements Serializable {

  /** Pix3D's threshold between "slightly occluded" and "occluded": 10% of the object. */
  public static final double SLIGHT_OCCLUSION = 0.10;

  public EvaluationRecord {
    intrinsics = intrinsics.clone();
    extrinsics = extrinsics.clone();
    lightDirection = lightDirection.clone();
    bbox = bbox.clone();
    keypoints = List.copyOf(keypoints);
  }

  /** The true viewpoint (with the principal-point offset). */
  public Viewpoint viewpoint() {
    return new Viewpoint(azimuth, elevation, distance, inPlane, offsetX, offsetY);
  }

  /** Any object pixel lies under an occluder (SPair's flag). */
  public boolean occluded() {
    return occludedFraction > 0;
  }

  /** The keypoint of a semantic id, or null when the model has none. */
  public BenchmarkKeypoint keypoint(int semanticId) {
    for (BenchmarkKeypoint k : keypoints) {
      if (k.semanticId() == semanticId) {
        return k;
      }
    }
    return null;
  }

  public int visibleKeypoints() {
    int n = 0;
    for (BenchmarkKeypoint k : keypoints) {
      if (k.visible()) {
        n++;
      }
    }
    return n;
  }

  @Override
  public double[] intrinsics() {
    return intrinsics.clone();
  }

  @Override
  public double[] extrinsics() {
    return extrinsics.clone();
  }

  @Override
  public double[] lightDirection() {
    return lightDirection.clone();
  }

  @Override
  public double[] bbox() {
    return bbox.clone();
  }

  @Override
  public String toString() {
    return "EvaluationRecord[" + imageId + ", bbox " + Arrays.toString(bbox) + ", truncated " + truncated
        + ", occluded " + occludedFraction + ", " + visibleKeypoints() + "/" + keypoints.size() + " visible]";
  }
}
