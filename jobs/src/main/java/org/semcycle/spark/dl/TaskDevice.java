package org.semcycle.spark.dl;

import ai.djl.Device;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.semcycle.networks.DjlRuntime;

/**
 * The device a Spark task should compute on: the first address of the task's "gpu" resource
 * when Spark assigned one and CUDA is present, else the CPU. On the driver (no task) the CPU.
 */
public final class TaskDevice {
  private TaskDevice() {}

  /** The GPU address Spark gave this task, or null when it gave none. */
  public static String gpuAddress() {
    TaskContext tc = TaskContext.get();
    if (tc == null) {
      return null;
    }
    ResourceInformation gpu = tc.resourcesJMap().get("gpu");
    if (gpu == null || gpu.addresses().length == 0) {
      return null;
    }
    return gpu.addresses()[0];
  }

  /** The DJL device for this task (falls back to the CPU without CUDA). */
  public static Device current() {
    return DjlRuntime.device(gpuAddress());
  }
}
