package org.semcycle.jobs;

import org.semcycle.spark.Sessions;
import org.semcycle.datasets.keypointnet.AnnotationIndex;
import org.semcycle.spark.JobOutput;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.semcycle.benchmarks.BenchmarkCategory;
import org.semcycle.benchmarks.BenchmarkFiles;
import org.semcycle.benchmarks.BenchmarkFormat;
import org.semcycle.benchmarks.BenchmarkIndex;
import org.semcycle.benchmarks.BenchmarkKeypoint;
import org.semcycle.benchmarks.BenchmarkLayout;
import org.semcycle.benchmarks.BenchmarkSpec;
import org.semcycle.benchmarks.BenchmarkStage;
import org.semcycle.benchmarks.EvaluationRecord;
import org.semcycle.datasets.keypointnet.ModelAnnotation;
import org.semcycle.datasets.shapenet.ObjReader;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.MeshOps;
import org.semcycle.rendering.ContactSheet;
import org.semcycle.rendering.ProjectedKeypoint;
import org.semcycle.spark.HadoopDataRoot;
import org.semcycle.spark.HadoopDataSink;
import org.semcycle.spark.Locations;

/**
 * {@code semcycle benchmark}: evaluation sets in the Pix3D, SPair-71k and PF-PASCAL layouts
 * from the test-split models. Executors render each model's images and write the per-image files
 * ({@link BenchmarkStage} through a {@link HadoopDataSink}); the small per-image records come
 * back to the driver, which writes the index files ({@link BenchmarkIndex}), the rejects table
 * (Parquet), {@code summary.json} and {@code preview.png}. Seeds come from (seed, synset, model,
 * image), so the sets do not depend on the number of partitions.
 */
public final class BenchmarkJob {
  private BenchmarkJob() {}

  /** What one model produced: its records, or a reject row. */
  record ModelResult(List<EvaluationRecord> records, Row reject) implements Serializable {}

