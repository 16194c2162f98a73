package org.semcycle.datasets.spair;

/** SPair-71k's splits, with their folder / file names ({@code trn}, {@code val}, {@code test}). */
public enum SpairSplit {
  TRN("trn"),
  VAL("val"),
  TEST("test");

  private final String dir;

  SpairSplit(String dir) {
    this.dir = dir;
  }

  /** Name used in {@code PairAnnotation/<name>/} and {@code Layout/large/<name>.txt}. */
  public String dir() {
    return dir;
  }
}
