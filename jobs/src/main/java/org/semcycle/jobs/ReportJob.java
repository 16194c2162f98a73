package org.semcycle.jobs;

import org.semcycle.spark.Sessions;
import org.semcycle.spark.JobOutput;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.semcycle.benchmarks.BenchmarkLayout;
import org.semcycle.evaluation.PairIds;
import org.semcycle.evaluation.PaperTables;
import org.semcycle.evaluation.PckRow;
import org.semcycle.evaluation.TextTable;
import org.semcycle.io.DataRoot;
import org.semcycle.io.ImageLoader;
import org.semcycle.io.JsonFields;
import org.semcycle.spark.HadoopDataRoot;
import org.semcycle.spark.HadoopDataSink;
import org.semcycle.spark.Locations;
import org.semcycle.visualize.KeypointOverlay;
import org.semcycle.visualize.KeypointOverlay.Mark;
import org.semcycle.visualize.ReportPage;

/**
 * {@code semcycle report}: an HTML page ({@code OUT/index.html}, pictures beside it) from an
 * evaluate output: the counts of {@code summary.json}, the paper's tables ({@link PaperTables},
 * from the {@code pck} and {@code pck_by_subset} tables), the ground-truth keypoints each run left
 * without a prediction or rejected, the predicted visibility, the PCK curves ({@code plots/}),
 * example pictures and failure cases drawn with {@link KeypointOverlay} from the evaluation sets'
 * images: per data set and run, the units (images; pairs for pair-mode runs) with the lowest
 * PCK@alpha (tau img) of the {@code scored} table, ties by id; examples are the first units by id
 * of each data set's first run. A picture that cannot be drawn (image gone) is listed with the
 * reason instead. The sets are found where evaluate read them ({@code set_root}) unless {@code
 * --ground-truth} names them; {@code --predictions} draws every predicted keypoint of a picture
 * (not only those with a truth).
 */
public final class ReportJob {
  private ReportJob() {}

  /** How many pictures and at which threshold. */
  public record Settings(int examples, int failures, double alpha) {}

  /** What was written. */
  public record Summary(String page, int tables, int plots, int pictures, int notDrawn) {
    public String line() {
      return String.format(Locale.ROOT, "report: %s with %d tables, %d plots, %d pictures (%d not drawn)",
          page, tables, plots, pictures, notDrawn);
    }
  }

  private record Unit(String dataset, String category, String method, String setting, String protocol, String unit,
      String imageId, String pairId, double pck, long keypoints) {
    String key() {
      return String.join("|", dataset, category, method, setting, protocol, unit, imageId, pairId == null ? "" : pairId);
    }

    String run() {
      return new PaperTables.Run(method, setting, protocol).label();
    }
  }

