package org.semcycle.datasets.keypointnet;

import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.NearestPoint;
import org.semcycle.geometry.Vec3;

/**
 * Builds a {@link Keypoint} from its place on a mesh, the way KeypointNet's records relate:
 * {@code xyz} is the point of face {@code faceIndex} at barycentric {@code faceUv}, {@code rgb}
 * the face material's Kd, {@code pcd_info.point_index} the nearest point of the model's cloud.
 */
public final class KeypointPlacement {
  private KeypointPlacement() {}

  public static Keypoint onMesh(Mesh mesh, int faceIndex, double[] faceUv, int semanticId, PointCloud pcd) {
    if (faceIndex < 0 || faceIndex >= mesh.faceCount()) {
      throw new IllegalArgumentException("face " + faceIndex + " out of range 0.." + (mesh.faceCount() - 1));
    }
    Vec3 p = mesh.pointOnFace(faceIndex, faceUv[0], faceUv[1], faceUv[2]);
    int nearest = NearestPoint.nearest(pcd.xyz(), p);
    return new Keypoint(p.toArray(), SurfacePointCloud.kdRgb(mesh.faceMaterial(faceIndex)), semanticId,
        nearest, faceIndex, faceUv);
  }
}
