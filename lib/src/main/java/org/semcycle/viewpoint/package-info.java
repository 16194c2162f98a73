/**
 * The viewpoint as the networks learn and predict it (stage 4 of PIPELINE.md):
 * {@link org.semcycle.viewpoint.ViewpointLabels}, the reference's soft azimuth and elevation bins
 * that ViewNet's heads output, how training labels are made from true angles and how the net's
 * log-probabilities decode back to angles. Used by {@code org.semcycle.networks.ViewNet} and
 * {@code ViewTask} (training) and {@code org.semcycle.cycle.nets.ViewNetPredictor} (inference).
 *
 * <p>The split of viewpoint code: the viewpoint's parameters and the camera they define are the
 * camera's ({@link org.semcycle.rendering.camera}); what a net predicts is here; refining a
 * predicted viewpoint against a silhouette is the cycle's fine-tuning step
 * ({@link org.semcycle.cycle.viewpoint}); {@code org.semcycle.cycle.ViewpointStage} is the cycle's
 * stage that puts ViewNet's angles, the initial distance and offset, and the fine-tuning
 * together, beside the cycle's other stages.
 */
package org.semcycle.viewpoint;