  public static Summary run(SparkSession spark, Settings s, String evaluation, String predictions,
      List<String> groundTruth, String out) {
    try (Sessions.Described described = Sessions.describe(spark, "report")) {
      HadoopDataRoot eval = Locations.root(spark, evaluation);
      for (String need : List.of("summary.json", "pck", "pck_by_subset", "scored", "ground_truth")) {
        if (!eval.exists(need) && eval.list(need).isEmpty()) {
          throw new IllegalArgumentException("--evaluation: " + eval.describe(need)
              + " is missing (run semcycle evaluate into that folder first)");
        }
      }
      HadoopDataSink sink = Locations.sink(spark, out);
      ReportPage page = new ReportPage("semcycle evaluation report");
      page.paragraph("Evaluation: " + eval.root());
  
      page.heading("Counts");
      com.fasterxml.jackson.databind.JsonNode summary = JsonFields.parse(eval.readUtf8("summary.json"), eval.describe("summary.json"));
      page.pre(summary.has("counts") ? summary.get("counts").toPrettyString() : summary.toPrettyString());
      page.table(missingTable(summary));
  
      List<PckRow> rows = new ArrayList<>();
      for (String t : List.of("pck", "pck_by_subset")) {
        for (Row r : spark.read().parquet(Locations.join(evaluation, t)).collectAsList()) {
          rows.add(EvaluationTables.pck(r));
        }
      }
      List<TextTable> tables = PaperTables.all(rows, s.alpha());
      page.heading("Tables");
      page.paragraph("PCK: distance <= alpha * tau; tau img = max(w, h) of the target image, tau bbox = max side of the"
          + " target box. Per-keypoint averaging as the paper; every table of pck.csv also has per-pair (HPF) values.");
      for (TextTable t : tables) {
        page.table(t);
      }
      TextTable visibility = visibilityTable(summary);
      if (!visibility.rows().isEmpty()) {
        page.table(visibility);
      }
  
      page.heading("PCK curves");
      List<String> plots = new ArrayList<>();
      for (String f : eval.list("plots")) {
        if (f.endsWith(".png")) {
          copy(eval, "plots/" + f, sink, "plots/" + f);
          plots.add("plots/" + f);
        }
      }
      page.figures(plots, plots.stream().map(p -> p.substring(6, p.length() - 4)).toList());
  
      // Per-unit PCK at alpha (tau img).
      Dataset<Row> scored = spark.read().parquet(Locations.join(evaluation, "scored"))
          .filter(col("unit").equalTo(when(col("protocol").equalTo("pair"), lit("pair")).otherwise(lit("image"))));
      List<Unit> units = new ArrayList<>();
      for (Row r : scored
          .withColumn("ok", when(col("distance").leq(lit(s.alpha()).multiply(col("tau_img"))), 1.0).otherwise(0.0))
          .groupBy("dataset", "category", "method", "setting", "protocol", "unit", "image_id", "pair_id")
          .agg(avg("ok").as("pck"), count(lit(1)).as("n")).collectAsList()) {
        units.add(new Unit(r.getAs("dataset"), r.getAs("category"), r.getAs("method"), r.getAs("setting"),
            r.getAs("protocol"), r.getAs("unit"), r.getAs("image_id"), r.getAs("pair_id"), r.<Double>getAs("pck"),
            r.<Long>getAs("n")));
      }
      Map<String, List<Unit>> byDatasetRun = new LinkedHashMap<>();
      List<PaperTables.Run> runOrder = PaperTables.runsOf(rows);
      units.sort(Comparator.comparing(Unit::dataset)
          .thenComparing(u -> runOrder.indexOf(new PaperTables.Run(u.method(), u.setting(), u.protocol())))
          .thenComparing(Unit::pck).thenComparing(Unit::category).thenComparing(Unit::imageId)
          .thenComparing(u -> u.pairId() == null ? "" : u.pairId()));
      for (Unit u : units) {
        byDatasetRun.computeIfAbsent(u.dataset() + "\t" + u.run(), k -> new ArrayList<>()).add(u);
      }
      Map<String, List<Unit>> examples = new LinkedHashMap<>();
      Map<String, List<Unit>> failures = new LinkedHashMap<>();
      Set<String> seenDatasets = new TreeSet<>();
      for (Map.Entry<String, List<Unit>> e : byDatasetRun.entrySet()) {
        String dataset = e.getKey().split("\t")[0];
        failures.put(e.getKey(), e.getValue().subList(0, Math.min(s.failures(), e.getValue().size())));
        if (seenDatasets.add(dataset)) {
          List<Unit> byId = new ArrayList<>(e.getValue());
          byId.sort(Comparator.comparing(Unit::category).thenComparing(Unit::imageId)
              .thenComparing(u -> u.pairId() == null ? "" : u.pairId()));
          examples.put(e.getKey(), byId.subList(0, Math.min(s.examples(), byId.size())));
        }
      }
      Set<String> wanted = new TreeSet<>();
      examples.values().forEach(l -> l.forEach(u -> wanted.add(u.key())));
      failures.values().forEach(l -> l.forEach(u -> wanted.add(u.key())));
      Pictures pictures = new Pictures(spark, evaluation, predictions, groundTruth, wanted, sink);
      page.heading("Examples");
      pictures.section(page, examples, "examples", s.alpha());
      page.heading("Failure cases");
      page.paragraph(String.format(Locale.ROOT, "The %d units of each data set and run with the lowest PCK@%.2f (tau img)."
          + " Discs: predictions (hollow = predicted invisible); crosses: truth; white lines join them;"
          + " yellow: the true silhouette.", s.failures(), s.alpha()));
      pictures.section(page, failures, "failures", s.alpha());
  
      JobOutput.text(sink, "index.html", page.html());
      return new Summary(Locations.join(out, "index.html"), tables.size(), plots.size(), pictures.drawn, pictures.notDrawn);
    }
  }

  /** Draws the pictures of the chosen units. */
  private static final class Pictures {
    private final Map<String, List<Row>> rowsByUnit = new HashMap<>();
    private final Map<String, List<Row>> predictionsByUnit = new HashMap<>();
    private final Map<String, List<Row>> imageTruth = new HashMap<>();
    private final Map<String, String> roots = new HashMap<>();
    private final SparkSession spark;
    private final HadoopDataSink sink;
    int drawn;
    int notDrawn;

