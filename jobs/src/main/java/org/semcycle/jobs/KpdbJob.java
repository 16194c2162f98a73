package org.semcycle.jobs;

import org.semcycle.spark.JobOutput;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import ai.djl.Device;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.semcycle.datasets.keypointnet.AnnotationReader;
import org.semcycle.datasets.keypointnet.KeypointNetLayout;
import org.semcycle.datasets.keypointnet.ModelAnnotation;
import org.semcycle.datasets.keypointnet.PcdReader;
import org.semcycle.datasets.keypointnet.PointCloud;
import org.semcycle.embedding.EmbeddingNet;
import org.semcycle.embedding.KeypointDatabase;
import org.semcycle.embedding.KeypointRecord;
import org.semcycle.embedding.PointNormalizer;
import org.semcycle.networks.DjlRuntime;
import org.semcycle.spark.HadoopDataRoot;
import org.semcycle.spark.OutputMode;
import org.semcycle.spark.ShardedOutput;
import org.semcycle.spark.dl.Batches;
import org.semcycle.spark.dl.ExecutorModels;
import org.semcycle.spark.dl.LocalModelCopies;
import org.semcycle.spark.dl.TaskDevice;

/**
 * {@code semcycle kpdb}: the KeypointNet embedding database. Each database model's point cloud
 * is embedded (the embedder loaded once per executor JVM and device, models batched), and each
 * keypoint takes the embedding of its PCD point. Writes every keypoint's embedding
 * (kpdb/keypoints), the per-(synset, semantic id) summary (kpdb/summary, plus summary.csv), and
 * rejects for unreadable models.
 */
public final class KpdbJob {
  private KpdbJob() {}

  public static final StructType KEYPOINTS =
      createStructType(
          List.of(
              createStructField("synset", StringType, false),
              createStructField("model_id", StringType, false),
              createStructField("split", StringType, true),
              createStructField("semantic_id", IntegerType, false),
              createStructField("xyz", createArrayType(FloatType, false), false),
              createStructField("embedding", createArrayType(FloatType, false), false)));

  /** One database model: its synset, id, split, and the class file that annotates it. */
  public record ModelTask(String synset, String modelId, String split, String annotationFile) implements Serializable {}

  record Result(List<Row> keypoints, Row reject) implements Serializable {}

  /** Counts of the published tables and how many models this run embedded. */
  public record Summary(long models, long keypoints, long rejects, long computed, double seconds) {
    public String line() {
      return String.format(
          "kpdb: %d models -> %d keypoint embeddings, %d rejects (%d models computed) in %.1f s (%.1f rows/s)",
          models, keypoints, rejects, computed, seconds, keypoints / Math.max(seconds, 1e-9));
    }
  }

  /** The tables of the kpdb job; keypoints and rejects are sharded by (synset, model_id). */
  public static final String TABLE = "keypoints";
  public static final String REJECTS = "rejects";

  /** {@link #run(SparkSession, List, List, HadoopDataRoot, HadoopDataRoot, int, int, ShardedOutput)}, overwriting {@code out}. */
  public static Summary run(
      SparkSession spark, List<ModelTask> tasks, HadoopDataRoot keypoints, HadoopDataRoot embedder,
      int batchSize, int partitions, String out) {
    try (ShardedOutput o = ShardedOutput.open(spark, out, OutputMode.OVERWRITE)) {
      return run(spark, tasks, List.of(), keypoints, embedder, batchSize, partitions, o);
    }
  }

