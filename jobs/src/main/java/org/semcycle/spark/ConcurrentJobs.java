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
 *
 * <pre>
 * try (ConcurrentJobs jobs = new ConcurrentJobs(spark, "infer: exports")) {
 *   jobs.submit(() -> writeCsv(...));
 *   ConcurrentJobs.Result&lt;Row&gt; counts = jobs.submit(() -> table.agg(...).first());
 *   jobs.await();
 *   counts.get();
 * }
 * </pre>
 */
public final class ConcurrentJobs implements AutoCloseable {
  /** A submitted job's value, available once {@link #await} has returned. */
  public static final class Result<T> {
    private final Future<T> future;

    private Result(Future<T> future) {
      this.future = future;
    }

    /** The job's value; only after {@link ConcurrentJobs#await}. */
    public T get() {
      if (!future.isDone()) {
        throw new IllegalStateException("ConcurrentJobs.await() first");
      }
      try {
        return future.get();
      } catch (InterruptedException | ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private final SparkSession spark;
  private final String description;
  private final ExecutorService pool;
  private final List<Future<?>> running = new ArrayList<>();

  public ConcurrentJobs(SparkSession spark, String description) {
    this.spark = spark;
    this.description = description;
    this.pool = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "semcycle-driver-job");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts a job that yields a value. */
  public <T> Result<T> submit(Callable<T> job) {
    Future<T> f = pool.submit(() -> {
      spark.sparkContext().setJobDescription(description);
      try {
        return job.call();
      } finally {
        spark.sparkContext().setJobDescription(null);
      }
    });
    running.add(f);
    return new Result<>(f);
  }

  /** Starts a job run for its effect (a write). */
  public void submit(Runnable job) {
    submit(() -> {
      job.run();
      return null;
    });
  }

  /**
   * Waits for every job submitted so far; the first failure (in submission order) is rethrown,
   * unwrapped, once all have finished.
   */
  public void await() {
    RuntimeException failure = null;
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException re ? re
              : new IllegalStateException(description + ": " + e.getCause(), e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + description, e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
