package org.semcycle.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known grids give known IoUs: a slab one cell off, and the nearest of a set. */
class VoxelDiagnosticsTest {
  private static final int R = 8;

  /** A one-cell-thick horizontal slab at height j (x, z in 2..5). */
  private static float[] slab(int j) {
    float[] g = new float[R * R * R];
    for (int i = 2; i <= 5; i++) {
      for (int k = 2; k <= 5; k++) {
        g[(i * R + j) * R + k] = 1f;
      }
    }
    return g;
  }

  @Test
  void aSlabOneCellOffScoresZeroUnshiftedAndOneShifted() {
    BitSet truth = VoxelDiagnostics.cells(slab(3), 0.5f);
    BitSet predicted = VoxelDiagnostics.cells(slab(4), 0.5f);
    assertEquals(16, truth.cardinality());
    assertEquals(0.0, VoxelDiagnostics.iou(predicted, truth));
    assertEquals(1.0, VoxelDiagnostics.bestShiftIoU(predicted, truth, R));
    assertEquals(1.0, VoxelDiagnostics.iou(new BitSet(), new BitSet()));
    // Shifted out of the grid: the cells are dropped.
    assertEquals(0, VoxelDiagnostics.shifted(VoxelDiagnostics.cells(slab(R - 1), 0.5f), R, 0, 1, 0).cardinality());
  }

  @Test
  void nearestIsTheBestCandidate() {
    BitSet truth = VoxelDiagnostics.cells(slab(3), 0.5f);
    float[] half = slab(3);
    for (int k = 0; k < half.length / 2; k++) {
      half[k] = 0f; // drops the cells with i < 4: 8 of 16 remain
    }
    List<BitSet> candidates = List.of(VoxelDiagnostics.cells(slab(6), 0.5f), VoxelDiagnostics.cells(half, 0.5f));
    assertEquals(0.5, VoxelDiagnostics.nearestIoU(truth, candidates), 1e-12);
    assertEquals(0.0, VoxelDiagnostics.nearestIoU(truth, List.of()));
  }
}
