/**
 * The camera model of docs/CONVENTIONS.md, the one every stage projects with: the renderer, the
 * evaluation sets' ground truth, the cycle's crop camera and projection, and the silhouette
 * fitter's closed-form projection (tested against {@link org.semcycle.rendering.camera.Camera}).
 *
 * <ul>
 *   <li>{@link org.semcycle.rendering.camera.Viewpoint}: the look-at parameters (azimuth,
 *       elevation, distance, in-plane rotation, principal-point offset), the camera's own
 *       description, whoever chose them (a sampler, ViewNet, the fitter);
 *   <li>{@link org.semcycle.rendering.camera.Camera} with its
 *       {@link org.semcycle.rendering.camera.Intrinsics} and
 *       {@link org.semcycle.rendering.camera.Extrinsics}: the pinhole camera, built from a
 *       viewpoint ({@code Camera.lookAt}) or read back into one, projecting to a
 *       {@link org.semcycle.rendering.camera.Projection}.
 * </ul>
 *
 * Where viewpoints come from lives elsewhere: drawn for renders in
 * {@code org.semcycle.rendering.dataset.ViewpointSampler}; predicted by ViewNet, in the label
 * encoding of {@link org.semcycle.viewpoint}; fitted to a silhouette in
 * {@link org.semcycle.cycle.viewpoint}.
 */
package org.semcycle.rendering.camera;
