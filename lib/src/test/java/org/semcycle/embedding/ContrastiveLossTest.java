package org.semcycle.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.semcycle.networks.DjlRuntime;

class ContrastiveLossTest {
  /** One intra-op thread: on 2 shared cores, 2 threads spin against other processes. */
  @BeforeAll
  static void engine() {
    DjlRuntime.engine(1);
  }

  /*
   * Five 2-D embeddings, ids 0, 0, 1, 1, 2:
   *   a0 = (0, 0)  a1 = (0.6, 0)  b0 = (0, 0.8)  b1 = (0.6, 0.8)  c = (3, 3)
   * Positives (same id): {a0,a1} d^2 = 0.36, {b0,b1} d^2 = 0.36 -> P = 2, sum 0.72.
   * Different-id pairs by d^2: {a0,b0} 0.64, {a1,b1} 0.64, {a0,b1} 1.00, {a1,b0} 1.00,
   *   then the pairs with c (>= 4.8). The 2 hardest: {a0,b0}, {a1,b1}, d = 0.8 each.
   * Negative terms: relu(1 - 0.8)^2 = 0.04 each -> sum 0.08 (with d = sqrt(0.64 + 1e-6)).
   * Loss = (0.72 + 0.08) / (2 + 2) = 0.2.
   */
  private static final float[] E5 = {0, 0, 0.6f, 0, 0, 0.8f, 0.6f, 0.8f, 3, 3};
  private static final int[] IDS5 = {0, 0, 1, 1, 2};

