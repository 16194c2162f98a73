package org.semcycle.cycle.nets;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.semcycle.networks.ViewNet;
import org.semcycle.viewpoint.ViewpointLabels;

/** A trained ViewNet as the cycle's view stage: circular mean / expectation of its bins. */
public record ViewNetPredictor(LoadedNet<ViewNet.Options> net) implements ViewPredictor {
  @Override
  public int imageSize() {
    return net.options().imageSize();
  }

  @Override
  public int inChannels() {
    return net.options().inChannels();
  }

  @Override
  public List<ViewEstimate> predict(List<float[]> inputs) {
    int s = imageSize();
    int c = inChannels();
    int p = c * s * s;
    int n = inputs.size();
    List<ViewEstimate> out = new ArrayList<>(n);
    if (n == 0) {
      return out;
    }
    float[] batch = new float[n * p];
    for (int i = 0; i < n; i++) {
      if (inputs.get(i).length != p) {
        throw new IllegalArgumentException("view net input has " + inputs.get(i).length
            + " floats, the net wants " + c + " x " + s + " x " + s);
      }
      System.arraycopy(inputs.get(i), 0, batch, i * p, p);
    }
    float[][] y = net.forward(batch, new Shape(n, c, s, s));
    int na = ViewpointLabels.AZIMUTH_BINS;
    int ne = ViewpointLabels.ELEVATION_BINS;
    for (int i = 0; i < n; i++) {
      float[] pa = ViewpointLabels.exp(Arrays.copyOfRange(y[0], i * na, (i + 1) * na));
      double el = ViewpointLabels.decodeElevationLog(Arrays.copyOfRange(y[1], i * ne, (i + 1) * ne));
      out.add(new ViewEstimate(ViewpointLabels.decodeAzimuth(pa), el, pa));
    }
    return out;
  }
}
