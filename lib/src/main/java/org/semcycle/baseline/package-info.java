/**
 * The direct 2D-2D baseline that the 3D cycle is compared with (issue 7): dense descriptors
 * matched image to image, no 3D at test time, trained on the same synthetic renders.
 *
 * <ul>
 *   <li>{@link org.semcycle.baseline.PixelCorrespondences} over {@link
 *       org.semcycle.baseline.DepthView}s: ground-truth pixel pairs between two rendered views
 *       of one model (unproject with depth, project, depth test).
 *   <li>{@link org.semcycle.baseline.ViewPairSamples}: view pairs cropped as the matcher crops,
 *       with their correspondences in crop pixels.
 *   <li>{@link org.semcycle.baseline.DenseDescriptorNet} (RGB to unit descriptors at full
 *       resolution), {@link org.semcycle.baseline.DescriptorLoss} (contrastive, dense hardest
 *       negatives), {@link org.semcycle.baseline.Dense2dTask} for the TrainLoop.
 *   <li>{@link org.semcycle.baseline.Baseline2dMatcher}: crop, describe, match each keypoint with
 *       {@link org.semcycle.baseline.DescriptorMatching} (nearest neighbour, mutual check), map
 *       back to the target's pixels.
 * </ul>
 */
package org.semcycle.baseline;
