package org.semcycle.baseline;

/**
 * A source keypoint's match in the target image, in the target's original pixels (integers at
 * pixel centres).
 *
 * @param confidence in [0, 1]: cosine similarity, lowered when the match is not mutual
 */
public record MatchedKeypoint(double x, double y, double confidence) {}
