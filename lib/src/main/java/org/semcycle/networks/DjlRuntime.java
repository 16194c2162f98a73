package org.semcycle.networks;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * One place for the DJL PyTorch engine's process-wide settings: offline mode, intra-op and
 * inter-op thread counts (so Spark tasks on one executor do not oversubscribe its cores), and
 * the per-thread grad-mode switch that inference on worker threads needs (docs/notes/djl.md).
 */
public final class DjlRuntime {
  private static volatile boolean configured;

  private DjlRuntime() {}

  /**
   * Configures the engine once per JVM. Thread counts only take effect before the engine's
   * first use; later calls are no-ops.
   *
   * @param intraOpThreads threads one op may use (1-2 per Spark task is typical)
   */
  public static synchronized Engine engine(int intraOpThreads) {
    if (!configured) {
      System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
      System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(intraOpThreads));
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
      configured = true;
    }
    return Engine.getEngine("PyTorch");
  }

  /** The engine with the default of 2 intra-op threads. */
  public static Engine engine() {
    return engine(Integer.getInteger("semcycle.torch.threads", 2));
  }

  /**
   * Sets the intra-op threads libtorch uses for ops called from the calling thread (OpenMP keeps
   * the count per thread): one Spark task thread per core should use one thread, or the task
   * threads and libtorch's threads oversubscribe the cores.
   */
  public static void threadsForThisThread(int n) {
    engine();
    if (n > 0 && JniUtils.getNumThreads() != n) {
      JniUtils.setNumThreads(n);
    }
  }

  /** Turns gradient tracking off on the calling thread (needed on every inference thread). */
  public static void inferenceMode() {
    engine();
    JniUtils.setGradMode(false);
  }

  /** Turns gradient tracking on for the calling thread (training, viewpoint fine-tuning). */
  public static void trainingMode() {
    engine();
    JniUtils.setGradMode(true);
  }

  /** The device for a GPU address (from Spark's "gpu" resource), or the CPU when none/no CUDA. */
  public static Device device(String gpuAddress) {
    Engine e = engine();
    if (gpuAddress == null || gpuAddress.isBlank() || e.getGpuCount() == 0) {
      return Device.cpu();
    }
    int id = Integer.parseInt(gpuAddress.trim());
    return id < e.getGpuCount() ? Device.gpu(id) : Device.cpu();
  }
}
