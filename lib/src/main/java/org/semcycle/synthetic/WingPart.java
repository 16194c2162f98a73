package org.semcycle.synthetic;

import java.util.List;
import org.semcycle.geometry.Vec3;

/**
 * A lifting surface with thickness (wing, stabiliser, fin): a loft of two lens-shaped airfoil
 * sections, root and tip, each given by its leading-edge point, chord length along
 * {@code chordDir} and thickness along {@code thickDir}. The leading and trailing edges are
 * section vertices, so tip and root keypoints can sit exactly on them.
 */
public final class WingPart {
  private WingPart() {}

  /** Fractions of chord and of half-thickness for the 8-point section (LE first, TE 5th). */
  private static final double[][] SECTION = {
    {0.0, 0.0}, {0.08, 0.75}, {0.3, 1.0}, {0.65, 0.6},
    {1.0, 0.0}, {0.65, -0.6}, {0.3, -1.0}, {0.08, -0.75},
  };

  /** Index of the trailing-edge point in a section. */
  public static final int TRAILING_EDGE = 4;

  /** A wing panel; thicknesses are full thickness at the section's thickest point. */
  public static Solid panel(
      Vec3 rootLe, double rootChord, double rootThickness,
      Vec3 tipLe, double tipChord, double tipThickness,
      Vec3 chordDir, Vec3 thickDir) {
    return Loft.of(
        List.of(section(rootLe, rootChord, rootThickness, chordDir, thickDir),
            section(tipLe, tipChord, tipThickness, chordDir, thickDir)),
        null, null);
  }

  /** One section's points. */
  public static Vec3[] section(Vec3 le, double chord, double thickness, Vec3 chordDir, Vec3 thickDir) {
    Vec3[] r = new Vec3[SECTION.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = le.plus(chordDir.times(SECTION[i][0] * chord))
          .plus(thickDir.times(SECTION[i][1] * 0.5 * thickness));
    }
    return r;
  }
}
