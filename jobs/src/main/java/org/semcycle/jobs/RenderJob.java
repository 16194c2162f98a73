package org.semcycle.jobs;

import org.semcycle.datasets.keypointnet.AnnotationIndex;
import org.semcycle.spark.JobOutput;
import java.io.Serializable;
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
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.semcycle.datasets.keypointnet.AnnotationReader;
import org.semcycle.datasets.keypointnet.KeypointNetLayout;
import org.semcycle.datasets.keypointnet.ModelAnnotation;
import org.semcycle.datasets.shapenet.ObjReader;
import org.semcycle.datasets.shapenet.ShapeNetModel;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.MeshOps;
import org.semcycle.rendering.VoxelGrid;
import org.semcycle.rendering.dataset.ModelViewRenderer;
import org.semcycle.rendering.dataset.RenderedView;
import org.semcycle.rendering.dataset.ViewRenderSpec;
import org.semcycle.spark.HadoopDataRoot;
import org.semcycle.spark.OutputMode;
import org.semcycle.spark.ShardedOutput;

/**
 * {@code semcycle render}: every model x K views (RGB, depth, normals, silhouette, keypoints
 * with visibility) and each model's canonical voxel grid, as Parquet; models that cannot be
 * rendered become rows of the rejects table with the reason. Seeds come from (seed, synset,
 * model, view), so the tables do not depend on the number of partitions.
 */
public final class RenderJob {
  private RenderJob() {}

  /** What one model produced: its view rows and voxel row, or a reject row. */
  record ModelResult(List<Row> views, Row voxels, Row reject) implements Serializable {}

  /**
   * Counts of the published tables, and how many models this run computed (all of them when
   * overwriting; only the missing ones when resuming).
   */
  public record Summary(long models, long views, long voxels, long rejects, long computed, double seconds) {
    public String line() {
      return String.format(
          "render: %d models -> %d views, %d voxel grids, %d rejects (%d models computed) in %.1f s (%.2f views/s)",
          models, views, voxels, rejects, computed, seconds, views / Math.max(seconds, 1e-9));
    }
  }

  /** The tables of the render job; a model's shard key is (synset, model_id). */
  public static final String VIEWS = "views";
  public static final String VOXELS = "voxels";
  public static final String REJECTS = "rejects";

  /** {@link #run(SparkSession, List, List, HadoopDataRoot, HadoopDataRoot, Map, ViewRenderSpec, int, ShardedOutput)}, overwriting {@code out}. */
  public static Summary run(
      SparkSession spark,
      List<ShapeTask> tasks,
      List<Row> catalogRejects,
      HadoopDataRoot shapes,
      HadoopDataRoot keypoints,
      Map<String, String> classBySynset,
      ViewRenderSpec spec,
      int partitions,
      String out) {
    try (ShardedOutput o = ShardedOutput.open(spark, out, OutputMode.OVERWRITE)) {
      return run(spark, tasks, catalogRejects, shapes, keypoints, classBySynset, spec, partitions, o);
    }
  }

  /**
   * Renders {@code tasks} and publishes {@code views}, {@code voxels}, {@code rejects} in {@code
   * out}. {@code catalogRejects} (e.g. model folders without an OBJ) go to the rejects table too.
   * When resuming, a model is done when it has a voxel grid or a reject row (a rendered model
   * always has a voxel grid); only the others are rendered, and rows are added to the tables.
   */
  public static Summary run(
      SparkSession spark,
      List<ShapeTask> tasks,
      List<Row> catalogRejects,
      HadoopDataRoot shapes,
      HadoopDataRoot keypoints,
      Map<String, String> classBySynset,
      ViewRenderSpec spec,
      int partitions,
      ShardedOutput out) {
    long t0 = System.nanoTime();
    Set<String> rejected = out.doneKeys(REJECTS, "synset", "model_id");
    Set<String> done = new HashSet<>(out.doneKeys(VOXELS, "synset", "model_id"));
    done.addAll(rejected);
    List<ShapeTask> todo = tasks.stream().filter(t -> !done.contains(ShardedOutput.key(t.synset(), t.modelId()))).toList();
    List<Row> newRejects = catalogRejects.stream()
        .filter(r -> !rejected.contains(ShardedOutput.key(r.getString(1), r.getString(2)))).toList();
    if (!todo.isEmpty() || !newRejects.isEmpty() || !out.exists(VIEWS)) {
      write(spark, todo, newRejects, new Stage(shapes, keypoints, new HashMap<>(classBySynset), spec), partitions, out);
      out.commit(VIEWS, VOXELS, REJECTS);
    }
    long nViews = spark.read().parquet(out.published(VIEWS)).count();
    long nVox = spark.read().parquet(out.published(VOXELS)).count();
    long nRej = spark.read().parquet(out.published(REJECTS)).count();
    return new Summary(tasks.size() + catalogRejects.size(), nViews, nVox, nRej, todo.size(),
        (System.nanoTime() - t0) / 1e9);
  }

