package org.semcycle.datasets.spair;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * SPair-71k's annotation of one image ({@code ImageAnnotation/<cat>/<imgid>.json}).
 *
 * <p>Keypoints: {@code kps} is indexed by keypoint id 0..N-1 (the JSON object's keys "0".."N-1");
 * an entry is {@code [x, y]} in pixels (0-based, integers at pixel centres) or {@code null} when
 * the keypoint is not visible. <b>Bounding box</b>: {@code bndbox} is the object's corners {@code
 * [x1, y1, x2, y2]} (top-left, bottom-right), not x/y/w/h.
 *
 * @param filename image file name, e.g. {@code 2008_006167.jpg}
 * @param category e.g. {@code aeroplane}
 * @param imageWidth W
 * @param imageHeight H
 * @param imageDepth channels (3)
 * @param pose PASCAL pose label (e.g. "Frontal", "Unspecified"), may be empty
 * @param truncated object cut by the image border
 * @param occluded object occluded
 * @param difficult PASCAL's difficult flag
 * @param bndbox {@code [x1, y1, x2, y2]}
 * @param azimuthId SPair's azimuth bin of the object (8 bins of 45 degrees)
 * @param kps keypoint id -> {@code [x, y]} or null
 */
public record SpairImageAnnotation(
    String filename,
    String category,
    int imageWidth,
    int imageHeight,
    int imageDepth,
    String pose,
    boolean truncated,
    boolean occluded,
    boolean difficult,
    double[] bndbox,
    int azimuthId,
    List<double[]> kps) {

  public SpairImageAnnotation {
    if (filename == null || category == null) {
      throw new IllegalArgumentException("filename and category are required");
    }
    if (bndbox == null || bndbox.length != 4) {
      throw new IllegalArgumentException("bndbox must be [x1, y1, x2, y2]");
    }
    bndbox = bndbox.clone();
    pose = pose == null ? "" : pose;
    List<double[]> copy = new ArrayList<>(kps.size());
    for (double[] p : kps) {
      if (p != null && p.length != 2) {
        throw new IllegalArgumentException("keypoints are [x, y] or null");
      }
      copy.add(p == null ? null : p.clone());
    }
    kps = Collections.unmodifiableList(copy);
  }

  /** The image id: the file name without its extension. */
  public String imageId() {
    int dot = filename.lastIndexOf('.');
    return dot < 0 ? filename : filename.substring(0, dot);
  }

  /** Number of keypoint ids N (visible or not). */
  public int keypointCount() {
    return kps.size();
  }

  /** The keypoint {@code [x, y]}, or null when not visible. */
  public double[] keypoint(int id) {
    double[] p = kps.get(id);
    return p == null ? null : p.clone();
  }

  @Override
  public double[] bndbox() {
    return bndbox.clone();
  }
}
