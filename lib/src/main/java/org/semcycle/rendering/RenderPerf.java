package org.semcycle.rendering;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.semcycle.io.Seeds;
import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Viewpoint;

/**
 * Measures rendering speed on one thread: the ~3000-triangle {@link
 * PrimitiveMeshes#perfObject()} at 128x128, all maps (RGB with random light and clutter
 * background, depth, normals, silhouette, face index) from a new viewpoint every view.
 *
 * <p>Usage: {@code RenderPerf [seconds=3] [supersample=1] [size=128] [clutter|plain]}.
 */
public final class RenderPerf {
  private RenderPerf() {}

  /** The result of a run. */
  public record Result(int views, double seconds, double cpuSeconds, int triangles, int size, int supersample) {
    /** Views per wall-clock second. */
    public double viewsPerSecond() {
      return views / seconds;
    }

    /** Views per second of this thread's CPU time: the rate per core, robust to a loaded machine. */
    public double viewsPerCpuSecond() {
      return cpuSeconds > 0 ? views / cpuSeconds : viewsPerSecond();
    }

    @Override
    public String toString() {
      return String.format(
          "%d views of %d triangles at %dx%d (supersample %d) in %.2f s wall, %.2f s CPU:"
              + " %.1f views/s wall, %.1f views per CPU-second (one thread)",
          views, triangles, size, size, supersample, seconds, cpuSeconds, viewsPerSecond(),
          viewsPerCpuSecond());
    }
  }

  /** Renders for about {@code seconds} (after a one-second warm-up) and reports the rate. */
  public static Result run(double seconds, int supersample, int size) {
    return run(seconds, supersample, size, Background.clutter());
  }

  /** As {@link #run(double, int, int)} with the given background. */
  public static Result run(double seconds, int supersample, int size, Background background) {
    RenderableMesh mesh = RenderableMesh.of(PrimitiveMeshes.perfObject());
    Rasterizer r = new Rasterizer(
        RenderSettings.DEFAULT.withBackground(background).withSupersample(supersample));
    long checksum = 0;
    long warmEnd = System.nanoTime() + 1_000_000_000L;
    int i = 0;
    while (System.nanoTime() < warmEnd) {
      checksum += renderOne(r, mesh, size, i++);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpu = threads.isCurrentThreadCpuTimeSupported();
    long cpuStart = cpu ? threads.getCurrentThreadCpuTime() : 0;
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    int views = 0;
    while (System.nanoTime() < end) {
      checksum += renderOne(r, mesh, size, views++);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    double cpuElapsed = cpu ? (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9 : 0;
    if (checksum == 42) {
      System.out.print(""); // keep the work observable
    }
    return new Result(views, elapsed, cpuElapsed, mesh.faceCount(), size, supersample);
  }

  private static long renderOne(Rasterizer r, RenderableMesh mesh, int size, int view) {
    long seed = Seeds.mix(1, "perf", view);
    double az = (view * 37.0) % 360;
    double el = -20 + (view * 13) % 70;
    Camera cam = Camera.lookAt(Viewpoint.of(az, el, 2.0), size, size, 45);
    RenderOutput out = r.render(mesh, cam, seed);
    return out.rgb()[out.rgb().length / 2] + out.foregroundCount();
  }

  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    int ss = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int size = args.length > 2 ? Integer.parseInt(args[2]) : 128;
    Background bg = args.length > 3 && args[3].equals("plain") ? Background.WHITE : Background.clutter();
    System.out.println(run(seconds, ss, size, bg) + ", background " + bg.kind());
  }
}
