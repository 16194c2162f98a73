package org.semcycle.viewpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ViewpointLabelsTest {
  private static double circularDiff(double a, double b) {
    double d = Math.abs(a - b) % 360.0;
    return Math.min(d, 360.0 - d);
  }

  private static void assertDistribution(float[] p) {
    double sum = 0;
    for (float v : p) {
      assertTrue(v >= 0f, "negative mass " + v);
      sum += v;
    }
    assertEquals(1.0, sum, 1e-5);
  }

  @Test
  void azimuthRoundTripsOverTheWholeCircle() {
    for (double a = 0; a < 360.0; a += 0.5) {
      float[] label = ViewpointLabels.azimuth(a);
      assertEquals(ViewpointLabels.AZIMUTH_BINS, label.length);
      assertDistribution(label);
      double back = ViewpointLabels.decodeAzimuth(label);
      assertTrue(back >= 0 && back < 360, "decoded " + back);
      assertTrue(circularDiff(a, back) < 1.0, a + " -> " + back);
    }
  }

  @Test
  void azimuthWrapsAtZero() {
    // 359.75 and 0.25 sit on either side of the wrap: both split between bins 23 and 0.
    float[] before = ViewpointLabels.azimuth(359.75);
    float[] after = ViewpointLabels.azimuth(0.25);
    assertTrue(before[23] > 0 && before[0] > 0);
    assertTrue(after[23] > 0 && after[0] > 0);
    assertEquals(0.5f, ViewpointLabels.azimuth(0.0)[0], 1e-6f);
    assertEquals(0.5f, ViewpointLabels.azimuth(0.0)[23], 1e-6f);
    assertEquals(1f, ViewpointLabels.azimuth(7.5)[0], 1e-6f);
    assertEquals(1f, ViewpointLabels.azimuth(352.5)[23], 1e-6f);
    assertTrue(circularDiff(ViewpointLabels.decodeAzimuth(ViewpointLabels.azimuth(-0.25)), 359.75)
        < 1.0);
  }

  @Test
  void elevationRoundTripsIncludingBothPoles() {
    for (double el = -90; el <= 90.0; el += 0.5) {
      float[] label = ViewpointLabels.elevation(el);
      assertEquals(ViewpointLabels.ELEVATION_BINS, label.length);
      assertDistribution(label);
      double back = ViewpointLabels.decodeElevation(label);
      assertTrue(Math.abs(el - back) < 1.0, el + " -> " + back);
    }
    // Elevation 90 (camera on +Y) is polar angle 0: all mass in bin 0; -90 in bin 11.
    assertEquals(1f, ViewpointLabels.elevation(90)[0], 1e-6f);
    assertEquals(1f, ViewpointLabels.elevation(-90)[11], 1e-6f);
    assertEquals(90.0, ViewpointLabels.decodeElevation(ViewpointLabels.elevation(90)), 1e-9);
    assertEquals(-90.0, ViewpointLabels.decodeElevation(ViewpointLabels.elevation(-90)), 1e-9);
  }

  @Test
  void elevationBinsFollowThePolarAngle() {
    // Polar 180/11 (bin 1) is elevation 90 - 16.36 = 73.64.
    float[] label = ViewpointLabels.elevation(90 - 180.0 / 11);
    assertEquals(1f, label[1], 1e-5f);
  }

  @Test
  void logProbabilityDecodingMatches() {
    float[] p = ViewpointLabels.azimuth(123.4);
    float[] logs = new float[p.length];
    for (int i = 0; i < p.length; i++) {
      logs[i] = (float) Math.log(Math.max(p[i], 1e-30));
    }
    assertEquals(123.4, ViewpointLabels.decodeAzimuthLog(logs), 1.0);
  }

  @Test
  void theModeDecodesOnePeakOfATwoPeakedDistributionWhereTheCircularMeanFallsBetween() {
    // 60% around 30 degrees, 40% around 120 degrees.
    float[] p = new float[ViewpointLabels.AZIMUTH_BINS];
    float[] a = ViewpointLabels.azimuth(30);
    float[] b = ViewpointLabels.azimuth(120);
    for (int i = 0; i < p.length; i++) {
      p[i] = 0.6f * a[i] + 0.4f * b[i];
    }
    double mean = ViewpointLabels.decodeAzimuth(p);
    assertTrue(Math.abs(mean - 30) > 10, "the circular mean of a two-peaked distribution: " + mean);
    assertEquals(30, ViewpointLabels.decodeAzimuthMode(p, 2), 1e-6);
    double[] second = ViewpointLabels.secondAzimuthMode(p, 2);
    assertEquals(120, second[0], 1e-6);
    assertEquals(0.4, second[1], 1e-6);
    AzimuthDecoding mode = new AzimuthDecoding(AzimuthDecoding.Kind.MODE, 2, 0.3);
    assertEquals(30, mode.decode(p), 1e-6);
    assertEquals(120, mode.secondMode(p).getAsDouble(), 1e-6);
    assertTrue(new AzimuthDecoding(AzimuthDecoding.Kind.MODE, 2, 0.5).secondMode(p).isEmpty());
    assertEquals(mean, AzimuthDecoding.REFERENCE.decode(p), 1e-12);
    assertTrue(AzimuthDecoding.REFERENCE.secondMode(p).isEmpty());
  }
}
