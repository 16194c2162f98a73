package org.semcycle.training.views;

/**
 * One row of the render job's views table as the training command hands it over: the encoded
 * maps (docs/CONVENTIONS.md), the viewpoint, the camera (for the 2D-2D baseline's pixel
 * correspondences) and (for the voxel nets) the model's packed occupancy. {@code source} names
 * the row in errors, "synset/model#view"; {@link #model()} is the part before '#'.
 *
 * @param intrinsics K row-major (9 values), or null when the reader did not fetch it
 * @param extrinsics [R | t] world-to-camera row-major (12 values), or null likewise
 */
public record RenderedSample(
    String source,
    byte[] rgbPng,
    byte[] depthPng,
    double depthMin,
    double depthMax,
    byte[] normalPng,
    byte[] silhouettePng,
    double azimuth,
    double elevation,
    byte[] occupancy,
    int voxelResolution,
    double[] intrinsics,
    double[] extrinsics) {

  /** A sample without camera matrices (the nets that only need the viewpoint angles). */
  public RenderedSample(
      String source, byte[] rgbPng, byte[] depthPng, double depthMin, double depthMax,
      byte[] normalPng, byte[] silhouettePng, double azimuth, double elevation, byte[] occupancy,
      int voxelResolution) {
    this(source, rgbPng, depthPng, depthMin, depthMax, normalPng, silhouettePng, azimuth,
        elevation, occupancy, voxelResolution, null, null);
  }

  /** The model this view shows: {@code source} up to its '#' ("synset/model"). */
  public String model() {
    int hash = source.lastIndexOf('#');
    return hash < 0 ? source : source.substring(0, hash);
  }
}
