package org.semcycle.cli;

import org.semcycle.jobs.ShapeTask;
import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.semcycle.datasets.keypointnet.KeypointNetLayout;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;
import org.semcycle.datasets.keypointnet.SplitEntry;
import org.semcycle.datasets.keypointnet.Splits;
import org.semcycle.datasets.shapenet.ShapeNetCatalog;
import org.semcycle.datasets.shapenet.ShapeNetModel;
import org.semcycle.datasets.shapenet.SkippedModel;
import org.semcycle.jobs.RenderJob;
import org.semcycle.jobs.RenderPreview;
import org.semcycle.jobs.RenderTables;
import org.semcycle.rendering.dataset.ViewRenderSpec;
import org.semcycle.spark.DataSetRoots;
import org.semcycle.spark.HadoopDataRoot;
import org.semcycle.spark.Locations;
import org.semcycle.spark.OutputMode;
import org.semcycle.spark.Sessions;
import org.semcycle.spark.ShardedOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code semcycle render}: synthetic training views and voxel grids as Parquet (Spark). */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Render every model x K views (RGB, depth, normals, silhouette, keypoints) and voxelise it.",
      "Writes OUT/views, OUT/voxels, OUT/rejects (Parquet), OUT/summary.json, OUT/views.csv.",
      "--mode resume renders only the models OUT does not have yet."
    })
public final class RenderCommand implements Callable<Integer> {
  @Option(
      names = "--shapes",
      required = true,
      description = "A synth output folder (with ShapeNetCore.v2/ and KeypointNet/) or a ShapeNetCore.v2 root.")
  String shapes;

  @Option(names = "--keypoints", description = "KeypointNet root (default: SHAPES/KeypointNet when present).")
  String keypoints;

  @Option(names = "--out", required = true, description = "Output folder (local path, hdfs://, s3a://).")
  String out;

  @Option(names = "--views-per-model", description = "Views per model (semcycle.render.views-per-model).")
  Integer views;

  @Option(names = "--image-size", description = "Image side in pixels (semcycle.render.image-size).")
  Integer imageSize;

  @Option(names = "--camera-sampling", description = "uniform | photo (semcycle.render.camera-sampling).")
  String sampling;

  @Option(names = "--preview", description = "Write OUT/preview.png with this many views (semcycle.render.preview).")
  Integer preview;

  @Mixin CommonOptions common;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("semcycle.render.views-per-model", views);
    o.put("semcycle.render.image-size", imageSize);
    o.put("semcycle.render.camera-sampling", sampling);
    o.put("semcycle.render.preview", preview);
    Config c = common.load(output.addTo(o));
    new Preflight(c).folderWith(shapes, "--shapes", "a ShapeNet root or a synth output; semcycle synth makes one",
        "ShapeNetCore.v2", "taxonomy.json");
    SparkSession spark = Sessions.create(c, "render");
    try {
      RenderJob.Summary s = run(spark, c, shapes, keypoints, out);
      System.out.println(s.line());
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** Locates the inputs, renders, writes the summary and the preview (the demo calls this). */
  public static RenderJob.Summary run(SparkSession spark, Config c, String shapes, String keypoints, String out) {
    DataSetRoots roots = DataSetRoots.locate(spark, shapes, keypoints);
    HadoopDataRoot shapeRoot = roots.shapes();
    HadoopDataRoot kpRoot = roots.keypoints();
    ShapeNetCatalog catalog = ShapeNetCatalog.scan(shapeRoot);
    Map<String, String> splitOf = new HashMap<>();
    if (kpRoot != null) {
      for (String name : Splits.NAMES) {
        if (kpRoot.exists(KeypointNetLayout.split(name))) {
          for (SplitEntry e : Splits.read(kpRoot, KeypointNetLayout.split(name))) {
            splitOf.put(e.key(), name);
          }
        }
      }
    }
    List<ShapeTask> tasks = new ArrayList<>();
    for (ShapeNetModel m : catalog.models()) {
      tasks.add(new ShapeTask(m.synsetId(), m.modelId(), m.objPath(), splitOf.get(m.key())));
    }
    List<Row> catalogRejects = new ArrayList<>();
    for (SkippedModel sk : catalog.skipped()) {
      catalogRejects.add(RenderTables.rejectRow("catalog", sk.synsetId(), sk.modelId(), shapeRoot.describe(ShapeNetCatalog.objPath(sk.synsetId(), sk.modelId())), sk.reason()));
    }
    KeypointVocabulary vocab = KeypointVocabulary.fromConfig(c);
    Map<String, String> classBySynset = new HashMap<>();
    for (String cat : vocab.categories()) {
      classBySynset.put(vocab.category(cat).synset(), cat);
    }
    ViewRenderSpec spec = ViewRenderSpecs.from(c);
    int partitions = Sessions.partitions(spark, c, tasks.size());
    System.err.printf(
        "render: %d models x %d views at %dpx from %s on %d partitions%n",
        tasks.size(), spec.views(), spec.imageSize(), shapeRoot, partitions);
    String outQ = Locations.qualify(out);
    RenderJob.Summary s;
    try (ShardedOutput o = ShardedOutput.open(spark, outQ, OutputMode.of(c))) {
      s = RenderJob.run(spark, tasks, catalogRejects, shapeRoot, kpRoot, classBySynset, spec, partitions, o);
    }
    RenderPreview.writeSummary(spark, outQ, s);
    int n = c.getInt("semcycle.render.preview");
    if (n > 0) {
      RenderPreview.write(spark, outQ, n);
    }
    return s;
  }
}
