/**
 * The cycle's viewpoint fine-tuning (stage 8 of PIPELINE.md): fitting a viewpoint to a target
 * silhouette by gradient descent on a soft silhouette of the predicted mesh.
 *
 * <ul>
 *   <li>{@link org.semcycle.cycle.viewpoint.ViewpointFitter}: Adam on the free viewpoint
 *       parameters, coarse to fine;
 *   <li>{@link org.semcycle.cycle.viewpoint.SoftRasterizer} (plain Java, analytic gradients,
 *       the default) and {@link org.semcycle.cycle.viewpoint.SoftSilhouetteRenderer} (DJL
 *       autograd, the same function): SoftRas-style soft silhouettes over the same faces
 *       (FaceCorners), projected as {@code org.semcycle.rendering.camera.Camera#lookAt} does.
 * </ul>
 *
 * The viewpoint's parameters and camera are {@link org.semcycle.rendering.camera}'s, ViewNet's
 * label encoding is {@link org.semcycle.viewpoint}'s, and {@code org.semcycle.cycle.ViewpointStage}
 * (the cycle's stage, with the cycle's other stages) calls the fitter.
 */
package org.semcycle.cycle.viewpoint;
