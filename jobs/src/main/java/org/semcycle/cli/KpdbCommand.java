package org.semcycle.cli;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.semcycle.datasets.keypointnet.AnnotationReader;
import org.semcycle.datasets.keypointnet.ModelAnnotation;
import org.semcycle.datasets.keypointnet.SplitEntry;
import org.semcycle.datasets.keypointnet.Splits;
import org.semcycle.jobs.KpdbJob;
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

/** {@code semcycle kpdb}: the keypoint embedding database as Parquet (Spark). */
@Command(
    name = "kpdb",
    mixinStandardHelpOptions = true,
    description = {
      "Embed every keypoint of every database model with a trained KeypointEmbedder.",
      "Writes OUT/keypoints (synset, model_id, semantic_id, xyz, embedding), OUT/summary",
      "(mean embedding, count, spread per synset and semantic id), OUT/summary.csv, OUT/rejects.",
      "--mode resume embeds only the models OUT does not have yet."
    })
public final class KpdbCommand implements Callable<Integer> {
  @Option(names = "--keypoints", required = true, description = "KeypointNet root, or a synth output folder that holds KeypointNet/.")
  String keypoints;

  @Option(names = "--embedder", required = true, description = "Embedder model folder (from train --net embed).")
  String embedder;

  @Option(names = "--out", required = true, description = "Output folder (local path, hdfs://, s3a://).")
  String out;

  @Option(names = "--split", description = "Database models: train, val, test or all (semcycle.kpdb.split).")
  String split;

  @Mixin CommonOptions common;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("semcycle.kpdb.split", split);
    Config c = common.load(output.addTo(o));
    Preflight check = new Preflight(c);
    check.folderWith(keypoints, "--keypoints", "a KeypointNet root or a synth output", "KeypointNet", "annotations");
    check.folderWith(embedder, "--embedder", "a trained embedder; semcycle train --net embed makes one",
        "embedder.json");
    SparkSession spark = Sessions.create(c, "kpdb");
    try {
      System.out.println(run(spark, c, keypoints, embedder, out).line());
      return 0;
    } finally {
      spark.stop();
    }
  }

  public static KpdbJob.Summary run(SparkSession spark, Config c, String keypoints, String embedder, String out) {
    HadoopDataRoot root = DataSetRoots.keypointNet(spark, keypoints);
    String split = c.getString("semcycle.kpdb.split");
    Catalog catalog = catalog(root, split, c.getInt("semcycle.kpdb.max-models-per-category"));
    List<KpdbJob.ModelTask> tasks = catalog.tasks();
    int partitions = Sessions.partitions(spark, c, tasks.size());
    System.err.printf("kpdb: %d %s models from %s with %s on %d partitions%n", tasks.size(), split, root, embedder, partitions);
    try (ShardedOutput o = ShardedOutput.open(spark, out, OutputMode.of(c))) {
      return KpdbJob.run(
          spark, tasks, catalog.rejects(), root, Locations.root(spark, embedder), c.getInt("semcycle.kpdb.batch-size"),
          partitions, o);
    }
  }

  /** The database models, and a reject row for each annotation file that cannot be read. */
  public record Catalog(List<KpdbJob.ModelTask> tasks, List<Row> rejects) {}

  /**
   * The database models: every annotated model of the split ("all": every split), in file order,
   * at most {@code maxPerCategory} of each category (0: all).
   * An annotation file that does not parse (bad JSON, not UTF-8, a bad field) becomes a reject
   * row (stage "catalog", the file, the reason) and the other files are still read.
   */
  public static Catalog catalog(HadoopDataRoot root, String split, int maxPerCategory) {
    Map<String, String> splitOf = new HashMap<>();
    for (String name : Splits.NAMES) {
      String rel = "splits/" + name + ".txt";
      if (root.exists(rel)) {
        for (SplitEntry e : Splits.read(root, rel)) {
          splitOf.put(e.key(), name);
        }
      }
    }
    List<KpdbJob.ModelTask> tasks = new ArrayList<>();
    List<Row> rejects = new ArrayList<>();
    for (String file : root.list("annotations")) {
      if (!file.endsWith(".json")) {
        continue;
      }
      String rel = "annotations/" + file;
      List<ModelAnnotation> models;
      try {
        models = AnnotationReader.read(root, rel);
      } catch (RuntimeException e) {
        rejects.add(RenderTables.rejectRow("catalog", null, null, root.describe(rel), KpdbJob.reason(e)));
        continue;
      }
      int taken = 0;
      for (ModelAnnotation a : models) {
        String s = splitOf.get(a.classId() + "-" + a.modelId());
        if ((split.equals("all") || split.equals(s)) && (maxPerCategory <= 0 || taken++ < maxPerCategory)) {
          tasks.add(new KpdbJob.ModelTask(a.classId(), a.modelId(), s, rel));
        }
      }
    }
    return new Catalog(tasks, rejects);
  }
}
