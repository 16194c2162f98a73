package org.semcycle.evaluation;

import java.util.BitSet;
import java.util.List;

/**
 * What limits a voxel net, measured on its predictions (grids R^3, flat index (i R + j) R + k):
 *
 * <ul>
 *   <li>{@link #bestShiftIoU}: the IoU after the best translation by at most one cell along each
 *       axis; its excess over the plain IoU is what parts placed a cell off cost (thin parts,
 *       such as a 1-2 cell seat, lose most of their overlap when misplaced by one cell).
 *   <li>{@link #nearestIoU}: the IoU of the true grid with the most similar grid of a set (the
 *       training shapes): what a perfect retrieval of a training shape would score, a ceiling
 *       for a net that learns to reproduce training shapes.
 * </ul>
 *
 * Occupancy is value > threshold (probabilities, or {0, 1} grids with threshold 0.5).
 */
public final class VoxelDiagnostics {
  private VoxelDiagnostics() {}

  /** The occupied cells of a grid as a bit set. */
  public static BitSet cells(float[] grid, float threshold) {
    BitSet b = new BitSet(grid.length);
    for (int i = 0; i < grid.length; i++) {
      if (grid[i] > threshold) {
        b.set(i);
      }
    }
    return b;
  }

  /** IoU of two cell sets; 1 when both are empty. */
  public static double iou(BitSet a, BitSet b) {
    BitSet inter = (BitSet) a.clone();
    inter.and(b);
    BitSet union = (BitSet) a.clone();
    union.or(b);
    int u = union.cardinality();
    return u == 0 ? 1.0 : inter.cardinality() / (double) u;
  }

  /** The best IoU of the predicted cells translated by (dx, dy, dz) in {-1, 0, 1}^3 with the truth. */
  public static double bestShiftIoU(BitSet predicted, BitSet truth, int r) {
    double best = 0;
    for (int dx = -1; dx <= 1; dx++) {
      for (int dy = -1; dy <= 1; dy++) {
        for (int dz = -1; dz <= 1; dz++) {
          best = Math.max(best, iou(shifted(predicted, r, dx, dy, dz), truth));
        }
      }
    }
    return best;
  }

  /** The cells moved by (dx, dy, dz); cells moved out of the grid are dropped. */
  public static BitSet shifted(BitSet cells, int r, int dx, int dy, int dz) {
    BitSet out = new BitSet(r * r * r);
    for (int c = cells.nextSetBit(0); c >= 0; c = cells.nextSetBit(c + 1)) {
      int i = c / (r * r) + dx;
      int j = (c / r) % r + dy;
      int k = c % r + dz;
      if (i >= 0 && j >= 0 && k >= 0 && i < r && j < r && k < r) {
        out.set((i * r + j) * r + k);
      }
    }
    return out;
  }

  /** The highest IoU of the truth with any candidate (0 without candidates). */
  public static double nearestIoU(BitSet truth, List<BitSet> candidates) {
    double best = 0;
    for (BitSet c : candidates) {
      best = Math.max(best, iou(truth, c));
    }
    return best;
  }
}
