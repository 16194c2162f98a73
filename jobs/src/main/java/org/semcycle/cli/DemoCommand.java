package org.semcycle.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.semcycle.jobs.EvaluateJob;
import org.semcycle.jobs.ReportJob;
import org.semcycle.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code semcycle demo}: the whole pipeline on the embedded default, with conf/demo.conf's small
 * settings. By default on the nets shipped with the project ({@code models/standard}, made by
 * {@code train-all}): synth (held-out test models for the evaluation sets, train models for the
 * keypoint database) -> benchmark -> kpdb -> eval3d -> infer -> evaluate -> report. With {@code
 * --train quick|standard} it trains its own nets first (synth -> render -> train -> ...). It
 * fails when a run leaves ground-truth keypoints without a prediction.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run every stage on the embedded default (conf/demo.conf over conf/semcycle.conf), on the shipped",
      "nets (models/standard) unless --train says otherwise. Stages: synth -> OUT/data, benchmark ->",
      "OUT/benchmark, [render -> OUT/render, train -> OUT/models,] kpdb -> OUT/kpdb, eval3d -> OUT/eval3d,",
      "infer -> OUT/infer, evaluate -> OUT/evaluate, report -> OUT/report."
    })
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "Output folder (local path, hdfs://, s3a://).")
  String out;

  @Option(names = "--train", description = "Train the nets first with this profile (quick | standard) instead of"
      + " using the shipped ones.")
  String train;

  @Option(names = "--models", description = "The nets to use (default: the shipped models/standard; semcycle.demo.models).")
  String models;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    if (common.config == null) {
      Path dir = SemcycleConfig.confDir();
      common.config = dir != null ? dir.resolve("demo.conf") : null;
    }
    Path shipped = SemcycleConfig.home().resolve("models").resolve("standard");
    if (train == null && models == null && !Files.isDirectory(shipped)) {
      System.err.println("demo: no shipped nets at " + shipped + " (bin/semcycle train-all makes them):"
          + " training quick nets first (--train quick)");
      train = "quick";
    }
    Map<String, Object> o = new LinkedHashMap<>();
    if (train != null) {
      o.put("semcycle.train.profile", train);
    }
    Config c = common.load(o);
    if (train == null) {
      String m = models != null ? models : c.hasPath("semcycle.demo.models") ? c.getString("semcycle.demo.models")
          : shipped.toString();
      if (!Files.isDirectory(Path.of(m))) {
        throw new IllegalArgumentException("demo: no nets at " + m + " (bin/semcycle train-all makes them);"
            + " give --models DIR, or --train quick to train small nets first");
      }
      return run(c.getConfig("semcycle.demo.shipped").atKey("semcycle").withFallback(c), m);
    }
    return run(c, null);
  }

  /**
   * The demo on {@code models}, or (null) on nets it trains first with the profile: synth ->
   * benchmark [-> render -> train] -> the evaluation stages.
   */
  private int run(Config c, String models) throws Exception {
    List<String> nets = List.of("sketch", "voxel", "view", "view-sketch", "embed", "dense2d");
    boolean train = models == null;
    Stages s = new Stages(7 + (train ? 1 + nets.size() : 0));
    s.next(train ? "synth" : "synth (test models for the evaluation sets, train models for the keypoint database)");
    System.out.println(SynthCommand.run(c, out + "/data").summary());
    SparkSession spark = Sessions.create(c, "demo");
    try {
      s.next("benchmark");
      System.out.println(BenchmarkCommand.run(spark, c, out + "/data", null, out + "/benchmark").line());
      if (train) {
        s.next("render");
        System.out.println(RenderCommand.run(spark, c, out + "/data", null, out + "/render").line());
        for (String net : nets) {
          s.next("train " + net + " (" + c.getString("semcycle.train.profile") + " profile)");
          boolean embed = net.equals("embed");
          System.out.println(trainLine(net, TrainCommand.run(spark, c, net, embed ? null : out + "/render",
              embed ? out + "/data" : null, Path.of(out, "models", net), null)));
        }
      }
      return evaluate(spark, c, s, train ? out + "/models" : models);
    } finally {
      spark.stop();
      s.done(out);
    }
  }

  /** kpdb -> eval3d -> infer -> evaluate -> report on the nets in {@code models}. */
  private int evaluate(SparkSession spark, Config c, Stages s, String models) throws Exception {
    String embedder = models + "/embed";
    s.next("kpdb");
    System.out.println(KpdbCommand.run(spark, c, out + "/data", embedder, out + "/kpdb").line());
    s.next("eval3d (the embedding alone, PCK-3D)");
    System.out.println(Eval3dCommand.run(spark, c, out + "/data", null, out + "/kpdb", embedder, out + "/eval3d").line());
    s.next("infer (the 2D-3D-2D cycle, every ablation setting)");
    System.out.println(InferCommand.run(spark, c, null, out + "/benchmark", models, out + "/kpdb", out + "/data",
        null, null, out + "/infer").line());
    s.next("evaluate (PCK tables)");
    EvaluateJob.Summary ev = EvaluateJob.run(spark, EvaluateCommand.settings(c), out + "/infer",
        List.of(out + "/benchmark"), out + "/evaluate");
    System.out.println(ev.line());
    s.next("report");
    ReportJob.Summary rep = ReportJob.run(spark, ReportCommand.settings(c), out + "/evaluate", out + "/infer",
        List.of(out + "/benchmark"), out + "/report");
    System.out.print(ev.headline());
    System.out.println(rep.line());
    if (!ev.defects().isEmpty()) {
      System.err.printf("demo: FAILED: ground-truth keypoints without a prediction (neither predicted nor"
          + " rejected with a reason): %s; see %s/evaluate/summary.json%n", defects(ev), out);
      return 1;
    }
    return 0;
  }

  /** The runs with missing predictions, as "dataset run: n of N". */
  static String defects(EvaluateJob.Summary ev) {
    return String.join("; ", ev.defects().stream()
        .map(m -> m.dataset() + " " + m.label() + ": " + m.missing() + " of " + m.keypoints()).toList());
  }

  static String trainLine(String net, org.semcycle.training.TrainLoop.Summary t) {
    var last = t.rows().get(t.rows().size() - 1);
    return String.format(Locale.ROOT, "train %s: %d epochs, train loss %.4g, val loss %.4g, metrics %s",
        net, last.epoch(), last.trainLoss(), last.valLoss(), java.util.Arrays.toString(last.metrics()));
  }

  /** Numbered stage lines, and each stage's time at the end. */
  private static final class Stages {
    private final int total;
    private final long t0 = System.nanoTime();
    private final List<String> names = new ArrayList<>();
    private final List<Long> starts = new ArrayList<>();

    Stages(int total) {
      this.total = total;
    }

    void next(String name) {
      names.add(name);
      starts.add(System.nanoTime());
      System.err.printf(Locale.ROOT, "== demo stage %d/%d: %s (%.0f s so far)%n", names.size(), total, name,
          (System.nanoTime() - t0) / 1e9);
    }

    void done(String out) {
      long end = System.nanoTime();
      StringBuilder sb = new StringBuilder("demo: stage times:");
      for (int i = 0; i < names.size(); i++) {
        long next = i + 1 < starts.size() ? starts.get(i + 1) : end;
        String short_ = names.get(i).split(" ")[0];
        sb.append(String.format(Locale.ROOT, " %s %.0f s;", short_, (next - starts.get(i)) / 1e9));
      }
      System.out.println(sb);
      System.out.printf(Locale.ROOT, "demo: done in %.1f s; outputs below %s%n", (end - t0) / 1e9, out);
    }
  }
}
