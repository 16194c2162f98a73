package org.semcycle.cycle;

/** Where an intermediate of the cycle came from: a network's prediction or the ground truth. */
public enum Origin {
  PREDICTED,
  TRUE
}
