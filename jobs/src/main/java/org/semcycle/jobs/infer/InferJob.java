package org.semcycle.jobs.infer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.semcycle.benchmarks.BenchmarkCategory;
import org.semcycle.embedding.KeypointRecord;
import org.semcycle.images.ImagePair;
import org.semcycle.images.ImageSet;
import org.semcycle.images.ImageTask;
import org.semcycle.images.PlainImages;
import org.semcycle.spark.ConcurrentJobs;
import org.semcycle.spark.JobOutput;
import org.semcycle.spark.HadoopDataRoot;
import org.semcycle.spark.HadoopDataSink;
import org.semcycle.spark.ShardedOutput;

/**
 * {@code semcycle infer}: the 2D-3D-2D cycle over evaluation sets, on executors. The driver
 * lists the images with each set's reader, executors run the cycle in batches ({@link
 * InferStage}), and the job writes the tables of docs/TABLES.md: {@code predictions}
 * (partitioned by dataset), {@code timings}, {@code rejects}, plus {@code timings.csv} (mean
 * milliseconds per stage and setting), {@code rejects.csv} and {@code summary.json}.
 * Every image yields, per setting, its keypoints or a reject: images x settings = (image,
 * setting) pairs with predictions + rejects.
 */
public final class InferJob {
  private InferJob() {}

  /**
   * What the job is given: each image set's root and reader (by the set's name), the models, the
   * true shapes and keypoints (for the ground-truth settings, or null), the keypoint database,
   * the categories, how many images to draw and the 2D baseline's model (or null).
   */
  public record Inputs(Map<String, HadoopDataRoot> sets, Map<String, ImageSet> readers, HadoopDataRoot models,
      HadoopDataRoot shapes, HadoopDataRoot keypoints, Map<String, String> classBySynset,
      String kpdb, List<KeypointRecord> kpdbRows, List<BenchmarkCategory> categories,
      Map<String, String> keypointNames, int visualize, HadoopDataRoot baseline) {}

  /** What the run did. */
  public record Summary(long images, long settings, long predictionRows, long predictedPairs,
      long rejectedPairs, long listingRejects, double seconds, Map<String, Double> meanStageMs) {
    public String line() {
      return String.format(Locale.ROOT,
          "infer: %d images x %d settings -> %d (image, setting) predicted (%d keypoint rows),"
              + " %d rejected, %d images not listed; %.1f s (%.2f images/s)",
          images, settings, predictedPairs, predictionRows, rejectedPairs, listingRejects,
          seconds, images / Math.max(1e-9, seconds));
    }
  }

