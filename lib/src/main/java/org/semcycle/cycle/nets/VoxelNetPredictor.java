package org.semcycle.cycle.nets;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.semcycle.networks.VoxelNet;

/** A trained VoxelNet as the cycle's shape stage: one forward pass per batch. */
public record VoxelNetPredictor(LoadedNet<VoxelNet.Options> net) implements ShapePredictor {
  @Override
  public int imageSize() {
    return net.options().imageSize();
  }

  @Override
  public int resolution() {
    return net.options().resolution();
  }

  @Override
  public List<float[]> voxelLogits(List<float[]> sketches) {
    int s = imageSize();
    int p = s * s;
    int r3 = resolution() * resolution() * resolution();
    int n = sketches.size();
    List<float[]> out = new ArrayList<>(n);
    if (n == 0) {
      return out;
    }
    float[] batch = new float[n * 4 * p];
    for (int i = 0; i < n; i++) {
      System.arraycopy(sketches.get(i), 0, batch, i * 4 * p, 4 * p);
    }
    float[] y = net.forward(batch, new Shape(n, 4, s, s))[0];
    for (int i = 0; i < n; i++) {
      out.add(Arrays.copyOfRange(y, i * r3, (i + 1) * r3));
    }
    return out;
  }
}
