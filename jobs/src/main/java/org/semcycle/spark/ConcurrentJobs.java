package org.semcycle.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.SparkSession;

/**
 * Independent Spark jobs submitted at once, each from its own driver thread under the same job
 * description. Spark's scheduler runs the jobs of several driver threads side by side, so the
 * small jobs that end a semcycle job (writes of side tables, CSV exports, counts: one or two
 * tasks each) overlap their planning, listing and commit latencies and fill each other's idle
 * task slots instead of running one after another. Each job's work must not depend on another's.
 */
public final class ConcurrentJobs {
  private ConcurrentJobs() {}

  /**
   * Runs every job and waits for all; their results in order. The first failure (in the jobs'
   * order) is rethrown, unwrapped, once every job has finished.
   */
  public static List<Object> run(SparkSession spark, String description, List<Callable<?>> jobs) {
    if (jobs.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs.size(), 8), r -> {
      Thread t = new Thread(r, "semcycle-driver-job");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> running = new ArrayList<>();
      for (Callable<?> job : jobs) {
        running.add(pool.submit(() -> {
          spark.sparkContext().setJobDescription(description);
          try {
            return job.call();
          } finally {
            spark.sparkContext().setJobDescription(null);
          }
        }));
      }
      List<Object> out = new ArrayList<>();
      RuntimeException failure = null;
      for (Future<?> f : running) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          out.add(null);
          if (failure == null) {
            failure = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted waiting for " + description, e);
        }
      }
      if (failure != null) {
        throw failure;
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
