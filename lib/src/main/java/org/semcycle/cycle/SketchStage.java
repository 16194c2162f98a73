package org.semcycle.cycle;

import org.semcycle.cycle.crop.CropSampler;
import org.semcycle.cycle.crop.ObjectCrop;
import org.semcycle.rendering.FloatImage;

/**
 * Stage 1's ground-truth side: the true 2.5D sketches of an image cropped as the RGB crop (the
 * predicted side is a {@link org.semcycle.cycle.nets.SketchPredictor}).
 */
public final class SketchStage {
  private SketchStage() {}

  /**
   * The true 2.5D maps of the original image, cropped as the RGB (nearest pixel: depth and masks
   * must not blend with the background), depth normalised to [0, 1] with the true range.
   */
  public static SketchMaps fromTruth(CycleTruth t, ObjectCrop crop) {
    if (!t.hasSketch()) {
      throw new IllegalArgumentException("no true 2.5D maps for this image");
    }
    int s = crop.size();
    int p = s * s;
    float[] depth = CropSampler.planes(chw(t.depth()), t.depth().width(), t.depth().height(), 1,
        crop, CropSampler.Mode.NEAREST);
    float[] normals = CropSampler.planes(chw(t.normals()), t.normals().width(),
        t.normals().height(), 3, crop, CropSampler.Mode.NEAREST);
    float[] sil = CropSampler.planes(chw(t.silhouette()), t.silhouette().width(),
        t.silhouette().height(), 1, crop, CropSampler.Mode.NEAREST);
    float span = (float) Math.max(1e-9, t.depthMax() - t.depthMin());
    float[] d01 = new float[p];
    for (int i = 0; i < p; i++) {
      sil[i] = sil[i] >= 0.5f ? 1f : 0f;
      d01[i] = depth[i] > 0 && sil[i] > 0 ? (float) ((depth[i] - t.depthMin()) / span) : 0f;
    }
    return new SketchMaps(s, d01, normals, sil, (float) t.depthMin(), (float) t.depthMax());
  }

  private static float[] chw(FloatImage img) {
    return img.channels() == 1 ? img.data() : img.toChw();
  }
}
