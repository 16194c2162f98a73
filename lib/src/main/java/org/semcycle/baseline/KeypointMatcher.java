package org.semcycle.baseline;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A direct 2D-2D matcher: labelled keypoints of a source image carried into a target image,
 * without 3D. {@link Baseline2dMatcher} is the dense-descriptor one.
 */
public interface KeypointMatcher {
  /**
   * Keypoints of the source transferred to the target.
   *
   * @param sourceBox the source object's box [x1, y1, x2, y2], pixel-centre corners
   * @param keypoints source keypoints as (x, y) rows, original pixels
   * @param targetBox the target object's box
   * @return one match per keypoint, in order
   */
  List<MatchedKeypoint> match(BufferedImage source, double[] sourceBox, double[][] keypoints,
      BufferedImage target, double[] targetBox);
}
