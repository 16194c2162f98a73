package org.semcycle.cli;

import org.semcycle.jobs.ShapeTask;
import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.semcycle.benchmarks.BenchmarkSpec;
import org.semcycle.datasets.keypointnet.KeypointNetLayout;
import org.semcycle.datasets.keypointnet.SplitEntry;
import org.semcycle.datasets.keypointnet.Splits;
import org.semcycle.datasets.shapenet.ShapeNetCatalog;
import org.semcycle.datasets.shapenet.ShapeNetModel;
import org.semcycle.datasets.shapenet.SkippedModel;
import org.semcycle.jobs.BenchmarkJob;
import org.semcycle.jobs.RenderJob;
import org.semcycle.jobs.RenderTables;
import org.semcycle.spark.DataSetRoots;
import org.semcycle.spark.HadoopDataRoot;
import org.semcycle.spark.Locations;
import org.semcycle.spark.OutputMode;
import org.semcycle.spark.Sessions;
import org.semcycle.spark.ShardedOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code semcycle benchmark}: evaluation sets in the Pix3D, SPair-71k and PF-PASCAL layouts (Spark). */
@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    description = {
      "Render the KeypointNet test-split models under harder conditions (clutter, lighting, truncation,",
      "occluders) and write them as OUT/pix3d, OUT/spair, OUT/pfpascal with ground truth in each",
      "set's semcycle_gt/; OUT/rejects (Parquet), OUT/summary.json, OUT/preview.png.",
      "Published all at once; --mode resume leaves a complete OUT as it is."
    })
public final class BenchmarkCommand implements Callable<Integer> {
  @Option(
      names = "--shapes",
      required = true,
      description = "A synth output folder (with ShapeNetCore.v2/ and KeypointNet/) or a ShapeNetCore.v2 root.")
  String shapes;

  @Option(names = "--keypoints", description = "KeypointNet root with splits/test.txt (default: SHAPES/KeypointNet).")
  String keypoints;

  @Option(names = "--out", required = true, description = "Output folder (local path, hdfs://, s3a://).")
  String out;

  @Option(names = "--formats", description = "Comma-separated: pix3d,spair,pfpascal (semcycle.benchmark.formats).")
  String formats;

  @Option(names = "--images-per-model", description = "Images per test model (semcycle.benchmark.images-per-model).")
  Integer images;

  @Option(names = "--pairs-per-category", description = "SPair / PF-PASCAL test pairs per category (semcycle.benchmark.pairs-per-category).")
  Integer pairs;

  @Option(names = "--image-size", description = "Image side in pixels (semcycle.benchmark.image-size).")
  Integer imageSize;

  @Option(names = "--preview", description = "Images in OUT/preview.png (semcycle.benchmark.preview).")
  Integer preview;

  @Mixin CommonOptions common;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("semcycle.benchmark.formats", formats);
    o.put("semcycle.benchmark.images-per-model", images);
    o.put("semcycle.benchmark.pairs-per-category", pairs);
    o.put("semcycle.benchmark.image-size", imageSize);
    o.put("semcycle.benchmark.preview", preview);
    Config c = common.load(output.addTo(o));
    new Preflight(c).folderWith(shapes, "--shapes", "a ShapeNet root or a synth output; semcycle synth makes one",
        "ShapeNetCore.v2", "taxonomy.json");
    SparkSession spark = Sessions.create(c, "benchmark");
    try {
      BenchmarkJob.Summary s = run(spark, c, shapes, keypoints, out);
      System.out.println(s.line());
      return 0;
    } finally {
      spark.stop();
    }
  }

  /**
   * Locates the inputs and the test split, then runs the job (tests and the demo call this).
   * The sets are written to a staging folder and published together (all or nothing): resume
   * leaves a complete output (one with summary.json) as it is and otherwise builds it whole.
   */
  public static BenchmarkJob.Summary run(SparkSession spark, Config c, String shapes, String keypoints, String out) {
    try (ShardedOutput o = ShardedOutput.open(spark, out, OutputMode.of(c))) {
      if (o.mode() == OutputMode.RESUME && o.exists(BenchmarkJob.SUMMARY)) {
        System.err.println("benchmark: " + o.location() + " is complete; nothing to do (--mode resume)");
        return BenchmarkJob.Summary.read(Locations.root(spark, o.location()));
      }
      BenchmarkJob.Summary s = run(spark, c, shapes, keypoints, o);
      List<String> entries = new ArrayList<>(o.stagedEntries());
      entries.remove(BenchmarkJob.SUMMARY);
      entries.add(BenchmarkJob.SUMMARY);
      o.replace(entries.toArray(String[]::new));
      return s;
    }
  }

  private static BenchmarkJob.Summary run(SparkSession spark, Config c, String shapes, String keypoints, ShardedOutput out) {
    DataSetRoots roots = DataSetRoots.locate(spark, shapes, keypoints);
    HadoopDataRoot shapeRoot = roots.shapes();
    HadoopDataRoot kpRoot = roots.keypoints();
    String split = c.getString("semcycle.benchmark.split");
    int maxPerCategory = c.getInt("semcycle.benchmark.max-models-per-category");
    String testSplit = KeypointNetLayout.split(split);
    if (kpRoot == null || !kpRoot.exists(testSplit)) {
      throw new IllegalArgumentException(
          "the benchmark renders the KeypointNet " + split + " split: no " + (kpRoot == null ? "KeypointNet root (--keypoints)" : kpRoot.describe(testSplit)));
    }
    BenchmarkSpec spec = BenchmarkSpecs.from(c);
    ShapeNetCatalog catalog = ShapeNetCatalog.scan(shapeRoot);
    Map<String, SkippedModel> skipped = new LinkedHashMap<>();
    for (SkippedModel sk : catalog.skipped()) {
      skipped.put(sk.synsetId() + "-" + sk.modelId(), sk);
    }
    List<ShapeTask> tasks = new ArrayList<>();
    List<Row> rejects = new ArrayList<>();
    Map<String, Integer> perSynset = new java.util.HashMap<>();
    for (SplitEntry e : Splits.read(kpRoot, testSplit)) {
      if (maxPerCategory > 0 && perSynset.merge(e.synsetId(), 1, Integer::sum) > maxPerCategory) {
        continue;
      }
      String where = shapeRoot.describe(ShapeNetCatalog.objPath(e.synsetId(), e.modelId()));
      ShapeNetModel m = catalog.find(e.synsetId(), e.modelId()).orElse(null);
      if (spec.categoryOfSynset(e.synsetId()) == null) {
        rejects.add(RenderTables.rejectRow("benchmark", e.synsetId(), e.modelId(), where,
            "no keypoint vocabulary for synset " + e.synsetId()));
      } else if (m == null) {
        SkippedModel sk = skipped.get(e.key());
        rejects.add(RenderTables.rejectRow("catalog", e.synsetId(), e.modelId(), where,
            sk != null ? sk.reason() : "the test split names a model that ShapeNet does not have"));
      } else {
        tasks.add(new ShapeTask(m.synsetId(), m.modelId(), m.objPath(), split));
      }
    }
    int partitions = Sessions.partitions(spark, c, tasks.size());
    System.err.printf(
        "benchmark: %d %s models x %d images at %dpx from %s on %d partitions -> %s%n",
        tasks.size(), split, spec.imagesPerModel(), spec.imageSize(), shapeRoot, partitions, spec.formats());
    return BenchmarkJob.run(spark, tasks, rejects, shapeRoot, kpRoot, spec, partitions, out.stagingFolder(),
        c.getInt("semcycle.benchmark.preview"));
  }
}
