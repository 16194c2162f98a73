package org.semcycle.cycle.nets;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.semcycle.cycle.SketchMaps;
import org.semcycle.networks.SketchNet;

/** A trained SketchNet as the cycle's sketch stage: one forward pass per batch. */
public record SketchNetPredictor(LoadedNet<SketchNet.Options> net) implements SketchPredictor {
  @Override
  public int imageSize() {
    return net.options().imageSize();
  }

  @Override
  public List<SketchMaps> predict(List<float[]> crops) {
    int s = imageSize();
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
      float[] d = Arrays.copyOfRange(y[0], i * p, (i + 1) * p);
      float[] nn = Arrays.copyOfRange(y[1], i * 3 * p, (i + 1) * 3 * p);
      float[] sil = Arrays.copyOfRange(y[2], i * p, (i + 1) * p);
      out.add(new SketchMaps(s, d, nn, sil, y[3][2 * i], y[3][2 * i + 1]));
    }
    return out;
  }
}
