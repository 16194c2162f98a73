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
      // The smallest step between successive differing readings: a tick-based clock steps by
      // milliseconds (4-10), a fine one by far less. The smallest of many steps is immune to the
      // reading thread being preempted while other threads run, which lengthens some steps.
      long smallest = Long.MAX_VALUE;
      long last = ProcessClock.nanos();
      for (int steps = 0; steps < 50; ) {
        long now = ProcessClock.nanos();
        assertTrue(now >= last, "the clock went back: " + last + " -> " + now);
        if (now > last) {
          smallest = Math.min(smallest, now - last);
          steps++;
        }
        last = now;
      }
      assertTrue(smallest < 1_000_000L, "smallest step between readings " + smallest + " ns");
    }
  }
}
