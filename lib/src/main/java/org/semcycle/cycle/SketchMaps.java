package org.semcycle.cycle;

/**
 * 2.5D sketches of one crop, channel-major at {@code size x size}: depth normalised to [0, 1]
 * inside the object (as the sketch net's targets), camera-frame normals in [-1, 1], silhouette
 * in [0, 1] (predicted: the net's raw output; true: {0, 1}), the metric depth range.
 */
public record SketchMaps(int size, float[] depth01, float[] normals, float[] silhouette,
    float zmin, float zmax) {

  /** The silhouette thresholded at {@code threshold} as a {0, 1} mask. */
  public float[] mask(float threshold) {
    float[] m = new float[silhouette.length];
    for (int i = 0; i < m.length; i++) {
      m[i] = silhouette[i] >= threshold ? 1f : 0f;
    }
    return m;
  }

  /** VoxelNet's input: depth + normals (4, S, S), background (mask 0) zeroed. */
  public float[] sketch4(float threshold) {
    int p = size * size;
    float[] mask = mask(threshold);
    float[] out = new float[4 * p];
    for (int i = 0; i < p; i++) {
      out[i] = depth01[i] * mask[i];
      out[p + i] = normals[i] * mask[i];
      out[2 * p + i] = normals[p + i] * mask[i];
      out[3 * p + i] = normals[2 * p + i] * mask[i];
    }
    return out;
  }

  /** ViewNet-on-sketches' input: sketch4 plus the mask (5, S, S). */
  public float[] sketch5(float threshold) {
    int p = size * size;
    float[] out = java.util.Arrays.copyOf(sketch4(threshold), 5 * p);
    System.arraycopy(mask(threshold), 0, out, 4 * p, p);
    return out;
  }
}