    Pictures(SparkSession spark, String evaluation, String predictions, List<String> groundTruth, Set<String> wanted,
        HadoopDataSink sink) {
      this.spark = spark;
      this.sink = sink;
      if (groundTruth != null && !groundTruth.isEmpty()) {
        for (EvaluateJob.GroundTruthSet set : EvaluateJob.locate(spark, groundTruth)) {
          roots.put(set.format().dir(), set.location());
        }
      }
      Dataset<Row> scored = spark.read().parquet(Locations.join(evaluation, "scored"))
          .withColumn("unit_key", concat_ws("|", col("dataset"), col("category"), col("method"), col("setting"),
              col("protocol"), col("unit"), col("image_id"), when(col("pair_id").isNull(), lit("")).otherwise(col("pair_id"))))
          .filter(col("unit_key").isin(wanted.toArray()));
      for (Row r : scored.collectAsList()) {
        rowsByUnit.computeIfAbsent(r.getAs("unit_key"), k -> new ArrayList<>()).add(r);
      }
      Set<String> sources = new TreeSet<>();
      for (List<Row> l : rowsByUnit.values()) {
        Row r = l.get(0);
        if (r.getAs("pair_id") != null) {
          sources.add(r.getAs("dataset") + "|" + r.getAs("category") + "|"
              + PairIds.sourceImageId(r.getAs("dataset"), r.getAs("pair_id")));
        }
      }
      if (!sources.isEmpty()) {
        for (Row r : spark.read().parquet(Locations.join(evaluation, "ground_truth"))
            .filter(col("pair_id").isNull())
            .withColumn("k", concat_ws("|", col("dataset"), col("category"), col("image_id")))
            .filter(col("k").isin(sources.toArray())).collectAsList()) {
          imageTruth.computeIfAbsent(r.getAs("k"), k -> new ArrayList<>()).add(r);
        }
      }
      if (predictions != null) {
        Dataset<Row> p = spark.read().parquet(EvaluateJob.predictionsTable(spark, predictions))
            .withColumn("protocol", when(col("pair_id").isNull(), lit("single")).otherwise(lit("pair")))
            .withColumn("k", concat_ws("|", col("dataset"), col("category"), col("method"), col("setting"),
                col("protocol"), col("image_id"), when(col("pair_id").isNull(), lit("")).otherwise(col("pair_id"))));
        Set<String> keys = new TreeSet<>();
        for (List<Row> l : rowsByUnit.values()) {
          Row r = l.get(0);
          keys.add(predKey(r));
        }
        for (Row r : p.filter(col("k").isin(keys.toArray())).collectAsList()) {
          predictionsByUnit.computeIfAbsent(r.getAs("k"), k -> new ArrayList<>()).add(r);
        }
      }
    }

    private static String predKey(Row r) {
      String protocol = r.getAs("protocol");
      String pair = r.getAs("pair_id");
      return String.join("|", r.getAs("dataset"), r.getAs("category"), r.getAs("method"), r.getAs("setting"), protocol,
          r.getAs("image_id"), "pair".equals(protocol) && pair != null ? pair : "");
    }

    void section(ReportPage page, Map<String, List<Unit>> groups, String folder, double alpha) {
      for (Map.Entry<String, List<Unit>> e : groups.entrySet()) {
        String[] dsRun = e.getKey().split("\t");
        page.subheading(dsRun[0] + ": " + dsRun[1]);
        List<String> paths = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Unit u : e.getValue()) {
          String caption = String.format(Locale.ROOT, "%s %s%s: PCK@%.2f img %.2f (%d keypoints)", u.category(),
              u.imageId(), u.pairId() == null ? "" : " pair " + u.pairId(), alpha, u.pck(), u.keypoints());
          String rel = "images/" + folder + "/" + slug(u.dataset() + "_" + u.method() + "_" + u.setting() + "_"
              + u.protocol() + "_" + u.category() + "_" + (u.pairId() == null ? u.imageId() : u.pairId())) + ".png";
          try {
            sink.write(rel, KeypointOverlay.png(draw(u)));
            paths.add(rel);
            captions.add(caption);
            drawn++;
          } catch (IOException | RuntimeException ex) {
            failed.add(caption + ": not drawn: " + ex.getMessage());
            notDrawn++;
          }
        }
        page.figures(paths, captions);
        for (String f : failed) {
          page.paragraph(f);
        }
      }
    }

