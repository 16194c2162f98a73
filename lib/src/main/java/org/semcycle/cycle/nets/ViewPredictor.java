package org.semcycle.cycle.nets;

import java.util.List;

/** Stage 3 of the cycle: an image (RGB crop or sketches) -> azimuth and elevation (ViewNet, or a fake). */
public interface ViewPredictor {
  /** The side S of the inputs it takes. */
  int imageSize();

  /** Input channels: 3 for RGB, 5 for sketches (depth, normals, silhouette). */
  int inChannels();

  /** The viewpoint estimate of each (C, S, S) input, in order. */
  List<ViewEstimate> predict(List<float[]> inputs);
}
