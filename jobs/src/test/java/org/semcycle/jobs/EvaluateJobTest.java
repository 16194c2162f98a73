package org.semcycle.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.benchmarks.BenchmarkFormat;
import org.semcycle.cli.BenchmarkCommand;
import org.semcycle.cli.EvaluateCommand;
import org.semcycle.cli.ReportCommand;
import org.semcycle.cli.SemcycleConfig;
import org.semcycle.evaluation.GroundTruthExtractor;
import org.semcycle.evaluation.GroundTruthRow;
import org.semcycle.evaluation.Pck;
import org.semcycle.evaluation.PckRow;
import org.semcycle.io.LocalDataRoot;
import org.semcycle.io.LocalDataSink;
import org.semcycle.spark.SparkTestSession;
import org.semcycle.synthetic.SynthSpec;
import org.semcycle.synthetic.SyntheticWorld;

/**
 * evaluate on local[2] against predictions made from the ground truth: perfect ones (PCK 1
 * everywhere), ones moved by a known distance (right/wrong per alpha and tau as computed here),
 * pair-mode ones right on one pair only (per-pair and per-keypoint averaging differ as computed
 * here), with a missing, a duplicated and an unscored prediction.
 */
class EvaluateJobTest {
  @TempDir static Path tmp;
  static Path sets;
  static List<GroundTruthRow> gt = new ArrayList<>();
  static Config config;
  static List<GroundTruthRow> images;
  static List<GroundTruthRow> spairPairs;
  static String firstPair;
  static List<Row> preds;
  static Path infer;
  static Path out;
  static EvaluateJob.Summary s;
  static GroundTruthRow rejectedImage;
  static int hiddenPredicted;

  static final StructType PREDICTIONS = DataTypes.createStructType(List.of(
      DataTypes.createStructField("dataset", DataTypes.StringType, false),
      DataTypes.createStructField("category", DataTypes.StringType, false),
      DataTypes.createStructField("image_id", DataTypes.StringType, false),
      DataTypes.createStructField("pair_id", DataTypes.StringType, true),
      DataTypes.createStructField("method", DataTypes.StringType, false),
      DataTypes.createStructField("setting", DataTypes.StringType, false),
      DataTypes.createStructField("keypoint_id", DataTypes.IntegerType, false),
      DataTypes.createStructField("x", DataTypes.DoubleType, false),
      DataTypes.createStructField("y", DataTypes.DoubleType, false),
      DataTypes.createStructField("visible", DataTypes.BooleanType, false),
      DataTypes.createStructField("confidence", DataTypes.DoubleType, false)));

  @BeforeAll
  static void benchmarkSets() throws Exception {
    Path data = tmp.resolve("data");
    config = SemcycleConfig.load(null, List.of(), Map.of(
        "semcycle.benchmark.images-per-model", 2,
        "semcycle.benchmark.image-size", 48,
        "semcycle.benchmark.supersampling", 1,
        "semcycle.benchmark.pairs-per-category", 3,
        "semcycle.benchmark.preview", 0,
        "semcycle.spark.partitions", 2));
    SynthSpec s = org.semcycle.cli.TestSpecs.synth(config, List.of("chair", "car"), 3);
    SyntheticWorld.write(new SynthSpec(s.seed(), s.categories(), 3, 0.34, 0, 256, s.vocabulary()), new LocalDataSink(data), 2);
    sets = tmp.resolve("sets");
    BenchmarkCommand.run(SparkTestSession.get(), config, data.toString(), null, sets.toString());
    EvaluateJob.Settings settings = EvaluateCommand.settings(config);
    GroundTruthExtractor ex = new GroundTruthExtractor(settings.ids(), settings.names(), settings.split(), settings.vocabulary());
    for (BenchmarkFormat f : BenchmarkFormat.values()) {
      GroundTruthExtractor.Result r = ex.extract(f, new LocalDataRoot(sets.resolve(f.dir())));
      assertEquals(List.of(), r.rejects(), f.dir());
      gt.addAll(r.rows());
    }
    evaluate();
  }

