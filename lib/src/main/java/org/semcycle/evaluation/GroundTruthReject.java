package org.semcycle.evaluation;

/** A ground-truth record that could not be read: what it was and why (the reason names the file). */
public record GroundTruthReject(
    String dataset, String category, String imageId, String pairId, String reason) {}
