package org.semcycle.cycle;

/**
 * What ViewNet sees to estimate the initial viewpoint: the RGB crop (the full cycle) or the
 * predicted 2.5D sketches (the "w/o viewpoint from RGB" ablation, a ViewNet trained on sketches).
 */
public enum ViewSource {
  RGB,
  SKETCH
}
