package org.semcycle.networks;

import ai.djl.nn.AbstractBlock;

/**
 * An {@link AbstractBlock} that remembers being initialised. DJL's {@code isInitialized()}
 * collects every parameter of the block's subtree, names included, and every block's forward in
 * training mode asks it: over a whole net that was 1.2 ms of the view net's and 2.9 ms of the
 * sketch net's training forward. Parameters never go back to uninitialised (loading, the
 * critic's fresh leaves and re-initialisation all leave them set), so once true the answer is
 * kept; until then it is DJL's.
 */
public abstract class InitOnceBlock extends AbstractBlock {
  private boolean initialized;

  /** A block of the given parameter-format version. */
  protected InitOnceBlock(byte version) {
    super(version);
  }

  @Override
  public boolean isInitialized() {
    if (!initialized) {
      initialized = super.isInitialized();
    }
    return initialized;
  }
}