  static Row prediction(GroundTruthRow g, String method, String setting, String pairId, double x, double y) {
    return RowFactory.create(g.dataset(), g.category(), g.imageId(), pairId, method, setting, g.keypointId(), x, y, true, 1.0);
  }

  static void evaluate() throws Exception {
    SparkSession spark = SparkTestSession.get();
    images = gt.stream().filter(g -> g.pairId() == null).toList();
    spairPairs = gt.stream().filter(g -> g.pairId() != null && g.dataset().equals("spair")).toList();
    assertTrue(images.size() > 20 && spairPairs.size() > 5, images.size() + " / " + spairPairs.size());
    assertTrue(gt.stream().anyMatch(g -> g.dataset().equals("pfpascal") && g.pairId() != null));
    assertTrue(spairPairs.stream().allMatch(g -> g.viewpointVariation() != null));

    preds = new ArrayList<>();
    for (GroundTruthRow g : images) {
      preds.add(prediction(g, "cycle-3d", "full", null, g.x(), g.y()));
      // Moved by exactly d = 0.07 tau_img along a 3-4-5 direction.
      double d = 0.07 * g.tauImg();
      preds.add(prediction(g, "cycle-3d", "no-finetune", null, g.x() + 0.6 * d, g.y() - 0.8 * d));
    }
    // gt-3d: every ambiguous keypoint predicted at its reflection partner's true position (a left-right flip).
    for (GroundTruthRow g : images) {
      preds.add(g.ambiguous() ? prediction(g, "cycle-3d", "gt-3d", null, g.partnerX(), g.partnerY())
          : prediction(g, "cycle-3d", "gt-3d", null, g.x(), g.y()));
    }
    // gt-viewpoint: perfect, but one Pix3D image rejected by the run with a reason (no rows).
    rejectedImage = images.stream().filter(g -> g.dataset().equals("pix3d")).findFirst().orElseThrow();
    for (GroundTruthRow g : images) {
      if (!(g.dataset().equals("pix3d") && g.imageId().equals(rejectedImage.imageId()))) {
        preds.add(prediction(g, "cycle-3d", "gt-viewpoint", null, g.x(), g.y()));
      }
    }
    // all-gt: perfect, and every keypoint of each image's model predicted with its true visibility,
    // but for one hidden keypoint predicted visible.
    hiddenPredicted = 0;
    for (GroundTruthRow g : images) {
      preds.add(prediction(g, "cycle-3d", "all-gt", null, g.x(), g.y()));
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (GroundTruthRow g : images) {
      if (!seen.add(g.dataset() + "/" + g.imageId())) {
        continue;
      }
      org.semcycle.benchmarks.ImageGroundTruth truth = org.semcycle.benchmarks.ImageGroundTruth.read(
          new LocalDataRoot(sets.resolve(g.dataset())),
          org.semcycle.benchmarks.ImageGroundTruth.path(g.category(), g.imageId()));
      for (org.semcycle.benchmarks.BenchmarkKeypoint k : truth.keypoints()) {
        if (!k.visible()) {
          boolean flip = hiddenPredicted == 0;
          preds.add(RowFactory.create(g.dataset(), g.category(), g.imageId(), null, "cycle-3d", "all-gt",
              k.semanticId(), k.x(), k.y(), flip, 1.0));
          hiddenPredicted++;
        }
      }
    }
    preds.add(prediction(images.get(0), "cycle-3d", "full", null, images.get(0).x(), images.get(0).y())); // duplicate
    GroundTruthRow extra = images.get(1);
    preds.add(RowFactory.create(extra.dataset(), extra.category(), extra.imageId(), null, "cycle-3d", "full", 999,
        1.0, 1.0, true, 1.0)); // a keypoint the truth lacks
    // Pair mode on SPair: right on the first pair, 30 tau_img off elsewhere, one keypoint missing.
    firstPair = spairPairs.get(0).pairId();
    String missingPair = spairPairs.stream().map(GroundTruthRow::pairId).filter(p -> !p.equals(firstPair)).findFirst().orElseThrow();
    boolean skipped = false;
    for (GroundTruthRow g : spairPairs) {
      if (g.pairId().equals(missingPair) && !skipped) {
        skipped = true;
        continue;
      }
      double off = g.pairId().equals(firstPair) ? 0 : 30 * g.tauImg();
      preds.add(prediction(g, "baseline-2d", "full", g.pairId(), g.x() + off, g.y()));
    }
    infer = tmp.resolve("infer");
    spark.createDataFrame(preds, PREDICTIONS).write().partitionBy("dataset").parquet(infer.resolve("predictions").toString());
    spark.createDataFrame(List.of(RowFactory.create("pix3d", rejectedImage.category(), rejectedImage.imageId(), null,
            "cycle-3d", "gt-viewpoint", "no object found")), org.semcycle.jobs.infer.InferTables.REJECTS)
        .write().parquet(infer.resolve("rejects").toString());

    // Viewpoints of the full setting on the first Pix3D image's category: angles 10, 20, 40, 50,
    // 100 (initial 5 each) and one image without a true camera, which is not scored.
    String cat = rejectedImage.category();
    List<Row> views = new ArrayList<>();
    double[] errors = {10, 20, 40, 50, 100};
    for (int i = 0; i < errors.length; i++) {
      views.add(RowFactory.create("pix3d", cat, "v" + i, "full", 0.0, 0.0, 2.0, 0.0, 0.0, 0.5, 0.0, 0.0, errors[i], 5.0));
    }
    views.add(RowFactory.create("pix3d", cat, "v9", "full", 0.0, 0.0, 2.0, 0.0, 0.0, 0.5, null, null, null, null));
    spark.createDataFrame(views, org.semcycle.jobs.infer.InferTables.VIEWPOINTS)
        .write().parquet(infer.resolve("viewpoints").toString());

    out = tmp.resolve("eval");
    s = EvaluateJob.run(spark, EvaluateCommand.settings(config), infer.toString(),
        List.of(sets.toString()), out.toString());

  }

  @Test
  void scoresPerfectShiftedAndPairPredictions() throws Exception {
    SparkSession spark = SparkTestSession.get();
    // Counts: every run scores every ground-truth row it covers.
    long spairPairRows = spairPairs.size();
    assertEquals(gt.size(), s.groundTruthRows());
    assertEquals(preds.size(), s.predictionRows());
    assertEquals(1, s.duplicatePredictions());
    assertEquals(1 + hiddenPredicted, s.unscoredPredictions(), "the truth has only visible keypoints");
    assertEquals(5L * gt.size() + spairPairRows, s.scoredRows(), s.line());
    // The rejected image's keypoints (its own and of the pairs it is the target of) are rejected, not missing.
    long rejectedRows = gt.stream().filter(g -> g.dataset().equals("pix3d") && g.imageId().equals(rejectedImage.imageId()))
        .count();
    assertTrue(rejectedRows > 0);
    assertEquals(1, s.missing(), s.line());
    assertEquals(rejectedRows, s.rejected(), s.line());
    assertEquals(List.of("spair baseline-2d / full (pairs): 1 of " + spairPairRows),
        s.defects().stream().map(m -> m.dataset() + " " + m.label() + ": " + m.missing() + " of " + m.keypoints()).toList());
    List<Row> scored = spark.read().parquet(out.resolve("scored").toString())
        .filter("method = 'cycle-3d' and setting = 'full'").collectAsList();
    assertEquals(gt.size(), scored.size(), "scored rows = ground-truth rows");

    Map<String, PckRow> pck = new LinkedHashMap<>();
    for (PckRow r : s.pck()) {
      pck.put(key(r.dataset(), r.category(), r.keypointId(), r.setting(), r.protocol(), r.unit(), r.tau(), r.alpha(), r.averaging()), r);
    }
    // Perfect predictions: 1.0 in every row of the run, per keypoint id too.
    s.pck().stream().filter(r -> r.setting().equals("full") && r.method().equals("cycle-3d"))
        .forEach(r -> assertEquals(1.0, r.pck(), 1e-12, r.toString()));
    assertTrue(s.pck().stream().anyMatch(r -> r.keypointId() != null && r.setting().equals("full")));

    // Shifted by 0.07 tau_img: img right at 0.10 and 0.15, wrong at 0.05; bbox as computed here.
    for (String ds : List.of("pix3d", "spair", "pfpascal")) {
      for (double a : Pck.ALPHAS) {
        List<GroundTruthRow> rows = images.stream().filter(g -> g.dataset().equals(ds)).toList();
        double expectImg = a < 0.07 ? 0 : 1;
        double expectBox = rows.stream().filter(g -> Pck.correct(0.07 * g.tauImg(), a, g.tauBbox())).count() / (double) rows.size();
        assertEquals(expectImg, pck.get(key(ds, "all", null, "no-finetune", "single", "image", "img", a, PckRow.PER_KEYPOINT)).pck(), 1e-9);
        assertEquals(expectBox, pck.get(key(ds, "all", null, "no-finetune", "single", "image", "bbox", a, PckRow.PER_KEYPOINT)).pck(), 1e-9,
            ds + " bbox @" + a);
      }
    }
    assertTrue(s.pck().stream().anyMatch(r -> r.setting().equals("no-finetune") && r.tau().equals("bbox") && r.pck() > 0 && r.pck() < 1),
        "the bbox threshold splits some keypoints");

    // Pair mode: per keypoint = right keypoints / all; per pair = 1 / pairs.
    long right = spairPairs.stream().filter(g -> g.pairId().equals(firstPair)).count();
    long pairs = spairPairs.stream().map(GroundTruthRow::pairId).distinct().count();
    PckRow perKeypoint = pck.get(key("spair", "all", null, "full", "pair", "pair", "img", 0.10, PckRow.PER_KEYPOINT));
    PckRow perPair = pck.get(key("spair", "all", null, "full", "pair", "pair", "img", 0.10, PckRow.PER_PAIR));
    assertEquals((double) right / spairPairRows, perKeypoint.pck(), 1e-12);
    assertEquals(1.0 / pairs, perPair.pck(), 1e-12);
    assertNotEquals(perKeypoint.pck(), perPair.pck(), 1e-6);
    assertEquals(1, perKeypoint.missing());
    assertEquals(pairs, perPair.units());

    // Subsets: viewpoint and the other SPair flags, conditions, ambiguity.
    List<PckRow> subsets = spark.read().parquet(out.resolve("pck_by_subset").toString()).collectAsList().stream()
        .map(EvaluationTables::pck).toList();
    assertTrue(subsets.stream().anyMatch(r -> r.method().equals("baseline-2d") && r.breakdown().equals("viewpoint")));
    for (String b : List.of("viewpoint", "scale", "truncation", "occlusion", "condition", "ambiguity")) {
      assertTrue(subsets.stream().anyMatch(r -> r.breakdown().equals(b)), b);
    }
    subsets.stream().filter(r -> r.setting().equals("full") && r.method().equals("cycle-3d"))
        .forEach(r -> assertEquals(1.0, r.pck(), 1e-12, r.toString()));
    // Condition counts: every Pix3D image keypoint is in clean, or in truncated and/or occluded.
    for (String sub : List.of("clean", "truncated", "occluded")) {
      long expect = images.stream().filter(g -> g.dataset().equals("pix3d")).filter(g -> switch (sub) {
        case "clean" -> !g.conditions().truncated() && !g.conditions().occluded();
        case "truncated" -> g.conditions().truncated();
        default -> g.conditions().occluded();
      }).count();
      long got = subsets.stream().filter(r -> r.dataset().equals("pix3d") && r.category().equals("all")
              && r.setting().equals("full") && r.unit().equals("image") && r.breakdown().equals("condition")
              && r.subset().equals(sub) && r.tau().equals("img") && r.averaging().equals(PckRow.PER_KEYPOINT)
              && Math.abs(r.alpha() - 0.10) < 1e-9)
          .mapToLong(PckRow::keypoints).findFirst().orElse(0L);
      assertEquals(expect, got, "pix3d " + sub);
    }
    // Flips: gt-3d predicts every ambiguous keypoint at its partner. Per data set, alpha and tau img:
    // flip rate = share of ambiguous keypoints whose partner is farther than alpha tau; PCK the rest.
    List<GroundTruthRow> ambiguous = images.stream().filter(GroundTruthRow::ambiguous).toList();
    assertTrue(ambiguous.size() > 5, "ambiguous keypoints in the set: " + ambiguous.size());
    for (String ds : List.of("pix3d", "spair", "pfpascal")) {
      List<GroundTruthRow> a = ambiguous.stream().filter(g -> g.dataset().equals(ds)).toList();
      if (a.isEmpty()) {
        continue;
      }
      for (double alpha : Pck.ALPHAS) {
        double flips = a.stream().filter(g -> Pck.distance(g.partnerX(), g.partnerY(), g.x(), g.y())
            > alpha * g.tauImg()).count() / (double) a.size();
        PckRow r = subsets.stream().filter(x -> x.dataset().equals(ds) && x.category().equals("all")
                && x.setting().equals("gt-3d") && x.unit().equals("image") && x.subset().equals("ambiguous")
                && x.tau().equals("img") && x.averaging().equals(PckRow.PER_KEYPOINT) && Math.abs(x.alpha() - alpha) < 1e-9)
            .findFirst().orElseThrow();
        assertEquals(flips, r.flipRate(), 1e-9, ds + " flip rate @" + alpha);
        assertEquals(1 - flips, r.pck(), 1e-9, ds + " ambiguous PCK @" + alpha);
      }
    }
    subsets.stream().filter(r -> r.setting().equals("full") && r.subset().equals("ambiguous"))
        .forEach(r -> assertEquals(0.0, r.flipRate(), 1e-12, r.toString()));
    String amb = Files.readString(out.resolve("tables/ambiguity.md"));
    assertTrue(amb.contains("cycle-3d / gt-3d") && amb.contains("flip"), amb);
    assertTrue(Files.readString(out.resolve("tables/condition.md")).contains("img clean"));
    assertTrue(Files.readString(out.resolve("tables/scale.md")).contains("spair img hard"));
    // Visibility: all-gt predicts the truth except one hidden keypoint called visible.
    String vis = Files.readString(out.resolve("visibility.csv"));
    JsonNode visJson = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("visibility");
    long tp = 0;
    long fp = 0;
    for (JsonNode n : visJson) {
      if (n.get("setting").asText().equals("all-gt")) {
        assertEquals(1.0, n.get("recall").asDouble(), 1e-12, n.toString());
        tp += n.get("visible").asLong();
        fp += n.get("precision").asDouble() < 1 ? 1 : 0;
      }
    }
    assertTrue(hiddenPredicted > 0 && tp > 0, vis);
    assertEquals(1, fp, vis);
    assertTrue(Files.readString(out.resolve("tables/visibility.md")).contains("cycle-3d / all-gt"));
    String table1 = Files.readString(out.resolve("tables/table1.md"));
    assertTrue(table1.contains("| cycle-3d / full | 1.000 | 1.000 | 1.000 |"), table1);
    assertTrue(table1.contains("| missing | rejected |"), table1);
    assertTrue(table1.contains("baseline-2d / full (pairs)"), table1);
    assertTrue(Files.exists(out.resolve("tables/table2.csv")));
    assertTrue(Files.exists(out.resolve("tables/table4.md")), "car");
    assertTrue(Files.readString(out.resolve("tables/viewpoint.md")).contains("spair img hard"));
    for (String ds : List.of("pix3d", "spair", "pfpascal")) {
      assertTrue(Files.size(out.resolve("plots/pck-" + ds + "-img.png")) > 1000, ds);
    }
    assertTrue(Files.readString(out.resolve("pck.csv")).startsWith("dataset,category,keypoint_id,method"));
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertEquals(s.scoredRows(), summary.get("counts").get("scored_rows").asLong());
    assertTrue(summary.get("headline").size() > 10);
    assertTrue(s.headline().contains("Table 1"), s.headline());
  }

  @Test
  void viewpointsAreScoredOverTheImagesWithATrueCamera() throws Exception {
    List<String> lines = java.nio.file.Files.readAllLines(out.resolve("viewpoints.csv"));
    assertEquals(List.of("dataset,category,setting,images,median_error_deg,accuracy_30,initial_median_error_deg,"
        + "initial_accuracy_30", "pix3d," + rejectedImage.category() + ",full,5,40.000,0.400000,5.000,1.000000"), lines);
    assertTrue(java.nio.file.Files.readString(out.resolve("tables/viewpoint-accuracy.md")).contains("| pix3d | "
        + rejectedImage.category() + " | cycle-3d / full | 5 | 40.0 | 0.400 | 5.0 | 1.000 |"));
  }

  @Test
  void reportRendersTablesAndPicturesInChromium() throws Exception {
    Path report = tmp.resolve("report");
    ReportJob.Summary r = ReportJob.run(SparkTestSession.get(), ReportCommand.settings(config), out.toString(),
        infer.toString(), List.of(sets.toString()), report.toString());
    assertEquals(0, r.notDrawn(), r.line());
    assertTrue(r.pictures() >= 6, r.line());
    String html = Files.readString(report.resolve("index.html"));
    assertTrue(html.contains("data-table=\"table1\""), "table 1 in the page");
    assertTrue(html.contains("images/failures/"), "failure pictures in the page");
    assertTrue(html.contains("plots/pck-spair-img.png"));
    Path chromium = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser").map(Path::of)
        .filter(Files::isExecutable).findFirst().orElse(null);
    Assumptions.assumeTrue(chromium != null,
        "chromium is not installed (Debian package chromium): the report was not opened in a browser");
    Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--virtual-time-budget=10000", "--dump-dom",
        report.resolve("index.html").toUri().toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String dom = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "chromium finished");
    long images = html.split("<img ", -1).length - 1;
    assertTrue(dom.contains("data-images-checked=\"" + images + "\""), "the page's script ran over every image: "
        + dom.substring(0, Math.min(400, dom.length())));
    long loaded = dom.split("data-loaded=\"yes\"", -1).length - 1;
    assertEquals(images, loaded, "every <img> decoded (naturalWidth > 0)");
    assertTrue(!dom.contains("data-loaded=\"no\""));
    assertTrue(dom.contains("<caption>Table 1: method comparison, chair"), "tables in the DOM");
    assertTrue(dom.contains("<td class=\"num\">1.000</td>"));
  }

