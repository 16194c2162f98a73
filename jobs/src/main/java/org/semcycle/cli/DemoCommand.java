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
 * settings. Stages join as they land: today synth, render, benchmark.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run every stage on the embedded default (conf/demo.conf over conf/semcycle.conf).",
      "Stages: synth -> OUT/data, render -> OUT/render, benchmark -> OUT/benchmark."
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
    } finally {
      spark.stop();
    }
    System.out.printf("demo: done in %.1f s; outputs below %s%n", (System.nanoTime() - t0) / 1e9, out);
    return 0;
  }

  private static void stage(int n, String name) {
    System.err.printf("== demo stage %d: %s%n", n, name);
  }
}
