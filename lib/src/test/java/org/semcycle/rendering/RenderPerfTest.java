package org.semcycle.rendering;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("perf")
class RenderPerfTest {

  @Test
  void rendersAtLeastAHundredViewsPerSecondOnOneThread() {
    RenderPerf.Result r = RenderPerf.run(3, 1, 128);
    System.out.println(r);
    assertTrue(r.triangles() >= 2500 && r.triangles() <= 3500);
    assertTrue(r.viewsPerCpuSecond() >= 100, r.toString());
  }
}
