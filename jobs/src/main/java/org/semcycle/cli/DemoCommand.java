package org.semcycle.cli;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.semcycle.jobs.BenchmarkJob;
import org.semcycle.jobs.RenderJob;
import org.semcycle.spark.Sessions;
import org.semcycle.synthetic.SynthReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code semcycle demo}: the whole pipeline on the embedded default, with conf/demo.conf's small
 * settings. Stages join as they land: synth, render, benchmark, train, kpdb, eval3d.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run every stage on the embedded default (conf/demo.conf over conf/semcycle.conf).",
      "Stages: synth -> OUT/data, render -> OUT/render, benchmark -> OUT/benchmark,",
      "train (quick profile) -> OUT/models/{sketch,voxel,view,view-sketch,embed}, kpdb -> OUT/kpdb,",
      "eval3d -> OUT/eval3d, infer -> OUT/infer, evaluate -> OUT/evaluate, report -> OUT/report."
    })
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "Output folder (local path, hdfs://, s3a://).")
  String out;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    if (common.config == null) {
      Path dir = SemcycleConfig.confDir();
      common.config = dir != null ? dir.resolve("demo.conf") : null;
    }
    Config c = common.load(Map.of());
    long t0 = System.nanoTime();
    stage(1, "synth");
    SynthReport synth = SynthCommand.run(c, out + "/data");
    System.out.println(synth.summary());
    SparkSession spark = Sessions.create(c, "demo");
    try {
      stage(2, "render");
      RenderJob.Summary render = RenderCommand.run(spark, c, out + "/data", null, out + "/render");
      System.out.println(render.line());
      stage(3, "benchmark");
      BenchmarkJob.Summary bench = BenchmarkCommand.run(spark, c, out + "/data", null, out + "/benchmark");
      System.out.println(bench.line());
      int n = 4;
      for (String net : java.util.List.of("sketch", "voxel", "view", "view-sketch", "embed", "dense2d")) {
        stage(n++, "train " + net + " (" + c.getString("semcycle.train.profile") + " profile)");
        boolean embed = net.equals("embed");
        org.semcycle.training.TrainLoop.Summary t =
            TrainCommand.run(
                spark, c, net, embed ? null : out + "/render", embed ? out + "/data" : null,
                Path.of(out, "models", net), null);
        System.out.println(trainLine(net, t));
      }
      stage(n++, "kpdb");
      System.out.println(KpdbCommand.run(spark, c, out + "/data", out + "/models/embed", out + "/kpdb").line());
      stage(n++, "eval3d (the embedding alone, PCK-3D)");
      System.out.println(
          Eval3dCommand.run(spark, c, out + "/data", null, out + "/kpdb", out + "/models/embed", out + "/eval3d").line());
      stage(n++, "infer (the 2D-3D-2D cycle, every ablation setting)");
      System.out.println(InferCommand.run(spark, c, null, out + "/benchmark", out + "/models",
          out + "/kpdb", out + "/data", null, null, out + "/infer").line());
      stage(n++, "evaluate (PCK tables)");
      org.semcycle.jobs.EvaluateJob.Summary ev = org.semcycle.jobs.EvaluateJob.run(spark,
          EvaluateCommand.settings(c), out + "/infer", java.util.List.of(out + "/benchmark"),
          out + "/evaluate");
      System.out.println(ev.line());
      stage(n, "report");
      org.semcycle.jobs.ReportJob.Summary rep = org.semcycle.jobs.ReportJob.run(spark,
          ReportCommand.settings(c), out + "/evaluate", out + "/infer",
          java.util.List.of(out + "/benchmark"), out + "/report");
      System.out.print(ev.headline());
      System.out.println(rep.line());
      if (!ev.defects().isEmpty()) {
        System.err.printf("demo: FAILED: ground-truth keypoints without a prediction (neither predicted nor"
            + " rejected with a reason): %s; see %s/evaluate/summary.json%n", defects(ev), out);
        return 1;
      }
    } finally {
      spark.stop();
    }
    System.out.printf("demo: done in %.1f s; outputs below %s%n", (System.nanoTime() - t0) / 1e9, out);
    return 0;
  }

  /** The runs with missing predictions, as "dataset run: n of N". */
  static String defects(org.semcycle.jobs.EvaluateJob.Summary ev) {
    return String.join("; ", ev.defects().stream()
        .map(m -> m.dataset() + " " + m.label() + ": " + m.missing() + " of " + m.keypoints()).toList());
  }

  static String trainLine(String net, org.semcycle.training.TrainLoop.Summary t) {
    var last = t.rows().get(t.rows().size() - 1);
    return String.format(
        java.util.Locale.ROOT, "train %s: %d epochs, train loss %.4g, val loss %.4g, metrics %s",
        net, last.epoch(), last.trainLoss(), last.valLoss(), java.util.Arrays.toString(last.metrics()));
  }

  private static void stage(int n, String name) {
    System.err.printf("== demo stage %d: %s%n", n, name);
  }
}
