package org.semcycle.spark;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Prints each stage's task progress on stderr, at most every 2 seconds and when a stage of more
 * than one task ends, named by the job's description (what the semcycle job set with {@code
 * setJobDescription}, e.g. "infer: the cycle") and with an estimate of the time left from the
 * rate of finished tasks. Stages of jobs without a description (Spark's own bookkeeping) are
 * counted but not printed.
 */
public final class ProgressListener extends SparkListener {
  private record Stage(String name, int total, long start, int[] done) {}

  private final ConcurrentHashMap<Integer, Stage> stages = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, String> jobOfStage = new ConcurrentHashMap<>();
  private volatile long lastPrint;

  static void attach(SparkSession s) {
    if (!Boolean.getBoolean("semcycle.quiet")) {
      s.sparkContext().addSparkListener(new ProgressListener());
    }
  }

  @Override
  public void onJobStart(SparkListenerJobStart e) {
    String d = e.properties() == null ? null : e.properties().getProperty("spark.job.description");
    if (d != null) {
      scala.jdk.javaapi.CollectionConverters.asJava(e.stageIds()).forEach(id -> jobOfStage.put((Integer) id, d));
    }
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted e) {
    int id = e.stageInfo().stageId();
    stages.put(id, new Stage(jobOfStage.get(id), e.stageInfo().numTasks(), System.nanoTime(), new int[1]));
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd e) {
    Stage st = stages.get(e.stageId());
    if (st == null) {
      return;
    }
    int done;
    synchronized (st.done()) {
      done = ++st.done()[0];
    }
    long now = System.currentTimeMillis();
    if (st.name() != null && done < st.total() && now - lastPrint > 2000) {
      lastPrint = now;
      double elapsed = (System.nanoTime() - st.start()) / 1e9;
      double eta = elapsed / done * (st.total() - done);
      System.err.printf(Locale.ROOT, "  [spark] %s: %d/%d tasks, %.0f s, about %.0f s left%n", st.name(), done,
          st.total(), elapsed, eta);
    }
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted e) {
    Stage st = stages.remove(e.stageInfo().stageId());
    jobOfStage.remove(e.stageInfo().stageId());
    if (st != null && st.name() != null && st.total() > 1) {
      System.err.printf(Locale.ROOT, "  [spark] %s: done (%d tasks in %.1f s)%n", st.name(), st.total(),
          (System.nanoTime() - st.start()) / 1e9);
    }
  }
}
