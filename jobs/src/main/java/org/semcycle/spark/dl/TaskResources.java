package org.semcycle.spark.dl;

import org.apache.spark.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties a per-task resource (a DJL Predictor, an NDManager) to the task's life: it is closed
 * when the task completes, successfully or not. Outside a task (driver, unit test) the caller
 * owns it.
 */
public final class TaskResources {
  private static final Logger LOG = LoggerFactory.getLogger(TaskResources.class);

  private TaskResources() {}

  public static <T extends AutoCloseable> T closeAtTaskEnd(T resource) {
    TaskContext tc = TaskContext.get();
    if (tc != null) {
      tc.addTaskCompletionListener(
          (TaskContext ctx) -> {
            try {
              resource.close();
            } catch (Exception e) {
              LOG.warn("closing a task resource failed: {}", e.toString());
            }
          });
    }
    return resource;
  }
}
