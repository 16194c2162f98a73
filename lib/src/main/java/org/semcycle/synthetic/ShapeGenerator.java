package org.semcycle.synthetic;

/**
 * Generates procedural models of one category. Deterministic: the same (seed, index) gives the
 * same mesh and keypoints on any thread and in any order; implementations hold no mutable state.
 */
public interface ShapeGenerator {
  /** The category name as in conf/keypoints.conf ("chair", "car", "airplane"). */
  String category();

  /** The ShapeNet synset of the category. */
  String synset();

  /** Model number {@code index} of the collection drawn with {@code seed}. */
  SynthModel generate(long seed, int index);
}
