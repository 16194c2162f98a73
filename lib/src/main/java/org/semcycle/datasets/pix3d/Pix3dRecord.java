package org.semcycle.datasets.pix3d;

/**
 * One record of Pix3D's {@code pix3d.json}: an image of one object with its 3D model and pose.
 *
 * <p>Paths ({@code img}, {@code mask}, {@code model}, {@code keypoints3d}, {@code voxel}) are
 * relative to the data-set root, '/'-separated and normalised (the reader refuses absolute paths
 * and paths that climb out of the root). Pixel coordinates are 0-based with integer values at
 * pixel centres (docs/CONVENTIONS.md). <b>Bounding box</b>: Pix3D's {@code bbox}, corners
 * {@code [x1, y1, x2, y2]} of the object (top-left and bottom-right), in pixels.
 *
 * <p>Arrays are copied in and out of the record; {@code equals} compares references, so compare
 * records field by field (e.g. with {@link java.util.Arrays#deepEquals}).
 *
 * @param img image path, e.g. {@code img/chair/0001.png}
 * @param category e.g. {@code chair}
 * @param imgSize {@code [W, H]}
 * @param keypoints2d annotators x M x 2 ({@code [x, y]}); {@code [-1, -1]} = not labelled (see
 *     {@link #isLabelled}); may be empty
 * @param mask mask image path, or null
 * @param model model path (OBJ), e.g. {@code model/chair/IKEA_X/model.obj}
 * @param keypoints3d path of the 3D keypoint text file (M lines {@code x y z}), or null
 * @param voxel path of the voxel .mat file (128^3), or null
 * @param rotMat 3x3 rotation, model frame to Pix3D's camera frame (see {@link Pix3dCamera})
 * @param transMat translation [3], model frame to camera frame
 * @param focalLength in mm, for a sensor 32 mm wide
 * @param camPosition camera position in the model frame [3], or null
 * @param inplaneRotation in-plane rotation of the camera, radians
 * @param truncated the object is cut by the image border
 * @param occluded the object is occluded
 * @param slightlyOccluded the object is slightly occluded
 * @param bbox {@code [x1, y1, x2, y2]}, corners
 */
public record Pix3dRecord(
    String img,
    String category,
    int[] imgSize,
    double[][][] keypoints2d,
    String mask,
    String model,
    String keypoints3d,
    String voxel,
    double[][] rotMat,
    double[] transMat,
    double focalLength,
    double[] camPosition,
    double inplaneRotation,
    boolean truncated,
    boolean occluded,
    boolean slightlyOccluded,
    double[] bbox) {

  public Pix3dRecord {
    if (img == null || category == null || model == null) {
      throw new IllegalArgumentException("img, category and model are required");
    }
    if (imgSize == null || imgSize.length != 2 || imgSize[0] <= 0 || imgSize[1] <= 0) {
      throw new IllegalArgumentException("img_size must be [W, H] with W, H > 0");
    }
    if (rotMat == null || rotMat.length != 3) {
      throw new IllegalArgumentException("rot_mat must be 3x3");
    }
    for (double[] row : rotMat) {
      if (row == null || row.length != 3) {
        throw new IllegalArgumentException("rot_mat must be 3x3");
      }
    }
    if (transMat == null || transMat.length != 3) {
      throw new IllegalArgumentException("trans_mat must have 3 values");
    }
    if (camPosition != null && camPosition.length != 3) {
      throw new IllegalArgumentException("cam_position must have 3 values");
    }
    if (bbox == null || bbox.length != 4) {
      throw new IllegalArgumentException("bbox must be [x1, y1, x2, y2]");
    }
    keypoints2d = copy3(keypoints2d == null ? new double[0][][] : keypoints2d);
    int m = keypoints2d.length == 0 ? 0 : keypoints2d[0].length;
    for (double[][] annotator : keypoints2d) {
      if (annotator.length != m) {
        throw new IllegalArgumentException("every annotator must give the same number of keypoints");
      }
      for (double[] p : annotator) {
        if (p.length != 2) {
          throw new IllegalArgumentException("2d keypoints are [x, y]");
        }
      }
    }
    imgSize = imgSize.clone();
    rotMat = copy2(rotMat);
    transMat = transMat.clone();
    camPosition = camPosition == null ? null : camPosition.clone();
    bbox = bbox.clone();
  }

  /** Image width in pixels. */
  public int width() {
    return imgSize[0];
  }

  /** Image height in pixels. */
  public int height() {
    return imgSize[1];
  }

  /** Number of annotators of the 2D keypoints. */
  public int annotators() {
    return keypoints2d.length;
  }

  /** Number of keypoints per annotator (M). */
  public int keypointCount() {
    return keypoints2d.length == 0 ? 0 : keypoints2d[0].length;
  }

  /** False for Pix3D's "not labelled" marker {@code [-1, -1]}. */
  public static boolean isLabelled(double[] xy) {
    return !(xy[0] == -1 && xy[1] == -1);
  }

  @Override
  public int[] imgSize() {
    return imgSize.clone();
  }

  @Override
  public double[][][] keypoints2d() {
    return copy3(keypoints2d);
  }

  @Override
  public double[][] rotMat() {
    return copy2(rotMat);
  }

  @Override
  public double[] transMat() {
    return transMat.clone();
  }

  @Override
  public double[] camPosition() {
    return camPosition == null ? null : camPosition.clone();
  }

  @Override
  public double[] bbox() {
    return bbox.clone();
  }

  static double[][] copy2(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }

  static double[][][] copy3(double[][][] a) {
    double[][][] out = new double[a.length][][];
    for (int i = 0; i < a.length; i++) {
      out[i] = copy2(a[i]);
    }
    return out;
  }
}
