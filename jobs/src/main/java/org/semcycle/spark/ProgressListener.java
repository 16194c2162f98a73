package org.semcycle.spark;

import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/** Prints task progress of each stage on stderr, at most every 2 seconds and at stage end. */
public final class ProgressListener extends SparkListener {
  private final ConcurrentHashMap<Integer, int[]> stages = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, String> names = new ConcurrentHashMap<>();
  private volatile long lastPrint;

  static void attach(SparkSession s) {
    if (!Boolean.getBoolean("semcycle.quiet")) {
      s.sparkContext().addSparkListener(new ProgressListener());
    }
  }

  private final ConcurrentHashMap<Integer, String> jobOfStage = new ConcurrentHashMap<>();

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
    stages.put(id, new int[] {0, e.stageInfo().numTasks()});
    names.put(id, jobOfStage.getOrDefault(id, shortName(e.stageInfo().name())));
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd e) {
    int[] st = stages.get(e.stageId());
    if (st == null) {
      return;
    }
    synchronized (st) {
      st[0]++;
    }
    long now = System.currentTimeMillis();
    if (now - lastPrint > 2000) {
      lastPrint = now;
      System.err.printf("  [spark] %s: %d/%d tasks%n", names.get(e.stageId()), st[0], st[1]);
    }
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted e) {
    int[] st = stages.remove(e.stageInfo().stageId());
    String name = names.remove(e.stageInfo().stageId());
    jobOfStage.remove(e.stageInfo().stageId());
    if (st != null && st[1] > 1) {
      System.err.printf("  [spark] %s: done (%d tasks)%n", name, st[1]);
    }
  }

  private static String shortName(String n) {
    int at = n.indexOf(" at ");
    return at > 0 ? n.substring(0, at) : n;
  }
}
