package org.semcycle.embedding;

import org.semcycle.geometry.Vec3;

/**
 * A keypoint transferred to a shape: its semantic id, the chosen surface point (its index in
 * the input cloud, -1 when it does not come from one) and position in the input's frame, and a
 * confidence in [0, 1] whose meaning depends on the transfer mode ({@link KeypointTransfer}).
 */
public record TransferredKeypoint(int semanticId, Vec3 xyz, float confidence, int pointIndex) {}
