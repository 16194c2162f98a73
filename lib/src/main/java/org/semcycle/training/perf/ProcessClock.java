package org.semcycle.training.perf;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.lang.management.ManagementFactory;

/**
 * CPU time of the whole process (every thread), at nanosecond resolution: libc's {@code
 * clock_gettime(CLOCK_PROCESS_CPUTIME_ID)} through JNA. HotSpot's own process clock ticks in 10
 * ms on Linux, a tenth of a short timing window; it is the fallback where libc has no such clock.
 */
public final class ProcessClock {
  /** The libc function (the timespec as two longs: seconds, nanoseconds). */
  private interface LibC extends Library {
    int clock_gettime(int clockId, long[] timespec);
  }

  private static final int CLOCK_PROCESS_CPUTIME_ID = 2;
  private static final LibC LIBC = load();

  private ProcessClock() {}

  private static LibC load() {
    try {
      LibC c = Native.load("c", LibC.class);
      long[] ts = new long[2];
      return c.clock_gettime(CLOCK_PROCESS_CPUTIME_ID, ts) == 0 ? c : null;
    } catch (LinkageError | RuntimeException e) {
      return null;
    }
  }

  /** Process CPU time in nanoseconds. */
  public static long nanos() {
    if (LIBC != null) {
      long[] ts = new long[2];
      if (LIBC.clock_gettime(CLOCK_PROCESS_CPUTIME_ID, ts) == 0) {
        return ts[0] * 1_000_000_000L + ts[1];
      }
    }
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return os.getProcessCpuTime();
  }

  /** Whether the nanosecond clock is in use (else HotSpot's coarser one). */
  public static boolean precise() {
    return LIBC != null;
  }
}
