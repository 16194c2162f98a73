package org.semcycle.cycle;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.semcycle.cycle.crop.CropSampler;
import org.semcycle.cycle.crop.ObjectCrop;
import org.semcycle.cycle.nets.LoadedNet;
import org.semcycle.networks.SketchNet;
import org.semcycle.rendering.FloatImage;

/** Stage 1: RGB crop -> 2.5D sketches (SketchNet), or the true sketches cropped alike. */
public final class SketchStage {
  private SketchStage() {}

  /** SketchNet over a batch of (3, S, S) crops, one forward pass. */
  public static List<SketchMaps> predict(LoadedNet<SketchNet.Options> net, List<float[]> crops) {
    int s = net.options().imageSize();
    int p = s * s;
    int n = crops.size();
    List<SketchMaps> out = new ArrayList<>(n);
    if (n == 0) {
      return out;
    }
    float[] batch = new float[n * 3 * p];
    for (int i = 0; i < n; i++) {
      System.arraycopy(crops.get(i), 0, batch, i * 3 * p, 3 * p);
    }
    float[][] y = net.forward(batch, new Shape(n, 3, s, s));
    for (int i = 0; i < n; i++) {
      float[] d = java.util.Arrays.copyOfRange(y[0], i * p, (i + 1) * p);
      float[] nn = java.util.Arrays.copyOfRange(y[1], i * 3 * p, (i + 1) * 3 * p);
      float[] sil = java.util.Arrays.copyOfRange(y[2], i * p, (i + 1) * p);
      out.add(new SketchMaps(s, d, nn, sil, y[3][2 * i], y[3][2 * i + 1]));
    }
    return out;
  }

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