  /** Counts of what the job wrote; {@code computed}: models rendered by this run (0 when a resume found the sets complete). */
  public record Summary(
      long models, long images, long rejects, BenchmarkIndex.Counts index, long truncated, long occluded, long computed,
      double seconds) {
    public String line() {
      return String.format(
          "benchmark: %d models -> %d images (%d truncated, %d occluded), %d pix3d records, %d spair pairs,"
              + " %d pfpascal pairs, %d rejects (%d models computed) in %.1f s",
          models, images, truncated, occluded, index.pix3dRecords(), index.spairPairs(), index.pfpascalPairs(),
          rejects, computed, seconds);
    }

    /** The summary a completed run left in {@code summary.json} (computed = 0). */
    public static Summary read(HadoopDataRoot out) {
      try {
        com.fasterxml.jackson.databind.JsonNode n = new ObjectMapper().readTree(out.readUtf8(SUMMARY));
        com.fasterxml.jackson.databind.JsonNode sets = n.path("sets");
        Map<String, Integer> perCategory = new java.util.TreeMap<>();
        n.path("images_per_category").fields().forEachRemaining(e -> perCategory.put(e.getKey(), e.getValue().asInt()));
        BenchmarkIndex.Counts counts = new BenchmarkIndex.Counts(
            n.path("images").asInt(), sets.path("pix3d").path("records").asInt(), sets.path("spair").path("pairs").asInt(),
            sets.path("pfpascal").path("images").asInt(), sets.path("pfpascal").path("pairs").asInt(), perCategory);
        return new Summary(n.path("models").asLong(), n.path("images").asLong(), n.path("rejects").asLong(), counts,
            n.path("truncated").asLong(), n.path("occluded").asLong(), 0, 0);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + out.describe(SUMMARY), e);
      }
    }
  }

  /** Written last: its presence marks a complete benchmark output. */
  public static final String SUMMARY = "summary.json";

  /**
   * Renders the {@code tasks} (test-split models) and writes the sets below {@code out}; {@code
   * driverRejects} (models without an OBJ, synsets without a vocabulary...) join the rejects.
   */
  public static Summary run(
      SparkSession spark,
      List<ShapeTask> tasks,
      List<Row> driverRejects,
      HadoopDataRoot shapes,
      HadoopDataRoot keypoints,
      BenchmarkSpec spec,
      int partitions,
      String outLocation,
      int preview) {
    try (Sessions.Described described = Sessions.describe(spark, "benchmark: render the evaluation images")) {
      long t0 = System.nanoTime();
      HadoopDataSink out = Locations.sink(spark, outLocation);
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Map<String, String> classBySynset = new HashMap<>();
      for (BenchmarkCategory c : spec.categories()) {
        classBySynset.put(c.synset(), c.name());
      }
      Stage stage = new Stage(shapes, keypoints, new HashMap<>(classBySynset), spec, out);
      List<ModelResult> results = jsc.parallelize(tasks, Math.max(1, partitions)).mapPartitions(stage::apply).collect();
      List<EvaluationRecord> records = new ArrayList<>();
      List<Row> rejects = new ArrayList<>(driverRejects);
      for (ModelResult r : results) {
        records.addAll(r.records());
        if (r.reject() != null) {
          rejects.add(r.reject());
        }
      }
      BenchmarkIndex.Counts counts;
      try {
        counts = BenchmarkIndex.write(out, spec, records);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the index files below " + out.describe(""), e);
      }
      spark.createDataFrame(rejects, RenderTables.REJECTS).coalesce(1).write().mode(SaveMode.Overwrite)
          .parquet(out.describe("rejects"));
      long truncated = records.stream().filter(EvaluationRecord::truncated).count();
      long occluded = records.stream().filter(EvaluationRecord::occluded).count();
      Summary s = new Summary(tasks.size() + driverRejects.size(), records.size(), rejects.size(), counts, truncated,
          occluded, tasks.size(), (System.nanoTime() - t0) / 1e9);
      writeSummary(out, spec, s);
      writePreview(out, Locations.root(spark, outLocation), spec, records, preview);
      return s;
    }
  }

  /** The per-partition stage: read each model and its keypoints, render, write its files. */
  static final class Stage implements Serializable {
    private static final long serialVersionUID = 1L;
    private final HadoopDataRoot shapes;
    private final HadoopDataRoot keypoints;
    private final HashMap<String, String> classBySynset;
    private final BenchmarkSpec spec;
    private final HadoopDataSink out;

    Stage(HadoopDataRoot shapes, HadoopDataRoot keypoints, HashMap<String, String> classBySynset, BenchmarkSpec spec,
        HadoopDataSink out) {
      this.shapes = shapes;
      this.keypoints = keypoints;
      this.classBySynset = classBySynset;
      this.spec = spec;
      this.out = out;
    }

    Iterator<ModelResult> apply(Iterator<ShapeTask> tasks) {
      BenchmarkStage stage = new BenchmarkStage(spec, out);
      AnnotationIndex annotations = new AnnotationIndex(keypoints, classBySynset);
      List<ModelResult> results = new ArrayList<>();
      while (tasks.hasNext()) {
        results.add(one(tasks.next(), stage, annotations));
      }
      return results.iterator();
    }

    private ModelResult one(ShapeTask t, BenchmarkStage stage, AnnotationIndex annotations) {
      try {
        BenchmarkCategory c = spec.categoryOfSynset(t.synset());
        ModelAnnotation ann = annotations.find(t.synset(), t.modelId());
        if (ann == null) {
          throw new IllegalArgumentException("no KeypointNet annotation for " + t.synset() + "/" + t.modelId());
        }
        Mesh mesh = ObjReader.read(shapes, t.objPath());
        MeshOps.requireRenderable(mesh, shapes.describe(t.objPath()));
        return new ModelResult(stage.run(c, t.synset(), t.modelId(), mesh, ann.keypoints()), null);
      } catch (RuntimeException | IOException e) {
        return new ModelResult(List.of(),
            RenderTables.rejectRow("benchmark", t.synset(), t.modelId(), shapes.describe(t.objPath()), JobOutput.reason(e)));
      }
    }
  }

  static void writeSummary(HadoopDataSink out, BenchmarkSpec spec, Summary s) {
    ObjectNode n = new ObjectMapper().createObjectNode();
    n.put("models", s.models());
    n.put("images", s.images());
    n.put("rejects", s.rejects());
    n.put("truncated", s.truncated());
    n.put("occluded", s.occluded());
    ObjectNode per = n.putObject("images_per_category");
    s.index().imagesPerCategory().forEach(per::put);
    ObjectNode sets = n.putObject("sets");
    for (BenchmarkFormat f : spec.formats()) {
      ObjectNode set = sets.putObject(f.dir());
      switch (f) {
        case PIX3D -> set.put("records", s.index().pix3dRecords());
        case SPAIR -> set.put("images", s.images()).put("pairs", s.index().spairPairs());
        case PFPASCAL -> set.put("images", s.index().pfpascalImages()).put("pairs", s.index().pfpascalPairs());
        default -> throw new IllegalStateException(f.toString());
      }
    }
    n.put("seconds", s.seconds());
    JobOutput.bytes(out, SUMMARY, n.toPrettyString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@code preview.png}: the first {@code n} images (by id) of the first set written, keypoints
   * drawn in per-semantic-id colours, filled when visible.
   */
  static void writePreview(
      HadoopDataSink out, HadoopDataRoot outRoot, BenchmarkSpec spec, List<EvaluationRecord> records, int n) {
    if (n <= 0 || records.isEmpty()) {
      return;
    }
    List<EvaluationRecord> recs = previewChoice(records, n);
    ContactSheet sheet = new ContactSheet(4, 128, 128);
    for (EvaluationRecord r : recs) {
      List<ProjectedKeypoint> pts = new ArrayList<>();
      int[] ids = new int[r.keypoints().size()];
      for (int i = 0; i < ids.length; i++) {
        BenchmarkKeypoint k = r.keypoints().get(i);
        ids[i] = k.semanticId();
        pts.add(new ProjectedKeypoint(k.x(), k.y(), k.depth(), k.visible()));
      }
      String model = r.modelId().length() > 6 ? r.modelId().substring(0, 6) : r.modelId();
      String label = r.category().name() + " " + model + " #" + r.index() + (r.truncated() ? " T" : "")
          + (r.occluded() ? " O" : "");
      BenchmarkFormat f =
          spec.formats().stream().filter(x -> BenchmarkFiles.included(x, r.category())).findFirst().orElseThrow();
      try {
        byte[] jpg = outRoot.readBytes(f.dir() + "/" + BenchmarkLayout.image(f, r), 64L << 20);
        sheet.addKeypoints(label, ImageIO.read(new ByteArrayInputStream(jpg)), pts, ids);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    JobOutput.bytes(out, "preview.png", sheet.toPng());
  }

  /** Up to n records, taken in turn from each category (records sorted by id within one). */
  static List<EvaluationRecord> previewChoice(List<EvaluationRecord> records, int n) {
    java.util.TreeMap<String, java.util.ArrayDeque<EvaluationRecord>> byCat = new java.util.TreeMap<>();
    List<EvaluationRecord> sorted = new ArrayList<>(records);
    sorted.sort(Comparator.comparing(EvaluationRecord::imageId));
    for (EvaluationRecord r : sorted) {
      byCat.computeIfAbsent(r.category().name(), k -> new java.util.ArrayDeque<>()).add(r);
    }
    List<EvaluationRecord> out = new ArrayList<>();
    while (out.size() < n && byCat.values().stream().anyMatch(q -> !q.isEmpty())) {
      for (java.util.ArrayDeque<EvaluationRecord> q : byCat.values()) {
        if (!q.isEmpty() && out.size() < n) {
          out.add(q.poll());
        }
      }
    }
    return out;
  }

}
