package org.semcycle.cli;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.semcycle.jobs.ReportJob;
import org.semcycle.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code semcycle report}: an HTML report of an evaluate output. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "An HTML report (OUT/index.html, pictures beside it) of an evaluate output: counts, the paper's",
      "tables, PCK curves, example pictures and the worst images of every data set and run by",
      "per-image PCK@headline-alpha (tau img), drawn from the evaluation sets' images."
    })
public final class ReportCommand implements Callable<Integer> {
  @Option(names = "--evaluation", required = true, description = "Output folder of semcycle evaluate.")
  String evaluation;

  @Option(names = "--predictions", description = "infer's output (draws every predicted keypoint, not only scored ones).")
  String predictions;

  @Option(names = "--ground-truth", arity = "1..*",
      description = "Where the evaluation sets are now (default: where evaluate read them).")
  List<String> groundTruth = new ArrayList<>();

  @Option(names = "--out", required = true, description = "Output folder of the report.")
  String out;

  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    Config c = common.load(new LinkedHashMap<>());
    new Preflight(c).folderWith(evaluation, "--evaluation", "an evaluate output; semcycle evaluate makes one",
        "summary.json");
    SparkSession spark = Sessions.create(c, "report");
    try {
      ReportJob.Summary s = ReportJob.run(spark, settings(c), evaluation, predictions, groundTruth, out);
      System.out.println(s.line());
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** {@code semcycle.evaluation.report.*} and the headline alpha. */
  public static ReportJob.Settings settings(Config c) {
    Config e = c.getConfig("semcycle.evaluation");
    return new ReportJob.Settings(e.getInt("report.examples"), e.getInt("report.failures"), e.getDouble("headline-alpha"));
  }
}
