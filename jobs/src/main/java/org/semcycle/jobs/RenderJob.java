package org.semcycle.jobs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
import org.semcycle.rendering.VoxelGrid;
import org.semcycle.rendering.dataset.ModelViewRenderer;
import org.semcycle.rendering.dataset.RenderedView;
import org.semcycle.rendering.dataset.ViewRenderSpec;
import org.semcycle.spark.HadoopDataRoot;

/**
 * {@code semcycle render}: every model x K views (RGB, depth, normals, silhouette, keypoints
 * with visibility) and each model's canonical voxel grid, as Parquet; models that cannot be
 * rendered become rows of the rejects table with the reason. Seeds come from (seed, synset,
 * model, view), so the tables do not depend on the number of partitions.
 */
public final class RenderJob {
  private RenderJob() {}

  /** One model to render: where it is and which split it belongs to. */
  public record ModelTask(String synset, String modelId, String objPath, String split) implements Serializable {}

  /** What one model produced: its view rows and voxel row, or a reject row. */
  record ModelResult(List<Row> views, Row voxels, Row reject) implements Serializable {}

  /** Counts of what the job wrote. */
  public record Summary(long models, long views, long voxels, long rejects, double seconds) {
    public String line() {
      return String.format(
          "render: %d models -> %d views, %d voxel grids, %d rejects in %.1f s (%.2f views/s)",
          models, views, voxels, rejects, seconds, views / Math.max(seconds, 1e-9));
    }
  }

  /**
   * Renders {@code tasks} and writes {@code out/views}, {@code out/voxels}, {@code out/rejects}.
   * {@code catalogRejects} (e.g. model folders without an OBJ) go to the rejects table too.
   */
  public static Summary run(
      SparkSession spark,
      List<ModelTask> tasks,
      List<Row> catalogRejects,
      HadoopDataRoot shapes,
      HadoopDataRoot keypoints,
      Map<String, String> classBySynset,
      ViewRenderSpec spec,
      int partitions,
      String out) {
    long t0 = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Stage stage = new Stage(shapes, keypoints, new HashMap<>(classBySynset), spec);
    JavaRDD<ModelResult> results =
        jsc.parallelize(tasks, Math.max(1, partitions)).mapPartitions(stage::apply).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      spark.sparkContext().setJobDescription("render: views");
      Dataset<Row> views =
          spark.createDataFrame(results.flatMap(r -> r.views().iterator()), RenderTables.VIEWS);
      views.write().mode(SaveMode.Overwrite).partitionBy("synset").parquet(out + "/views");
      spark.sparkContext().setJobDescription("render: voxels");
      Dataset<Row> voxels =
          spark.createDataFrame(
              results.filter(r -> r.voxels() != null).map(ModelResult::voxels), RenderTables.VOXELS);
      voxels.write().mode(SaveMode.Overwrite).partitionBy("synset").parquet(out + "/voxels");
      spark.sparkContext().setJobDescription("render: rejects and counts");
      JavaRDD<Row> rejectRows =
          results.filter(r -> r.reject() != null).map(ModelResult::reject).union(jsc.parallelize(catalogRejects, 1));
      Dataset<Row> rejects = spark.createDataFrame(rejectRows, RenderTables.REJECTS);
      rejects.coalesce(1).write().mode(SaveMode.Overwrite).parquet(out + "/rejects");
      long nViews = spark.read().parquet(out + "/views").count();
      long nVox = spark.read().parquet(out + "/voxels").count();
      long nRej = spark.read().parquet(out + "/rejects").count();
      return new Summary(tasks.size() + catalogRejects.size(), nViews, nVox, nRej, (System.nanoTime() - t0) / 1e9);
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

    Iterator<ModelResult> apply(Iterator<ModelTask> tasks) {
      ModelViewRenderer renderer = new ModelViewRenderer(spec);
      AnnotationCache annotations = new AnnotationCache(keypoints, classBySynset);
      List<ModelResult> out = new ArrayList<>();
      while (tasks.hasNext()) {
        out.add(renderOne(tasks.next(), renderer, annotations));
      }
      return out.iterator();
    }

    private ModelResult renderOne(ModelTask t, ModelViewRenderer renderer, AnnotationCache annotations) {
      try {
        Mesh mesh = ObjReader.read(shapes, t.objPath());
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
            List.of(), null, RenderTables.rejectRow("render", t.synset(), t.modelId(), shapes.describe(t.objPath()), reason(e)));
      }
    }
  }

  public static String reason(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /** KeypointNet annotations of a synset, read once per partition. */
  public static final class AnnotationCache {
    private final HadoopDataRoot root;
    private final Map<String, String> classBySynset;
    private final Map<String, Map<String, ModelAnnotation>> bySynset = new HashMap<>();

    public AnnotationCache(HadoopDataRoot root, Map<String, String> classBySynset) {
      this.root = root;
      this.classBySynset = classBySynset;
    }

    /** The model's annotation, or null when the data set has none for it. */
    public ModelAnnotation find(String synset, String modelId) {
      if (root == null) {
        return null;
      }
      Map<String, ModelAnnotation> m =
          bySynset.computeIfAbsent(
              synset,
              s -> {
                String cls = classBySynset.get(s);
                String rel = cls == null ? null : KeypointNetLayout.annotations(cls);
                Map<String, ModelAnnotation> map = new HashMap<>();
                if (rel != null && root.exists(rel)) {
                  for (ModelAnnotation a : AnnotationReader.read(root, rel)) {
                    map.put(a.modelId(), a);
                  }
                }
                return map;
              });
      return m.get(modelId);
    }
  }

}
