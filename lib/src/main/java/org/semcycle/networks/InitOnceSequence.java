package org.semcycle.networks;

import ai.djl.nn.SequentialBlock;

/** A {@link SequentialBlock} that remembers being initialised, for the reason {@link InitOnceBlock} gives. */
public final class InitOnceSequence extends SequentialBlock {
  private boolean initialized;

  @Override
  public boolean isInitialized() {
    if (!initialized) {
      initialized = super.isInitialized();
    }
    return initialized;
  }
}
