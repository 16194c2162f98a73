package org.semcycle.datasets.keypointnet;

/**
 * One annotated keypoint of a KeypointNet model: position in ShapeNet's normalised frame, the
 * colour of the surface there (0..255), its semantic id within the category, the index of the
 * nearest point of the model's PCD, and its place on the mesh (triangle index + barycentric
 * weights of the triangle's three corners).
 */
public record Keypoint(
    double[] xyz, int[] rgb, int semanticId, int pcdPointIndex, int faceIndex, double[] faceUv) {
  public Keypoint {
    if (xyz == null || xyz.length != 3 || faceUv == null || faceUv.length != 3) {
      throw new IllegalArgumentException("xyz and face_uv need 3 values");
    }
    if (rgb == null || rgb.length != 3) {
      throw new IllegalArgumentException("rgb needs 3 values");
    }
    xyz = xyz.clone();
    rgb = rgb.clone();
    faceUv = faceUv.clone();
  }
}
