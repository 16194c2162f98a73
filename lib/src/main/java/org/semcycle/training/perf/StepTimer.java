package org.semcycle.training.perf;

import java.util.Arrays;

/**
 * Times a repeated piece of work the way the PyTorch twins' script does: warm-up runs untimed,
 * then windows of runs, each window's items per second of wall time and per second of the
 * process's CPU time (every thread: libtorch's intra-op threads are native threads the JVM's
 * per-thread clocks do not see). The median window is the result; on a machine shared with other
 * work the CPU rate is the steadier one.
 */
public final class StepTimer {
  /**
   * A timing.
   *
   * @param wall median items per wall second, with the slowest and fastest window
   * @param cpu median items per CPU second of the process
   */
  public record Rate(double wall, double wallMin, double wallMax, double cpu) {}

  private final int warmup;
  private final int windows;

  /** A timer with the given warm-up runs and windows (at least 1). */
  public StepTimer(int warmup, int windows) {
    if (warmup < 0 || windows < 1) {
      throw new IllegalArgumentException("warm-up >= 0 and windows >= 1 required, got " + warmup + ", " + windows);
    }
    this.warmup = warmup;
    this.windows = windows;
  }

  /** Runs work warm-up + windows x runsPerWindow times; each run handles itemsPerRun items. */
  public Rate time(Runnable work, int runsPerWindow, int itemsPerRun) {
    for (int i = 0; i < warmup; i++) {
      work.run();
    }
    double[] wall = new double[windows];
    double[] cpu = new double[windows];
    for (int w = 0; w < windows; w++) {
      long t0 = System.nanoTime();
      long c0 = processCpuNanos();
      for (int i = 0; i < runsPerWindow; i++) {
        work.run();
      }
      double items = (double) runsPerWindow * itemsPerRun;
      wall[w] = items / ((System.nanoTime() - t0) / 1e9);
      cpu[w] = items / (Math.max(1, processCpuNanos() - c0) / 1e9);
    }
    double[] sorted = wall.clone();
    Arrays.sort(sorted);
    return new Rate(median(wall), sorted[0], sorted[sorted.length - 1], median(cpu));
  }

  /** CPU time of the whole process ({@link ProcessClock}), in nanoseconds. */
  public static long processCpuNanos() {
    return ProcessClock.nanos();
  }

  /** The median of the values (the mean of the middle two for an even count). */
  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
