package org.semcycle.cli;

import com.typesafe.config.Config;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.semcycle.io.DataSink;
import org.semcycle.spark.HadoopDataSink;
import org.semcycle.spark.Locations;
import org.semcycle.spark.S3Settings;
import org.semcycle.synthetic.SynthPreview;
import org.semcycle.synthetic.SynthReport;
import org.semcycle.synthetic.SynthSpec;
import org.semcycle.synthetic.SyntheticWorld;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code semcycle synth}: the embedded ShapeNet/KeypointNet-format data set. */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description = {
      "Write procedural ShapeNet-style models with KeypointNet-style keypoints.",
      "Output: OUT/ShapeNetCore.v2/ and OUT/KeypointNet/ in the public formats (see README)."
    })
public final class SynthCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "Output folder (local path, hdfs://, s3a://).")
  String out;

  @Option(names = "--categories", split = ",", description = "Categories (semcycle.synth.categories): chair,car,airplane.")
  List<String> categories;

  @Option(names = "--models-per-category", description = "Models per category (semcycle.synth.models-per-category).")
  Integer modelsPerCategory;

  @Option(names = "--threads", description = "Generator threads (semcycle.synth.threads); output does not depend on it.")
  Integer threads;

  @Option(names = "--preview", description = "Models per category drawn in OUT/preview.png, 0 for none (semcycle.synth.preview).")
  Integer preview;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("semcycle.synth.categories", categories);
    o.put("semcycle.synth.models-per-category", modelsPerCategory);
    o.put("semcycle.synth.threads", threads);
    o.put("semcycle.synth.preview", preview);
    Config c = common.load(o);
    SynthReport r = run(c, out);
    System.out.println(r.summary());
    return 0;
  }

  /** Runs synth with a loaded configuration (the demo calls this). */
  public static SynthReport run(Config c, String out) throws Exception {
    SynthSpec spec = SynthSpecs.from(c);
    DataSink sink = new HadoopDataSink(Locations.qualify(out), S3Settings.hadoopConf(c));
    System.err.printf(
        "synth: %d categories x %d models -> %s%n",
        spec.categories().size(), spec.modelsPerCategory(), Locations.qualify(out));
    SynthReport report = SyntheticWorld.write(spec, sink, c.getInt("semcycle.synth.threads"));
    System.err.println("synth: keypoint means per id " + sink.describe(SyntheticWorld.KEYPOINT_MEANS));
    int n = c.getInt("semcycle.synth.preview");
    if (n > 0) {
      sink.write("preview.png", SynthPreview.contactSheet(spec, n, 160));
      System.err.println("synth: contact sheet " + sink.describe("preview.png"));
    }
    return report;
  }
}