  @Test
  void badGroundTruthIsRejectedOrNamed() throws Exception {
    // A corrupt image annotation becomes a reject naming the file.
    Path spair = tmp.resolve("badspair");
    copy(sets.resolve("spair"), spair);
    Path ann;
    try (Stream<Path> files = Files.walk(spair.resolve("ImageAnnotation"))) {
      ann = files.filter(p -> p.toString().endsWith(".json")).sorted().findFirst().orElseThrow();
    }
    Files.writeString(ann, "{\"filename\": ");
    EvaluateJob.Settings settings = EvaluateCommand.settings(config);
    GroundTruthExtractor.Result r = new GroundTruthExtractor(settings.ids(), settings.names(), settings.split(), settings.vocabulary())
        .extract(BenchmarkFormat.SPAIR, new LocalDataRoot(spair));
    assertEquals(1, r.rejects().size(), r.rejects().toString());
    assertTrue(r.rejects().get(0).reason().contains(ann.getFileName().toString()), r.rejects().toString());
    // A missing pair list is an error naming it.
    Files.delete(spair.resolve("Layout/large/test.txt"));
    Exception e = assertThrows(RuntimeException.class, () -> new GroundTruthExtractor(settings.ids(), settings.names(),
        settings.split(), settings.vocabulary()).extract(BenchmarkFormat.SPAIR, new LocalDataRoot(spair)));
    assertTrue(e.getMessage().contains("test.txt"), e.getMessage());
    // A folder without a set: the command names it.
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Exception none = assertThrows(IllegalArgumentException.class,
        () -> EvaluateJob.locate(SparkTestSession.get(), List.of(empty.toString())));
    assertTrue(none.getMessage().contains(empty.toString()), none.getMessage());
  }

  static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  static String key(String ds, String cat, Integer kp, String setting, String protocol, String unit, String tau, double alpha,
      String averaging) {
    return String.join("|", ds, cat, String.valueOf(kp), setting, protocol, unit, tau, String.format("%.2f", alpha), averaging);
  }
}