  @Test
  void matchesHandComputedValue() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray e = m.create(E5, new Shape(5, 2));
      ContrastiveLoss.Terms t = new ContrastiveLoss().computeLabelled(e, IDS5);
      assertEquals(2, t.positives());
      assertEquals(2, t.negatives());
      double negExact = Math.pow(1 - Math.sqrt(0.64 + 1e-6), 2);
      assertEquals((0.72 + 2 * negExact) / 4, t.loss().getFloat(), 1e-6);
      assertEquals(0.2f, t.loss().getFloat(), 1e-5f);
    }
  }

  @Test
  void selectsAllPositivesAndHardestNegatives() {
    float[] sq = ContrastiveLoss.squaredDistances(E5, 5, 2);
    ContrastiveLoss.PairSelection s = ContrastiveLoss.selectPairs(sq, IDS5);
    assertArrayEquals(new int[] {0, 2}, s.posA());
    assertArrayEquals(new int[] {1, 3}, s.posB());
    assertArrayEquals(new int[] {0, 1}, s.negA());
    assertArrayEquals(new int[] {2, 3}, s.negB());
  }

  /*
   * Dense (B=2, N=3) input with unlabelled points (-1) ignored; labelled: model 0 point 0 id 0
   * at (0,0), model 1 point 1 id 0 at (0.5,0), model 1 point 2 id 1 at (0.5,0.3).
   * Positive (across models): d^2 = 0.25. Negatives: {0,(0.5,0.3)} d^2 = 0.34,
   * {(0.5,0),(0.5,0.3)} d^2 = 0.09 -> hardest d = 0.3, term 0.7^2 = 0.49.
   * Loss = (0.25 + 0.49) / 2 = 0.37. Margin 2 instead: (0.25 + 1.7^2) / 2 = 1.57.
   */
  @Test
  void usesLabelledPointsAcrossTheBatch() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] dense = {0, 0, 9, 9, -9, 9, /* model 1 */ 7, 7, 0.5f, 0, 0.5f, 0.3f};
      NDArray e = m.create(dense, new Shape(2, 3, 2));
      int[] labels = {0, -1, -1, -1, 0, 1};
      ContrastiveLoss.Terms t = new ContrastiveLoss().compute(e, labels);
      assertEquals(1, t.positives());
      assertEquals(1, t.negatives());
      assertEquals(0.37f, t.loss().getFloat(), 1e-5f);
      assertEquals(1.57f, new ContrastiveLoss(2f).compute(e, labels).loss().getFloat(), 1e-5f);
    }
  }

  @Test
  void gradientPullsPositivesTogetherAndPushesNegativesApart() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray e = m.create(E5, new Shape(5, 2));
      e.setRequiresGradient(true);
      try (GradientCollector gc = DjlRuntime.engine().newGradientCollector()) {
        NDArray l = new ContrastiveLoss().computeLabelled(e, IDS5).loss();
        gc.backward(l);
      }
      float[] g = e.getGradient().toFloatArray();
      // a0 = (0,0): pulled toward a1 (+x) -> dL/dx < 0; pushed away from b0 (+y) -> dL/dy > 0.
      assertTrue(g[0] < 0, "x grad of a0 " + g[0]);
      assertTrue(g[1] > 0, "y grad of a0 " + g[1]);
      // d/dx of a0: positive term 2*(0-0.6)/4 = -0.3; negative term has no x component.
      assertEquals(-0.3f, g[0], 1e-4f);
      // c is beyond the margin of everything and has no same-id partner: no gradient.
      assertEquals(0f, g[8], 0f);
      assertEquals(0f, g[9], 0f);
    }
  }

  /*
   * Background points (-2) only pair with keypoints, as negative candidates:
   *   k0 = (0, 0) id 0, k1 = (0.9, 0) id 0, bg0 = (0, 0.5), bg1 = (0, 0.6), far = (5, 5) id 1.
   * Positive: {k0,k1} d^2 = 0.81 (P = 1). Negative candidates: {k0,bg0} d = 0.5,
   *   {k0,bg1} 0.6, {k1,bg0} sqrt(1.06), ... ; {bg0,bg1} (d = 0.1) is not a candidate.
   * Hardest: {k0,bg0}, term (1 - 0.5)^2 = 0.25. Loss = (0.81 + 0.25) / 2 = 0.53.
   */
  @Test
  void backgroundPointsAreNegativesForKeypointsOnly() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray e = m.create(new float[] {0, 0, 0.9f, 0, 0, 0.5f, 0, 0.6f, 5, 5}, new Shape(5, 2));
      int bg = ContrastiveLoss.BACKGROUND;
      ContrastiveLoss.Terms t = new ContrastiveLoss().compute(e, new int[] {0, 0, bg, bg, 1});
      assertEquals(1, t.positives());
      assertEquals(1, t.negatives());
      assertEquals(0.53f, t.loss().getFloat(), 1e-5f);
      // Without background labels the same points give the reference's loss: the only
      // negatives are with the far id-1 point (beyond the margin): (0.81 + 0) / 2.
      assertEquals(0.405f,
          new ContrastiveLoss().compute(e, new int[] {0, 0, -1, -1, 1}).loss().getFloat(), 1e-5f);
    }
  }

  @Test
  void backgroundMarkingKeepsAwayFromKeypoints() {
    SyntheticTables.Table t = SyntheticTables.table("t", 1, 0.6, 0.7, 400, 2);
    int[] marked = BackgroundPoints.mark(t.xyz(), t.labels(), 40, 0.1, 5);
    assertArrayEquals(marked, BackgroundPoints.mark(t.xyz(), t.labels(), 40, 0.1, 5));
    int count = 0;
    for (int i = 0; i < marked.length; i++) {
      if (marked[i] == ContrastiveLoss.BACKGROUND) {
        count++;
        assertEquals(-1, t.labels()[i]);
        for (int k = 0; k < 8; k++) {
          double d = 0;
          for (int a = 0; a < 3; a++) {
            d += Math.pow(t.xyz()[3 * i + a] - t.xyz()[3 * k + a], 2);
          }
          assertTrue(Math.sqrt(d) > 0.1);
        }
      } else {
        assertEquals(t.labels()[i], marked[i]);
      }
    }
    assertEquals(40, count);
  }

  @Test
  void noPositivesGivesZero() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray e = m.create(new float[] {0, 0, 1, 1}, new Shape(2, 2));
      assertEquals(0f, new ContrastiveLoss().computeLabelled(e, new int[] {0, 1}).loss()
          .getFloat());
    }
  }
}
