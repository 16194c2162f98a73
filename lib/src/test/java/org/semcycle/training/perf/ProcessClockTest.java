package org.semcycle.training.perf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

/** The process clock counts at least this thread's CPU time, at better than 10 ms resolution. */
class ProcessClockTest {
  @Test
  void countsThisThreadsWorkFinely() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long p0 = ProcessClock.nanos();
    long t0 = mx.getCurrentThreadCpuTime();
    double sink = 0;
    while (mx.getCurrentThreadCpuTime() - t0 < 30_000_000L) { // 30 ms of this thread's CPU
      for (int i = 0; i < 10_000; i++) {
        sink += Math.sqrt(i + sink);
      }
    }
    long thread = mx.getCurrentThreadCpuTime() - t0;
    long process = ProcessClock.nanos() - p0;
    assertTrue(sink > 0);
    assertTrue(process >= 0.9 * thread, "process " + process + " ns < thread " + thread + " ns");
    if (ProcessClock.precise()) {
      long a = ProcessClock.nanos();
      long b = ProcessClock.nanos();
      assertTrue(b >= a && b - a < 5_000_000L, "two readings " + (b - a) + " ns apart");
    }
  }
}
