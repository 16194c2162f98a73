package org.semcycle.cycle.nets;

import java.util.List;
import org.semcycle.cycle.SketchMaps;

/** Stage 1 of the cycle: RGB crops -> 2.5D sketches (SketchNet, or a fake in tests). */
public interface SketchPredictor {
  /** The side S of the square crops it takes. */
  int imageSize();

  /** One sketch per (3, S, S) crop in [0, 1], in order. */
  List<SketchMaps> predict(List<float[]> rgbCrops);
}