  public static Summary run(SparkSession spark, Inputs in, InferSettings settings,
      int partitions, ShardedOutput out, HadoopDataSink sink) {
    long t0 = System.nanoTime();
    Set<String> done = new java.util.HashSet<>(out.doneKeys("predictions", "dataset", "category", "image_id", "pair_id"));
    done.addAll(out.doneKeys("rejects", "dataset", "category", "image_id", "pair_id"));
    List<ImageTask> tasks = new ArrayList<>();
    List<Row> listingRejects = new ArrayList<>();
    for (Map.Entry<String, HadoopDataRoot> e : in.sets().entrySet()) {
      ImageSet.Listing l = in.readers().get(e.getKey()).list(e.getValue(), in.categories());
      tasks.addAll(l.tasks());
      l.rejects().forEach((k, reason) -> listingRejects.add(InferTables.listingReject(e.getKey(), k, reason)));
    }
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("no image to infer in " + in.sets().values());
    }
    int listed = tasks.size();
    int listingRejectCount = listingRejects.size();
    if (!done.isEmpty()) {
      tasks.removeIf(t -> done.contains(ShardedOutput.key(t.dataset(), t.category(), t.imageId())));
      listingRejects.removeIf(r -> done.contains(ShardedOutput.key(r.getString(0), r.getString(1), r.getString(2))));
      System.err.printf(Locale.ROOT, "infer: resuming: %d of %d images already done%n",
          listed - tasks.size(), listed);
    }
    // Images of a category together: a partition's batches then use one category's nets.
    tasks.sort(Comparator.comparing(ImageTask::category).thenComparing(ImageTask::dataset)
        .thenComparing(ImageTask::imageId));
    Set<String> draw = pictureKeys(tasks, in.visualize());
    InferSettings s = settings.withVisualize(draw).withTorchThreads(torchThreads(spark, settings.torchThreads()));
    InferPictures pictures = draw.isEmpty() ? null : new InferPictures(in.sets(), sink);
    InferStage stage = new InferStage(in.sets(), in.readers(), in.models(), in.shapes(), in.keypoints(),
        in.classBySynset(), in.kpdb(), in.kpdbRows(), s, pictures);
    System.err.printf(Locale.ROOT, "infer: %d images of %s, settings %s, on %d partitions%n",
        tasks.size(), in.sets().keySet(), labels(s), partitions);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<InferStage.Result> cycle = jsc.parallelize(tasks, Math.max(1, partitions))
        .mapPartitions(stage::apply);
    // The pair sets' pairs, listed once for the 2D baseline and the cycle's pair mode.
    List<ImagePair> pairs = new ArrayList<>();
    if (in.baseline() != null || !s.pairSettings().isEmpty()) {
      for (Map.Entry<String, HadoopDataRoot> e : in.sets().entrySet()) {
        pairs.addAll(in.readers().get(e.getKey()).pairs(e.getValue(), in.categories()));
      }
      pairs.sort(Comparator.comparing(ImagePair::category));
      pairs.removeIf(p -> done.contains(ShardedOutput.key(p.dataset(), p.category(),
          ImageTask.stem(p.targetImage()), p.pairId())));
      System.err.printf(Locale.ROOT, "infer: %d pairs for %s%s%n", pairs.size(),
          in.baseline() == null ? "" : "the 2D-2D baseline (" + in.baseline().root() + ") ",
          s.pairSettings().isEmpty() ? "" : "pair mode " + s.pairSettings());
    }
    JavaRDD<InferStage.Result> results = cycle;
    if (!pairs.isEmpty() && in.baseline() != null) {
      results = results.union(jsc.parallelize(pairs, Math.max(1, partitions)).mapPartitions(
          new PairBaselineStage(in.sets(), in.baseline(), s.maxPixels(), s.keypointIds(), s.torchThreads())::apply));
    }
    if (!pairs.isEmpty() && !s.pairSettings().isEmpty()) {
      results = results.union(jsc.parallelize(pairs, Math.max(1, partitions))
          .mapPartitions(stage::applyPairs));
    }
    results = results.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      spark.sparkContext().setJobDescription("infer: the cycle");
      Dataset<Row> preds = spark.createDataFrame(results.flatMap(r -> r.predictions().iterator()),
          InferTables.PREDICTIONS);
      preds.write().mode(SaveMode.Overwrite).partitionBy("dataset").parquet(out.staged("predictions"));
      JavaRDD<Row> rejectRows = results.flatMap(r -> r.rejects().iterator())
          .union(jsc.parallelize(listingRejects, 1));
      // The side tables from the cached results, side by side (ConcurrentJobs).
      JavaRDD<InferStage.Result> cached = results;
      try (ConcurrentJobs jobs = new ConcurrentJobs(spark, "infer: viewpoints, timings and rejects")) {
        jobs.submit(() -> spark.createDataFrame(cached.flatMap(r -> r.viewpoints().iterator()), InferTables.VIEWPOINTS)
            .write().mode(SaveMode.Overwrite).parquet(out.staged("viewpoints")));
        jobs.submit(() -> spark.createDataFrame(cached.flatMap(r -> r.timings().iterator()), InferTables.TIMINGS)
            .write().mode(SaveMode.Overwrite).parquet(out.staged("timings")));
        jobs.submit(() -> spark.createDataFrame(rejectRows, InferTables.REJECTS).coalesce(1).write()
            .mode(SaveMode.Overwrite).parquet(out.staged("rejects")));
        jobs.await();
      }
      out.commit("predictions", "viewpoints", "timings", "rejects");
      // With a schema: a table with no row has no Parquet file to infer one from.
      Dataset<Row> timings = spark.read().schema(InferTables.TIMINGS).parquet(out.published("timings"));
      Dataset<Row> rejects = spark.read().schema(InferTables.REJECTS).parquet(out.published("rejects"));
      Dataset<Row> written = spark.read().schema(InferTables.PREDICTIONS).parquet(out.published("predictions"));
      Dataset<Row> viewpoints = spark.read().schema(InferTables.VIEWPOINTS).parquet(out.published("viewpoints"));
      boolean photos = in.readers().containsKey(PlainImages.NAME);
      Row counts;
      Row rejectCounts;
      List<Row> means;
      try (ConcurrentJobs jobs = new ConcurrentJobs(spark, "infer: exports and counts")) {
        jobs.submit(() -> JobOutput.singleCsvSorted(spark, timings.groupBy("setting", "stage")
            .agg(org.apache.spark.sql.functions.avg("ms").as("mean_ms"), org.apache.spark.sql.functions.count("*").as("images")),
            out.staged("timings.csv"), "setting", "stage"));
        jobs.submit(() -> JobOutput.singleCsvSorted(spark, rejects, out.staged("rejects.csv"), "dataset", "category",
            "image_id", "setting"));
        jobs.submit(() -> JobOutput.singleCsvSorted(spark, viewpoints, out.staged("viewpoints.csv"), "dataset",
            "category", "image_id", "setting"));
        if (photos) {
          jobs.submit(() -> writeJsonLines(spark, written.where(col("dataset").equalTo(PlainImages.NAME)),
              in.keypointNames(), out));
        }
        // One aggregation per table: the rows written, and the (image, setting) pairs they predict.
        ConcurrentJobs.Result<Row> c = jobs.submit(() -> written.agg(org.apache.spark.sql.functions.count("*"),
            org.apache.spark.sql.functions.countDistinct(when(col("pair_id").isNull(),
                struct("dataset", "category", "image_id", "setting")))).first());
        ConcurrentJobs.Result<Row> rc = jobs.submit(() -> rejects.agg(
            org.apache.spark.sql.functions.count(when(col("setting").isNotNull().and(col("pair_id").isNull()), 1)),
            org.apache.spark.sql.functions.count(when(col("setting").isNull(), 1))).first());
        ConcurrentJobs.Result<List<Row>> m = jobs.submit(() -> timings.where("setting = 'full'").groupBy("stage")
            .agg(org.apache.spark.sql.functions.avg("ms")).collectAsList());
        jobs.await();
        counts = c.get();
        rejectCounts = rc.get();
        means = m.get();
      }
      out.replace("timings.csv", "rejects.csv", "viewpoints.csv");
      if (photos) {
        out.replace("predictions.jsonl");
      }
      long rows = counts.getLong(0);
      long predicted = counts.getLong(1);
      long rejected = rejectCounts.getLong(0) + rejectCounts.getLong(1) * s.settings().size()
          - listingRejectCount * (long) s.settings().size();
      Map<String, Double> mean = new LinkedHashMap<>();
      for (Row r : means) {
        mean.put(r.getString(0), r.getDouble(1));
      }
      Summary sum = new Summary(listed, s.settings().size(), rows, predicted, rejected,
          listingRejectCount, (System.nanoTime() - t0) / 1e9, mean);
      InferSummaryJson.write(sink, sum, labels(s));
      return sum;
    } finally {
      spark.sparkContext().setJobDescription(null);
      results.unpersist(false);
    }
  }

  /**
   * {@code OUT/predictions.jsonl}: one JSON object per image and setting (image id = its path,
   * category, setting, keypoints with id, name, x, y, visible, confidence), for tools without
   * Parquet.
   */
  private static void writeJsonLines(SparkSession spark, Dataset<Row> preds, Map<String, String> names,
      ShardedOutput out) {
    List<Row> nameRows = new ArrayList<>();
    names.forEach((k, v) -> nameRows.add(org.apache.spark.sql.RowFactory.create(k, v)));
    Dataset<Row> n = spark.createDataFrame(nameRows, org.apache.spark.sql.types.DataTypes.createStructType(List.of(
        org.apache.spark.sql.types.DataTypes.createStructField("name_key", org.apache.spark.sql.types.DataTypes.StringType, false),
        org.apache.spark.sql.types.DataTypes.createStructField("name", org.apache.spark.sql.types.DataTypes.StringType, false))));
    Dataset<Row> rows = preds
        .withColumn("name_key", concat_ws("/", col("category"), col("keypoint_id").cast("string")))
        .join(n, seqOf("name_key"), "left")
        .groupBy("category", "image_id", "setting")
        .agg(sort_array(collect_list(struct(col("keypoint_id").as("id"), col("name"), col("x"), col("y"),
            col("visible"), col("confidence")))).as("keypoints"))
        .withColumnRenamed("image_id", "image")
        .orderBy("image", "setting");
    JobOutput.singleJson(spark, rows, out.staged("predictions.jsonl"));
  }

  private static scala.collection.immutable.Seq<String> seqOf(String... names) {
    return org.semcycle.jobs.EvaluationTables.seq(names);
  }

  /**
   * libtorch threads per task: the configured count, else spark.task.cpus, or in local[N] mode
   * the driver machine's cores over N.
   */
  static int torchThreads(SparkSession spark, int configured) {
    if (configured > 0) {
      return configured;
    }
    org.apache.spark.SparkConf conf = spark.sparkContext().getConf();
    String master = spark.sparkContext().master();
    if (master.startsWith("local")) {
      int slots = spark.sparkContext().defaultParallelism();
      return Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, slots));
    }
    return Math.max(1, conf.getInt("spark.task.cpus", 1));
  }

  /**
   * The images to draw: round robin over (dataset, category), each group in key order, so that
   * a few pictures show every category and set.
   */
  static Set<String> pictureKeys(List<ImageTask> tasks, int n) {
    Map<String, List<String>> groups = new java.util.TreeMap<>();
    tasks.stream().sorted(Comparator.comparing(ImageTask::key)).forEach(t ->
        groups.computeIfAbsent(t.dataset() + "/" + t.category(), k -> new ArrayList<>())
            .add(t.key()));
    Set<String> out = new LinkedHashSet<>();
    for (int round = 0; out.size() < n; round++) {
      boolean any = false;
      for (List<String> g : groups.values()) {
        if (round < g.size() && out.size() < n) {
          out.add(g.get(round));
          any = true;
        }
      }
      if (!any) {
        break;
      }
    }
    return out;
  }

  static List<String> labels(InferSettings s) {
    return s.settings().stream().map(c -> c.label()).toList();
  }
}
