package org.semcycle.jobs.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.semcycle.networks.SketchNet;
import org.semcycle.networks.SketchTask;
import org.semcycle.networks.ViewNet;
import org.semcycle.networks.ViewTask;
import org.semcycle.networks.VoxelLoss;
import org.semcycle.networks.VoxelNet;
import org.semcycle.networks.VoxelTask;
import org.semcycle.training.ModelFiles;
import org.semcycle.training.SampleSource;
import org.semcycle.training.TrainLoop;
import org.semcycle.training.TrainProfile;
import org.semcycle.training.TrainingTask;
import org.semcycle.training.views.RenderedSample;
import org.semcycle.training.views.ViewSamples;

/**
 * The per-category nets of a train-all model folder scored on fresh views: their validation
 * metrics (the training log's columns) over every view of a render job's output, each net's
 * inputs built as its recipe builds its validation samples. train-all records the result for
 * a fresh synth of its own ({@code semcycle.train-all.check}); a test recomputes it on the
 * shipped nets, so a change of the generator or renderer that makes them stale is seen.
 */
public final class NetCheck {
  /** The nets checked, in this order, under {@code models/<category>/}. */
  public static final List<String> NETS = List.of("sketch", "voxel", "view", "view-sketch");

  /** The recorded check beside the exported nets. */
  public static final String FILE = "check.json";

  private NetCheck() {}

  /** What {@link #FILE} holds: the check data's sizes and seed, and every scored net. */
  public record Record(long seed, int modelsPerCategory, int viewsPerModel, List<Scored> nets) {}

  /** Writes the record as JSON. */
  public static void write(Path file, Config dataConfig, List<Scored> nets) throws IOException {
    Record r = new Record(dataConfig.getLong("semcycle.seed"), dataConfig.getInt("semcycle.synth.models-per-category"),
        dataConfig.getInt("semcycle.render.views-per-model"), nets);
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), r);
  }

  /** Reads a record written by {@link #write}. */
  public static Record read(Path file) throws IOException {
    try {
      return new ObjectMapper().readValue(file.toFile(), Record.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException(file + ": not a net check record (" + e.getOriginalMessage() + ")", e);
    }
  }

  /** One net's metrics: {@code name} is {@code <category>/<net>}. */
  public record Scored(String name, Map<String, Double> metrics) {}

  /**
   * The check's synth and render configuration over train-all's step configuration: its own
   * seed (models and cameras none of the nets saw), models per category and views per model.
   */
  public static Config dataConfig(Config stepConfig) {
    Config k = stepConfig.getConfig("semcycle.train-all.check");
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("semcycle.seed", k.getLong("seed"));
    o.put("semcycle.synth.models-per-category", k.getInt("models-per-category"));
    o.put("semcycle.render.views-per-model", k.getInt("views-per-model"));
    return ConfigFactory.parseMap(o).withFallback(stepConfig);
  }

  /** Every present net of {@link #NETS} for each category, scored on the views of {@code render}. */
  public static List<Scored> score(SparkSession spark, Config c, Path models, String render, List<String> categories)
      throws Exception {
    TrainProfile profile = TrainProfile.from(c);
    int batch = profile.schedule().batchSize();
    List<Scored> out = new ArrayList<>();
    for (String cat : categories) {
      Config cc = ConfigFactory.parseMap(Map.of("semcycle.train.categories", List.of(cat))).withFallback(c);
      List<RenderedSample> views = null;
      for (String net : NETS) {
        Path dir = models.resolve(cat).resolve(net);
        if (!Files.isDirectory(dir)) {
          continue;
        }
        if (views == null) {
          views = TrainingData.allViews(spark, cc, render, true);
        }
        out.add(new Scored(cat + "/" + net, score(net, dir, views, profile, batch)));
      }
    }
    return out;
  }

  private static Map<String, Double> score(String net, Path dir, List<RenderedSample> views, TrainProfile profile,
      int batch) throws Exception {
    DataType f32 = DataType.FLOAT32;
    switch (net) {
      case "sketch" -> {
        try (Model m = ModelFiles.load(dir, net, SketchNet.Options.class, SketchNet::new, Device.cpu())) {
          SketchNet.Options o = ModelFiles.options(dir, net, SketchNet.Options.class);
          return evaluate(new SketchTask((SketchNet) m.getBlock()), ViewSamples.sketch(views, o.imageSize(), f32), batch);
        }
      }
      case "voxel" -> {
        try (Model m = ModelFiles.load(dir, net, VoxelNet.Options.class, VoxelNet::new, Device.cpu())) {
          VoxelNet.Options o = ModelFiles.options(dir, net, VoxelNet.Options.class);
          VoxelTask task = new VoxelTask((VoxelNet) m.getBlock(), new VoxelLoss(profile.voxel().loss()));
          return evaluate(task, ViewSamples.voxel(views, o.imageSize(), o.resolution(), f32), batch);
        }
      }
      case "view", "view-sketch" -> {
        try (Model m = ModelFiles.load(dir, "view", ViewNet.Options.class, ViewNet::new, Device.cpu())) {
          ViewNet.Options o = ModelFiles.options(dir, "view", ViewNet.Options.class);
          boolean fromSketches = net.equals("view-sketch");
          return evaluate(new ViewTask((ViewNet) m.getBlock()),
              ViewSamples.view(views, o.imageSize(), fromSketches, f32), batch);
        }
      }
      default -> throw new IllegalArgumentException("no check for net " + net);
    }
  }

  private static Map<String, Double> evaluate(TrainingTask task, SampleSource source, int batch) {
    try (NDManager m = NDManager.newBaseManager()) {
      return TrainLoop.evaluate(task, source, m, batch).metrics();
    }
  }

  /** Whether a metric measures quality (thresholds chosen on the data do not). */
  public static boolean compared(String metric) {
    return !metric.endsWith("threshold");
  }

  /**
   * Whether a metric is within tolerance of its recorded value: metrics in [0, 1] (IoU,
   * accuracy) within {@code absolute}, the others (degrees, relative errors) within
   * {@code relative} of the recorded value.
   */
  public static boolean withinTolerance(String metric, double recorded, double now, double absolute, double relative) {
    if (metric.contains("iou") || metric.contains("acc")) {
      return Math.abs(now - recorded) <= absolute;
    }
    return Math.abs(now - recorded) <= relative * Math.abs(recorded);
  }
}
