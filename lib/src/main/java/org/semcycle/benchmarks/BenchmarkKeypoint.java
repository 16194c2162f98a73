package org.semcycle.benchmarks;

import java.io.Serializable;

/**
 * A model keypoint in an evaluation image: semantic id, pixel position (0-based, integers at
 * pixel centres), camera depth, whether it is visible (on the image, not behind the object's
 * surface and not under an occluder), and whether an occluder alone hides it (visible without
 * the occluders).
 */
public record BenchmarkKeypoint(
    int semanticId, double x, double y, double depth, boolean visible, boolean hiddenByOccluder)
    implements Serializable {}
