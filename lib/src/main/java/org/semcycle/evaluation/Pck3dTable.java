package org.semcycle.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accumulates {@link ModelScores} of many models into one {@link Pck3d} curve per {@link
 * CurveKey} (averaged over keypoints, as {@link Pck3d}). Curves come in a fixed order: conditions
 * as declared, and within each the methods as declared.
 */
public final class Pck3dTable {
  private final double[] thresholds;
  private final Map<CurveKey, Pck3d.Accumulator> acc = new LinkedHashMap<>();
  private int models;

  /** A table over {@link Pck3d#DEFAULT_THRESHOLDS} (0.01 .. 0.10). */
  public Pck3dTable() {
    this(Pck3d.DEFAULT_THRESHOLDS);
  }

  public Pck3dTable(double[] thresholds) {
    this.thresholds = thresholds.clone();
    for (ShapeCondition c : ShapeCondition.values()) {
      for (TransferMethod m : TransferMethod.values()) {
        acc.put(new CurveKey(c, m), new Pck3d.Accumulator(this.thresholds));
      }
    }
  }

  /** Adds every curve of one model. */
  public Pck3dTable add(ModelScores scores) {
    for (Map.Entry<CurveKey, double[]> e : scores.distances().entrySet()) {
      Pck3d.Accumulator a = acc.get(e.getKey());
      for (double d : e.getValue()) {
        if (Double.isNaN(d)) {
          a.addMissing();
        } else {
          a.addDistance(d);
        }
      }
    }
    models++;
    return this;
  }

  /** Models added. */
  public int models() {
    return models;
  }

  public Pck3d.Curve curve(CurveKey key) {
    return acc.get(key).curve();
  }

  /** Every curve by {@link CurveKey#label()}, in the table's order. */
  public Map<String, Pck3d.Curve> curves() {
    Map<String, Pck3d.Curve> out = new LinkedHashMap<>();
    acc.forEach((k, a) -> out.put(k.label(), a.curve()));
    return out;
  }
}
