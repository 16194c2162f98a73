package org.semcycle.training.views;

import org.semcycle.rendering.FloatImage;
import org.semcycle.rendering.ImageCodec;

/**
 * A rendered view decoded to the networks' channel-major float planes: RGB in [0,1], depth
 * normalised to [0,1] inside the object (0 outside) with its metric range, normals in [-1,1],
 * silhouette in {0,1}.
 */
record DecodedView(int size, float[] rgb, float[] depth01, float[] normals, float[] silhouette, float zmin, float zmax) {

  static DecodedView of(RenderedSample s) {
    FloatImage rgb = ImageCodec.decodeRgb(s.rgbPng(), s.source() + " rgb");
    FloatImage depth = ImageCodec.decodeDepth(s.depthPng(), s.depthMin(), s.depthMax(), s.source() + " depth");
    FloatImage normals = ImageCodec.decodeNormals(s.normalPng(), s.source() + " normal");
    FloatImage sil = ImageCodec.decodeSilhouette(s.silhouettePng(), s.source() + " silhouette");
    int n = rgb.width();
    if (rgb.height() != n || depth.width() != n || normals.width() != n || sil.width() != n) {
      throw new IllegalArgumentException(s.source() + ": maps must be square and of one size");
    }
    float[] d = depth.data();
    float[] s01 = sil.data();
    float[] silhouette = new float[d.length];
    float span = (float) Math.max(1e-9, s.depthMax() - s.depthMin());
    float[] d01 = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      silhouette[i] = s01[i] >= 0.5f ? 1f : 0f;
      d01[i] = d[i] > 0 ? (float) ((d[i] - s.depthMin()) / span) : 0f;
    }
    return new DecodedView(n, rgb.toChw(), d01, normals.toChw(), silhouette, (float) s.depthMin(), (float) s.depthMax());
  }

  /** Depth + normals (4, S, S), background zeroed: VoxelNet's input. */
  float[] sketch4() {
    int p = size * size;
    float[] out = new float[4 * p];
    for (int i = 0; i < p; i++) {
      float m = silhouette[i];
      out[i] = depth01[i] * m;
      out[p + i] = normals[i] * m;
      out[2 * p + i] = normals[p + i] * m;
      out[3 * p + i] = normals[2 * p + i] * m;
    }
    return out;
  }

  /** Depth + normals + silhouette (5, S, S): ViewNet's input in the "w/o v.p. from RGB" ablation. */
  float[] sketch5() {
    int p = size * size;
    float[] out = java.util.Arrays.copyOf(sketch4(), 5 * p);
    System.arraycopy(silhouette, 0, out, 4 * p, p);
    return out;
  }
}
