package org.semcycle.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void maskIouOfKnownMasks() {
    float[] truth = {1, 1, 0, 0};
    float[] pred = {0.9f, 0.2f, 0.4f, 0f};
    // threshold 0.3: pred mask {1, 0, 1, 0}; intersection 1, union 3.
    assertEquals(1.0 / 3, Metrics.maskIoU(pred, truth, 0.3f), 1e-12);
    assertEquals(1.0, Metrics.maskIoU(new float[] {0, 0}, new float[] {0, 0}, 0.5f));
  }

  @Test
  void voxelIouThresholdsProbabilities() {
    float[] occ = {1, 1, 1, 0};
    float[] logits = {3f, 0.1f, -3f, 2f}; // probabilities .95 .52 .05 .88
    assertEquals(2.0 / 4, Metrics.voxelIoU(logits, occ, 0.5f), 1e-12);
    assertEquals(1.0 / 3, Metrics.voxelIoU(logits, occ, 0.9f), 1e-12);
  }

  @Test
  void voxelIousSweepMatchesSingleThresholds() {
    float[] occ = {1, 1, 1, 0};
    float[] logits = {3f, 0.1f, -3f, 2f}; // probabilities .95 .52 .05 .88
    float[] t = {0.04f, 0.5f, 0.9f, 0.96f};
    double[] ious = Metrics.voxelIoUs(logits, occ, t);
    for (int k = 0; k < t.length; k++) {
      assertEquals(Metrics.voxelIoU(logits, occ, t[k]), ious[k], 1e-12, "threshold " + t[k]);
    }
    assertEquals(3.0 / 4, ious[0], 1e-12); // everything predicted occupied
    assertEquals(0.0, ious[3], 1e-12); // nothing predicted occupied
    assertThrows(IllegalArgumentException.class, () -> Metrics.voxelIoUs(logits, occ, new float[] {1f}));
  }

  @Test
  void azimuthErrorWrapsAtZero() {
    assertEquals(2.0, Metrics.azimuthError(359, 1), 1e-12);
    assertEquals(2.0, Metrics.azimuthError(1, 359), 1e-12);
    assertEquals(180.0, Metrics.azimuthError(0, 180), 1e-12);
    assertEquals(170.0, Metrics.azimuthError(10, 200), 1e-12);
    assertEquals(15.0, Metrics.azimuthError(-10, 5), 1e-12);
    assertEquals(0.0, Metrics.azimuthError(720, 0), 1e-12);
  }

  @Test
  void depthAbsRelOverMask() {
    float[] truth = {2, 4, 1, 0};
    float[] pred = {3, 4, 100, 5};
    float[] mask = {1, 1, 0, 1}; // third masked out, fourth has no true depth
    assertEquals((0.5 + 0) / 2, Metrics.depthAbsRel(pred, truth, mask), 1e-12);
  }

  @Test
  void normalAngularErrorOfKnownNormals() {
    // Two pixels, planar layout x..., y..., z...
    float[] truth = {0, 0, 0, 0, 1, 1};
    float[] pred = {1, 0, 0, 0, 0, 2}; // 90 degrees, then 0 degrees (unnormalised)
    assertEquals(45.0, Metrics.normalAngularError(pred, truth, new float[] {1, 1}), 1e-9);
    assertEquals(90.0, Metrics.normalAngularError(pred, truth, new float[] {1, 0}), 1e-9);
  }

  @Test
  void viewpointAnglesMedianAndAccuracy() {
    assertEquals(90.0, Metrics.viewpointAngle(0, 0, 90, 0), 1e-9);
    assertEquals(20.0, Metrics.viewpointAngle(350, 0, 10, 0), 1e-9);
    assertEquals(90.0, Metrics.viewpointAngle(0, 90, 123, 0), 1e-9);
    assertEquals(0.0, Metrics.viewpointAngle(0, 90, 200, 90), 1e-6);
    double[] e = {5, 40, 10, 20};
    assertEquals(15.0, Metrics.median(e), 1e-12);
    assertEquals(0.5, Metrics.fractionWithin(e, 15), 1e-12);
    assertEquals(0.75, Metrics.fractionWithin(e, 30), 1e-12);
  }
}
