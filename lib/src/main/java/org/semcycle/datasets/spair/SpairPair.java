package org.semcycle.datasets.spair;

import java.util.List;

/**
 * One SPair-71k pair ({@code PairAnnotation/<split>/<pairname>.json}). Keypoints are the ones
 * visible in both images, in the same order in {@code srcKps}, {@code trgKps} and {@code kpsIds}
 * (the ids are the image annotations' keypoint ids, as strings of non-negative integers, and
 * are not contiguous: a pair keeps only the keypoints visible in both images). Pixels: 0-based, integers at
 * pixel centres. <b>Bounding boxes</b>: corners {@code [x1, y1, x2, y2]}.
 *
 * <p>Variation and flag fields, as SPair defines them: {@code viewpointVariation} and {@code
 * scaleVariation} 0 (easy), 1 (medium), 2 (hard); {@code truncation} and {@code occlusion} 0
 * none, 1 source only, 2 target only, 3 both; {@code mirror} 0 or 1.
 *
 * @param pairId pair number
 * @param filename the pair's name (see {@link SpairPairName})
 * @param srcImname source image file name, e.g. {@code 2008_006167.jpg}
 * @param trgImname target image file name
 * @param category category
 * @param srcImsize {@code [W, H, C]}
 * @param trgImsize {@code [W, H, C]}
 * @param srcBndbox {@code [x1, y1, x2, y2]}
 * @param trgBndbox {@code [x1, y1, x2, y2]}
 * @param srcPose PASCAL pose label of the source (text)
 * @param trgPose PASCAL pose label of the target (text)
 * @param srcKps K x {@code [x, y]}
 * @param trgKps K x {@code [x, y]}
 * @param kpsIds K keypoint ids
 */
public record SpairPair(
    int pairId,
    String filename,
    String srcImname,
    String trgImname,
    String category,
    int[] srcImsize,
    int[] trgImsize,
    double[] srcBndbox,
    double[] trgBndbox,
    String srcPose,
    String trgPose,
    double[][] srcKps,
    double[][] trgKps,
    List<String> kpsIds,
    int mirror,
    int viewpointVariation,
    int scaleVariation,
    int truncation,
    int occlusion) {

  public SpairPair {
    if (srcImsize == null || srcImsize.length != 3 || trgImsize == null || trgImsize.length != 3) {
      throw new IllegalArgumentException("image sizes are [W, H, C]");
    }
    if (srcBndbox == null || srcBndbox.length != 4 || trgBndbox == null || trgBndbox.length != 4) {
      throw new IllegalArgumentException("boxes are [x1, y1, x2, y2]");
    }
    if (srcKps.length != trgKps.length || srcKps.length != kpsIds.size()) {
      throw new IllegalArgumentException(
          "src_kps, trg_kps and kps_ids differ in length: " + srcKps.length + ", "
              + trgKps.length + ", " + kpsIds.size());
    }
    for (String id : kpsIds) {
      if (id == null || !id.strip().matches("\\d{1,9}")) {
        throw new IllegalArgumentException("kps_ids entry '" + id + "' is not a keypoint id");
      }
    }
    srcImsize = srcImsize.clone();
    trgImsize = trgImsize.clone();
    srcBndbox = srcBndbox.clone();
    trgBndbox = trgBndbox.clone();
    srcKps = copy(srcKps);
    trgKps = copy(trgKps);
    kpsIds = List.copyOf(kpsIds);
    srcPose = srcPose == null ? "" : srcPose;
    trgPose = trgPose == null ? "" : trgPose;
  }

  /** {@code kpsIds} as numbers: the keypoint id of row k of {@code srcKps} and {@code trgKps}. */
  public int[] keypointIds() {
    return kpsIds.stream().mapToInt(id -> Integer.parseInt(id.strip())).toArray();
  }

  /** The pair's parsed name. */
  public SpairPairName name() {
    return new SpairPairName(pairId, imageId(srcImname), imageId(trgImname), category);
  }

  /** Number of keypoints visible in both images. */
  public int keypointCount() {
    return srcKps.length;
  }

  @Override
  public int[] srcImsize() {
    return srcImsize.clone();
  }

  @Override
  public int[] trgImsize() {
    return trgImsize.clone();
  }

  @Override
  public double[] srcBndbox() {
    return srcBndbox.clone();
  }

  @Override
  public double[] trgBndbox() {
    return trgBndbox.clone();
  }

  @Override
  public double[][] srcKps() {
    return copy(srcKps);
  }

  @Override
  public double[][] trgKps() {
    return copy(trgKps);
  }

  static String imageId(String imname) {
    int dot = imname.lastIndexOf('.');
    return dot < 0 ? imname : imname.substring(0, dot);
  }

  private static double[][] copy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      if (a[i] == null || a[i].length != 2) {
        throw new IllegalArgumentException("keypoints are [x, y]");
      }
      out[i] = a[i].clone();
    }
    return out;
  }
}