    private BufferedImage draw(Unit u) {
      List<Row> rows = rowsByUnit.get(u.key());
      if (rows == null || rows.isEmpty()) {
        throw new IllegalStateException("no scored rows for " + u.key());
      }
      Row first = rows.get(0);
      String dataset = first.getAs("dataset");
      DataRoot root = Locations.root(spark, roots.getOrDefault(dataset, first.getAs("set_root")));
      List<Mark> truth = new ArrayList<>();
      List<Mark> predicted = new ArrayList<>();
      for (Row r : rows) {
        int id = r.<Integer>getAs("keypoint_id");
        truth.add(Mark.of(id, r.<Double>getAs("gt_x"), r.<Double>getAs("gt_y")));
        if (!r.<Boolean>getAs("missing") && !r.<Boolean>getAs("rejected")) {
          Boolean vis = r.getAs("visible");
          predicted.add(new Mark(id, r.<Double>getAs("x"), r.<Double>getAs("y"), vis == null || vis));
        }
      }
      List<Row> all = predictionsByUnit.get(predKey(first));
      if (all != null) {
        predicted.clear();
        for (Row r : all) {
          Boolean vis = r.getAs("visible");
          predicted.add(new Mark(((Number) r.getAs("keypoint_id")).intValue(), ((Number) r.getAs("x")).doubleValue(),
              ((Number) r.getAs("y")).doubleValue(), vis == null || vis));
        }
      }
      String imagePath = first.getAs("image_path");
      KeypointOverlay target = overlay(root, first.getAs("category"), u.imageId(), imagePath)
          .predicted(predicted).truth(truth).title(u.imageId());
      if (u.pairId() == null) {
        return target.render();
      }
      String src = PairIds.sourceImageId(dataset, u.pairId());
      List<Row> srcRows = imageTruth.get(dataset + "|" + u.category() + "|" + src);
      if (srcRows == null || srcRows.isEmpty()) {
        return target.render();
      }
      Set<Integer> inPair = new TreeSet<>();
      truth.forEach(m -> inPair.add(m.keypointId()));
      List<Mark> srcMarks = new ArrayList<>();
      for (Row r : srcRows) {
        int id = r.<Integer>getAs("keypoint_id");
        if (inPair.contains(id)) {
          srcMarks.add(Mark.of(id, r.<Double>getAs("gt_x"), r.<Double>getAs("gt_y")));
        }
      }
      KeypointOverlay source = overlay(root, u.category(), src, srcRows.get(0).getAs("image_path"))
          .truth(srcMarks).title(src + " (source)");
      return KeypointOverlay.pair(source, target);
    }

    private static KeypointOverlay overlay(DataRoot root, String category, String imageId, String imagePath) {
      BufferedImage img = ImageLoader.load(root, imagePath, ImageLoader.DEFAULT_MAX_PIXELS);
      KeypointOverlay o = new KeypointOverlay(img);
      String sil = BenchmarkLayout.GROUND_TRUTH + "/" + category + "/" + imageId + "_silhouette.png";
      if (root.exists(sil)) {
        BufferedImage mask = ImageLoader.load(root, sil, ImageLoader.DEFAULT_MAX_PIXELS);
        if (mask.getWidth() == img.getWidth() && mask.getHeight() == img.getHeight()) {
          o.silhouette(mask);
        }
      }
      return o;
    }
  }

  /** summary.json's missing_by_run as a table. */
  static TextTable missingTable(com.fasterxml.jackson.databind.JsonNode summary) {
    List<List<String>> body = new ArrayList<>();
    if (summary.has("missing_by_run")) {
      for (com.fasterxml.jackson.databind.JsonNode n : summary.get("missing_by_run")) {
        body.add(List.of(n.get("dataset").asText(), new PaperTables.Run(n.get("method").asText(),
                n.get("setting").asText(), n.get("protocol").asText()).label(),
            n.get("keypoints").asText(), n.get("missing").asText(), n.get("rejected").asText()));
      }
    }
    return new TextTable("missing", "Ground-truth keypoints per run: scored, without a prediction (a defect of the"
        + " run), of images or pairs the run rejected with a reason",
        List.of("dataset", "run", "keypoints", "missing", "rejected"), body);
  }

  /** summary.json's visibility scores as a table. */
  static TextTable visibilityTable(com.fasterxml.jackson.databind.JsonNode summary) {
    List<List<String>> body = new ArrayList<>();
    if (summary.has("visibility")) {
      for (com.fasterxml.jackson.databind.JsonNode n : summary.get("visibility")) {
        body.add(List.of(n.get("dataset").asText(), n.get("category").asText(),
            new PaperTables.Run(n.get("method").asText(), n.get("setting").asText(), "single").label(),
            fixed(n.get("precision")), fixed(n.get("recall")), n.get("visible").asText(), n.get("hidden").asText()));
      }
    }
    return new TextTable("visibility", "Predicted visibility against the truth",
        List.of("dataset", "category", "run", "precision", "recall", "visible", "hidden"), body);
  }

  private static String fixed(com.fasterxml.jackson.databind.JsonNode n) {
    return n == null || !n.isNumber() ? "-" : String.format(Locale.ROOT, "%.3f", n.asDouble());
  }

  static String slug(String s) {
    return s.replaceAll("[^A-Za-z0-9_.-]+", "_");
  }

  private static void copy(HadoopDataRoot from, String rel, HadoopDataSink to, String dest) {
    try {
      to.write(dest, from.readBytes(rel, 64L << 20));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + to.describe(dest), e);
    }
  }

}
