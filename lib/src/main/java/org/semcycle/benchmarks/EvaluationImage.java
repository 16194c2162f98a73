package org.semcycle.benchmarks;

/**
 * One rendered evaluation image: its {@link EvaluationRecord} and its pixels, encoded: the photo
 * (JPEG: object, clutter, occluders), the visible mask (8-bit PNG, 255 = object pixel not under
 * an occluder), and the object's true 2.5D maps as the render job encodes them
 * (docs/CONVENTIONS.md): depth (16-bit PNG, range in the record), normals and the full
 * silhouette, all of the object alone (occluders do not appear in them).
 */
public record EvaluationImage(
    EvaluationRecord record, byte[] jpeg, byte[] maskPng, byte[] depthPng, byte[] normalsPng, byte[] silhouettePng) {}