  /**
   * Embeds the tasks' keypoints and publishes keypoints and rejects, then rebuilds the summary
   * (Parquet and CSV) from the published keypoints. When resuming, a model is done when it has
   * keypoint rows or a reject row; only the others are embedded. {@code driverRejects} (stage
   * "catalog": annotation files that cannot be read) join the rejects, once.
   */
  public static Summary run(
      SparkSession spark, List<ModelTask> tasks, List<Row> driverRejects, HadoopDataRoot keypoints,
      HadoopDataRoot embedder, int batchSize, int partitions, ShardedOutput out) {
    long t0 = System.nanoTime();
    Set<String> done = new HashSet<>(out.doneKeys(TABLE, "synset", "model_id"));
    done.addAll(out.doneKeys(REJECTS, "synset", "model_id"));
    List<ModelTask> todo = tasks.stream().filter(t -> !done.contains(ShardedOutput.key(t.synset(), t.modelId()))).toList();
    Set<String> rejectedFiles = out.doneKeys(REJECTS, "stage", "path");
    List<Row> newRejects = driverRejects.stream()
        .filter(r -> !rejectedFiles.contains(ShardedOutput.key(r.getString(0), r.getString(3)))).toList();
    try {
      if (!todo.isEmpty() || !newRejects.isEmpty() || !out.exists(TABLE)) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Stage stage = new Stage(keypoints, embedder, batchSize);
        JavaRDD<Result> results =
            jsc.parallelize(todo, Math.max(1, Math.min(partitions, Math.max(1, todo.size()))))
                .mapPartitions(stage::apply).persist(StorageLevel.MEMORY_AND_DISK());
        try {
          spark.sparkContext().setJobDescription("kpdb: embed keypoints");
          Dataset<Row> rows = spark.createDataFrame(results.flatMap(r -> r.keypoints().iterator()), KEYPOINTS);
          rows.write().mode(SaveMode.Overwrite).partitionBy("synset").parquet(out.staged(TABLE));
          spark.sparkContext().setJobDescription("kpdb: rejects");
          Dataset<Row> rejects =
              spark.createDataFrame(results.filter(r -> r.reject() != null).map(Result::reject)
                  .union(jsc.parallelize(newRejects, 1)), RenderTables.REJECTS);
          rejects.coalesce(1).write().mode(SaveMode.Overwrite).parquet(out.staged(REJECTS));
        } finally {
          results.unpersist(false);
        }
        out.commit(TABLE, REJECTS);
      }
      spark.sparkContext().setJobDescription("kpdb: summary");
      Dataset<Row> written = spark.read().parquet(out.published(TABLE));
      Dataset<Row> summary = summarize(written);
      summary.coalesce(1).write().mode(SaveMode.Overwrite).parquet(out.staged("summary"));
      JobOutput.singleCsv(spark, summary
          .selectExpr("synset", "semantic_id", "count", "spread", "array_join(transform(mean_embedding, x -> cast(x as string)), ';') as mean_embedding")
          .orderBy("synset", "semantic_id"), out.staged("summary.csv"));
      out.replace("summary", "summary.csv");
      long n = written.count();
      long nr = spark.read().parquet(out.published(REJECTS)).count();
      return new Summary(tasks.size() + driverRejects.size(), n, nr, todo.size(), (System.nanoTime() - t0) / 1e9);
    } finally {
      spark.sparkContext().setJobDescription(null);
    }
  }

  /** The reason of a reject row: the exception's message, or its class when it has none. */
  public static String reason(Throwable e) {
    return JobOutput.reason(e);
  }

  /**
   * Per (synset, semantic id): the mean embedding (element-wise), the count, and the spread
   * (root mean squared distance to the mean: sqrt(E|e|^2 - |E e|^2)).
   */
  static Dataset<Row> summarize(Dataset<Row> keypoints) {
    Dataset<Row> perDim =
        keypoints
            .selectExpr("synset", "semantic_id", "posexplode(embedding) as (pos, v)")
            .groupBy("synset", "semantic_id", "pos")
            .agg(org.apache.spark.sql.functions.avg("v").as("m"));
    Dataset<Row> means =
        perDim
            .groupBy("synset", "semantic_id")
            .agg(org.apache.spark.sql.functions.expr("array_sort(collect_list(struct(pos, m)))").as("pm"))
            .selectExpr("synset", "semantic_id", "transform(pm, x -> cast(x.m as float)) as mean_embedding");
    Dataset<Row> counts =
        keypoints
            .selectExpr("synset", "semantic_id", "aggregate(embedding, 0D, (a, x) -> a + x * x) as sq")
            .groupBy("synset", "semantic_id")
            .agg(org.apache.spark.sql.functions.count("*").as("count"), org.apache.spark.sql.functions.avg("sq").as("msq"));
    return means
        .join(counts, scala.jdk.javaapi.CollectionConverters.asScala(List.of("synset", "semantic_id")).toSeq())
        .selectExpr(
            "synset", "semantic_id", "mean_embedding", "count",
            "cast(sqrt(greatest(0D, msq - aggregate(mean_embedding, 0D, (a, x) -> a + x * x))) as float) as spread");
  }

  /** Embeds each partition's models in batches; unreadable models become rejects. */
  static final class Stage implements Serializable {
    private static final long serialVersionUID = 1L;
    private final HadoopDataRoot keypoints;
    private final HadoopDataRoot embedder;
    private final int batchSize;

    Stage(HadoopDataRoot keypoints, HadoopDataRoot embedder, int batchSize) {
      this.keypoints = keypoints;
      this.embedder = embedder;
      this.batchSize = batchSize;
    }

    Iterator<Result> apply(Iterator<ModelTask> tasks) {
      DjlRuntime.inferenceMode();
      Device device = TaskDevice.current();
      EmbeddingNet net =
          ExecutorModels.get(embedder.root(), device, d -> load(embedder, d));
      Map<String, Map<String, ModelAnnotation>> annotations = new HashMap<>();
      List<Result> out = new ArrayList<>();
      Iterator<List<ModelTask>> batches = Batches.of(tasks, batchSize);
      while (batches.hasNext()) {
        List<ModelTask> batch = batches.next();
        List<ModelAnnotation> anns = new ArrayList<>();
        List<ModelTask> ok = new ArrayList<>();
        List<float[]> clouds = new ArrayList<>();
        for (ModelTask t : batch) {
          try {
            ModelAnnotation a = annotation(annotations, t);
            PointCloud pcd = PcdReader.read(keypoints, KeypointNetLayout.pcd(t.synset(), t.modelId()));
            if (!clouds.isEmpty() && pcd.size() != clouds.get(0).length / 3) {
              // Clouds of another size go in a batch of their own.
              out.addAll(embed(net, List.of(t), List.of(a), List.of(PointNormalizer.normalise(pcd.xyz()))));
              continue;
            }
            anns.add(a);
            ok.add(t);
            clouds.add(PointNormalizer.normalise(pcd.xyz()));
          } catch (RuntimeException e) {
            out.add(reject(t, e));
          }
        }
        if (!ok.isEmpty()) {
          out.addAll(embed(net, ok, anns, clouds));
        }
      }
      return out.iterator();
    }

    private List<Result> embed(EmbeddingNet net, List<ModelTask> ok, List<ModelAnnotation> anns, List<float[]> clouds) {
      int n = clouds.get(0).length / 3;
      float[] packed = new float[clouds.size() * n * 3];
      for (int b = 0; b < clouds.size(); b++) {
        System.arraycopy(clouds.get(b), 0, packed, b * n * 3, n * 3);
      }
      float[] emb = net.embedNormalised(packed, clouds.size(), n);
      int d = net.dim();
      List<Result> out = new ArrayList<>();
      for (int b = 0; b < ok.size(); b++) {
        ModelTask t = ok.get(b);
        try {
          float[] one = new float[n * d];
          System.arraycopy(emb, b * n * d, one, 0, n * d);
          List<Row> rows = new ArrayList<>();
          for (KeypointRecord r : KeypointDatabase.builder().addModel(anns.get(b), one, d).build().rows()) {
            rows.add(RowFactory.create(t.synset(), t.modelId(), t.split(), r.semanticId(), r.xyz(), r.embedding()));
          }
          out.add(new Result(rows, null));
        } catch (RuntimeException e) {
          out.add(reject(t, e));
        }
      }
      return out;
    }

    private Result reject(ModelTask t, RuntimeException e) {
      return new Result(
          List.of(),
          RenderTables.rejectRow("kpdb", t.synset(), t.modelId(), keypoints.describe(KeypointNetLayout.pcd(t.synset(), t.modelId())), reason(e)));
    }

    private ModelAnnotation annotation(Map<String, Map<String, ModelAnnotation>> cache, ModelTask t) {
      Map<String, ModelAnnotation> m =
          cache.computeIfAbsent(
              t.annotationFile(),
              f -> {
                Map<String, ModelAnnotation> map = new HashMap<>();
                for (ModelAnnotation a : AnnotationReader.read(keypoints, f)) {
                  map.put(a.modelId(), a);
                }
                return map;
              });
      ModelAnnotation a = m.get(t.modelId());
      if (a == null) {
        throw new IllegalArgumentException(keypoints.describe(t.annotationFile()) + ": no annotation for model " + t.modelId());
      }
      return a;
    }

    private static EmbeddingNet load(HadoopDataRoot dir, Device d) {
      try {
        return EmbeddingNet.load(LocalModelCopies.local(dir), d);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load the embedder at " + dir.root(), e);
      }
    }
  }
}
