package org.semcycle.evaluation;

import org.semcycle.datasets.spair.SpairPair;

/**
 * What makes a scored unit hard, as its data set records it. SPair pairs carry their own flags
 * (viewpoint and scale variation 0 easy, 1 medium, 2 hard; truncation and occlusion 0 none, 1
 * source only, 2 target only, 3 both); images carry whether the object is truncated by the
 * border or occluded (Pix3D's {@code truncated} and {@code occluded}/{@code slightly_occluded},
 * SPair's image annotation flags). A field is null where the data set does not say.
 */
public record UnitConditions(
    Integer viewpointVariation,
    Integer scaleVariation,
    Integer truncation,
    Integer occlusion,
    Boolean truncated,
    Boolean occluded) {

  /** Nothing known. */
  public static final UnitConditions NONE = new UnitConditions(null, null, null, null, null, null);

  /** An image's truncation and occlusion. */
  public static UnitConditions image(boolean truncated, boolean occluded) {
    return new UnitConditions(null, null, null, null, truncated, occluded);
  }

  /** A SPair pair's flags. */
  public static UnitConditions of(SpairPair p) {
    return new UnitConditions(p.viewpointVariation(), p.scaleVariation(), p.truncation(), p.occlusion(),
        null, null);
  }
}