  /** Renders the tasks and writes the three tables into the output's staging folder. */
  private static void write(
      SparkSession spark, List<ShapeTask> tasks, List<Row> driverRejects, Stage stage, int partitions, ShardedOutput out) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<ModelResult> results =
        jsc.parallelize(tasks, Math.max(1, Math.min(partitions, Math.max(1, tasks.size()))))
            .mapPartitions(stage::apply).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      spark.sparkContext().setJobDescription("render: views");
      Dataset<Row> views =
          spark.createDataFrame(results.flatMap(r -> r.views().iterator()), RenderTables.VIEWS);
      views.write().mode(SaveMode.Overwrite).partitionBy("synset").parquet(out.staged(VIEWS));
      spark.sparkContext().setJobDescription("render: voxels");
      Dataset<Row> voxels =
          spark.createDataFrame(
              results.filter(r -> r.voxels() != null).map(ModelResult::voxels), RenderTables.VOXELS);
      voxels.write().mode(SaveMode.Overwrite).partitionBy("synset").parquet(out.staged(VOXELS));
      spark.sparkContext().setJobDescription("render: rejects");
      JavaRDD<Row> rejectRows =
          results.filter(r -> r.reject() != null).map(ModelResult::reject).union(jsc.parallelize(driverRejects, 1));
      Dataset<Row> rejects = spark.createDataFrame(rejectRows, RenderTables.REJECTS);
      rejects.coalesce(1).write().mode(SaveMode.Overwrite).parquet(out.staged(REJECTS));
    } finally {
      spark.sparkContext().setJobDescription(null);
      results.unpersist(false);
    }
  }

  /** The per-partition stage: load each model, render its views, voxelise it. */
  static final class Stage implements Serializable {
    private static final long serialVersionUID = 1L;
    private final HadoopDataRoot shapes;
    private final HadoopDataRoot keypoints;
    private final HashMap<String, String> classBySynset;
    private final ViewRenderSpec spec;

    Stage(HadoopDataRoot shapes, HadoopDataRoot keypoints, HashMap<String, String> classBySynset, ViewRenderSpec spec) {
      this.shapes = shapes;
      this.keypoints = keypoints;
      this.classBySynset = classBySynset;
      this.spec = spec;
    }

    Iterator<ModelResult> apply(Iterator<ShapeTask> tasks) {
      ModelViewRenderer renderer = new ModelViewRenderer(spec);
      AnnotationIndex annotations = new AnnotationIndex(keypoints, classBySynset);
      List<ModelResult> out = new ArrayList<>();
      while (tasks.hasNext()) {
        out.add(renderOne(tasks.next(), renderer, annotations));
      }
      return out.iterator();
    }

    private ModelResult renderOne(ShapeTask t, ModelViewRenderer renderer, AnnotationIndex annotations) {
      try {
        Mesh mesh = ObjReader.read(shapes, t.objPath());
        MeshOps.requireRenderable(mesh, shapes.describe(t.objPath()));
        ModelAnnotation ann = annotations.find(t.synset(), t.modelId());
        List<Row> views = new ArrayList<>();
        for (RenderedView v : renderer.render(t.synset(), t.modelId(), mesh, ann == null ? List.of() : ann.keypoints())) {
          views.add(RenderTables.viewRow(v, t.split()));
        }
        VoxelGrid grid = renderer.voxelize(mesh);
        Row vox =
            org.apache.spark.sql.RowFactory.create(
                t.synset(), t.modelId(), t.split(), grid.resolution(), grid.count(), grid.pack());
        return new ModelResult(views, vox, null);
      } catch (RuntimeException e) {
        return new ModelResult(
            List.of(), null, RenderTables.rejectRow("render", t.synset(), t.modelId(), shapes.describe(t.objPath()), JobOutput.reason(e)));
      }
    }
  }

}
