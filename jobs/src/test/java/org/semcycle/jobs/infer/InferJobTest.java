package org.semcycle.jobs.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.ndarray.types.Shape;
import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.benchmarks.BenchmarkKeypoint;
import org.semcycle.benchmarks.ImageGroundTruth;
import org.semcycle.cli.BenchmarkCommand;
import org.semcycle.cli.InferCommand;
import org.semcycle.cli.KpdbCommand;
import org.semcycle.cli.SemcycleConfig;
import org.semcycle.embedding.EmbedderConfig;
import org.semcycle.embedding.EmbeddingNet;
import org.semcycle.io.LocalDataRoot;
import org.semcycle.io.LocalDataSink;
import org.semcycle.networks.SketchNet;
import org.semcycle.networks.ViewNet;
import org.semcycle.networks.VoxelNet;
import org.semcycle.spark.SparkTestSession;
import org.semcycle.synthetic.SynthSpec;
import org.semcycle.synthetic.SyntheticWorld;
import org.semcycle.training.ModelFiles;

/**
 * The infer job on local[2] over a real benchmark set (Pix3D layout) with small untrained nets:
 * every (image, setting) gives keypoint rows or a reject; the all-gt setting (true 2.5D, shape,
 * viewpoint and keypoints: only projection and visibility remain) reproduces the set's own
 * annotation: PCK@0.05 >= 0.98 and the same visibility, self-occluded keypoints included.
 */
class InferJobTest {
  @TempDir static Path tmp;
  static Path data;
  static Path models;

  @BeforeAll
  static void prepare() throws Exception {
    data = tmp.resolve("data");
    models = tmp.resolve("models");
    writeWorld(data, models);
  }

  /**
   * Three synthetic chairs (one train, two test) and small untrained nets of every kind the
   * cycle loads, at 32 px: what the infer tests run on.
   */
  static void writeWorld(Path data, Path models) throws Exception {
    SynthSpec s = org.semcycle.cli.TestSpecs.synth(config(), List.of("chair"), 3);
    SyntheticWorld.write(new SynthSpec(s.seed(), s.categories(), 3, 0.34, 0, 256, s.vocabulary()),
        new LocalDataSink(data), 2);
    save(new SketchNet(new SketchNet.Options(32, 4, 1f)), new SketchNet.Options(32, 4, 1f),
        new Shape(1, 3, 32, 32), models.resolve("sketch"), "sketch");
    VoxelNet.Options vo = new VoxelNet.Options(32, 4, 4, 16, 16, 4);
    save(new VoxelNet(vo), vo, new Shape(1, 4, 32, 32), models.resolve("voxel"), "voxel");
    save(new ViewNet(new ViewNet.Options(32, 3, 4)), new ViewNet.Options(32, 3, 4),
        new Shape(1, 3, 32, 32), models.resolve("view"), "view");
    save(new ViewNet(new ViewNet.Options(32, 5, 4)), new ViewNet.Options(32, 5, 4),
        new Shape(1, 5, 32, 32), models.resolve("view-sketch"), "view");
    try (EmbeddingNet net = EmbeddingNet.create(EmbedderConfig.small().withEmbeddingDim(16), 3)) {
      net.save(models.resolve("embed"));
    }
  }

  static void save(Block b, Object options, Shape in, Path dir, String name) throws Exception {
    ai.djl.engine.Engine.getInstance().setRandomSeed(7); // the same untrained nets on every run
    try (NDManager m = NDManager.newBaseManager()) {
      b.initialize(m, DataType.FLOAT32, in);
      ModelFiles.save(b, options, dir, name);
    }
  }

  static Config config() {
    return SemcycleConfig.load(null, List.of(), Map.of(
        "semcycle.benchmark.images-per-model", 3,
        "semcycle.benchmark.image-size", 64,
        "semcycle.benchmark.supersampling", 1,
        "semcycle.benchmark.pairs-per-category", 2,
        "semcycle.benchmark.preview", 0,
        "semcycle.kpdb.split", "all",
        "semcycle.infer.fit.steps", 4,
        "semcycle.infer.transfer.points", 256,
        "semcycle.infer.visualize", 1,
        "semcycle.spark.partitions", 2));
  }

  @Test
  void everyImageAndSettingIsPredictedOrRejectedAndAllGtReproducesTheAnnotation() throws Exception {
    SparkSession spark = SparkTestSession.get();
    Config c = config();
    BenchmarkCommand.run(spark, c, data.toString(), null, tmp.resolve("bench").toString());
    KpdbCommand.run(spark, c, data.toString(), models.resolve("embed").toString(),
        tmp.resolve("kpdb").toString());
    String out = tmp.resolve("infer").toString();
    InferJob.Summary sum = InferCommand.run(spark, c, List.of("pix3d"),
        tmp.resolve("bench").toString(), models.toString(), tmp.resolve("kpdb").toString(),
        data.toString(), List.of("all"), null, out);
    int records = new org.semcycle.datasets.pix3d.Pix3dReader(
        new LocalDataRoot(tmp.resolve("bench/pix3d"))).readIndex().size();
    assertTrue(records >= 3);
    assertEquals(records, sum.images(), sum.line());
    assertEquals(8, sum.settings());
    List<Row> preds = spark.read().parquet(out + "/predictions").collectAsList();
    List<Row> rejects = spark.read().parquet(out + "/rejects").collectAsList();
    long predicted = spark.read().parquet(out + "/predictions")
        .select("image_id", "setting").distinct().count();
    assertEquals(sum.images() * sum.settings(), predicted + rejects.size(), rejects.toString());
    for (Row r : rejects) {
      assertTrue(!r.getString(r.fieldIndex("reason")).isBlank());
    }
    // all-gt against the set's ground truth.
    LocalDataRoot set = new LocalDataRoot(tmp.resolve("bench/pix3d"));
    Map<String, Row> allGt = new HashMap<>();
    for (Row r : preds) {
      if (r.getString(r.fieldIndex("setting")).equals("all-gt")) {
        allGt.put(r.getString(r.fieldIndex("image_id")) + "#" + r.getInt(r.fieldIndex("keypoint_id")), r);
      }
    }
    int scored = 0, correct = 0, agree = 0, compared = 0, selfOccluded = 0;
    for (String id : allGt.keySet().stream().map(k -> k.split("#")[0]).distinct().toList()) {
      ImageGroundTruth g = ImageGroundTruth.read(set, ImageGroundTruth.path("chair", id));
      double tau = Math.max(g.width(), g.height());
      for (BenchmarkKeypoint k : g.keypoints()) {
        Row p = allGt.get(id + "#" + k.semanticId());
        if (p == null || !Double.isFinite(k.x())) {
          continue;
        }
        boolean visible = p.getBoolean(p.fieldIndex("visible"));
        if (!k.hiddenByOccluder()) { // occluders are not part of the mesh
          compared++;
          agree += visible == k.visible() ? 1 : 0;
          if (!k.visible()) {
            selfOccluded++;
            assertTrue(!visible, "self-occluded keypoint " + k.semanticId() + " of " + id + " predicted visible");
          }
        }
        if (k.visible()) {
          scored++;
          double d = Math.hypot(p.getDouble(p.fieldIndex("x")) - k.x(), p.getDouble(p.fieldIndex("y")) - k.y());
          correct += d <= 0.05 * tau ? 1 : 0;
        }
      }
    }
    assertTrue(scored > 10, "scored " + scored);
    assertTrue(correct >= 0.98 * scored, "all-gt PCK@0.05 = " + correct + "/" + scored);
    assertTrue(agree >= 0.95 * compared, "visibility agrees on " + agree + "/" + compared);
    assertTrue(selfOccluded > 0, "the set has no self-occluded keypoint to check");
    assertTrue(Files.exists(tmp.resolve("infer/summary.json")));
    assertTrue(Files.readString(tmp.resolve("infer/timings.csv")).startsWith("setting,stage,mean_ms,images"));
    // A viewpoint row per predicted (image, setting) whose camera is predicted, with its error
    // against the true camera (every setting ran, so the truth was read).
    java.util.Set<String> trueCamera = java.util.Set.of("gt-viewpoint", "all-gt");
    long predictedCameras = spark.read().parquet(out + "/predictions").select("image_id", "setting").distinct()
        .collectAsList().stream().filter(r -> !trueCamera.contains(r.getString(1))).count();
    List<Row> views = spark.read().parquet(out + "/viewpoints").collectAsList();
    assertEquals(predictedCameras, views.size());
    for (Row v : views) {
      String setting = v.getString(v.fieldIndex("setting"));
      double err = v.getDouble(v.fieldIndex("error_deg"));
      assertEquals(org.semcycle.training.Metrics.viewpointAngle(v.getDouble(v.fieldIndex("azimuth")),
          v.getDouble(v.fieldIndex("elevation")), v.getDouble(v.fieldIndex("true_azimuth")),
          v.getDouble(v.fieldIndex("true_elevation"))), err, 1e-9);
      assertTrue(err >= 0 && err <= 180, setting + " error " + err);
      if (setting.equals("no-finetune")) {
        assertEquals(v.getDouble(v.fieldIndex("initial_azimuth")), v.getDouble(v.fieldIndex("azimuth")), 1e-9);
        assertTrue(v.isNullAt(v.fieldIndex("fit_iou")));
      } else if (setting.equals("full")) {
        assertTrue(!v.isNullAt(v.fieldIndex("fit_iou")));
      }
    }
    assertTrue(Files.readString(tmp.resolve("infer/viewpoints.csv")).startsWith("dataset,category,image_id,setting,"));
    try (var pics = Files.list(tmp.resolve("infer/visualize"))) {
      assertEquals(1, pics.count());
    }
    try (var dense = Files.list(tmp.resolve("infer/dense"))) {
      assertEquals(1, dense.count());
    }
  }

  @Test
  void pairModeGivesARowPerLabelledSourceKeypointOrARejectPerPair() throws Exception {
    SparkSession spark = SparkTestSession.get();
    Config c = config().withValue("semcycle.infer.pair-settings",
        com.typesafe.config.ConfigValueFactory.fromIterable(List.of("all-gt")));
    Path bench = tmp.resolve("bench-pairs");
    BenchmarkCommand.run(spark, c, data.toString(), null, bench.toString());
    KpdbCommand.run(spark, c, data.toString(), models.resolve("embed").toString(),
        tmp.resolve("kpdb-pairs").toString());
    String out = tmp.resolve("infer-pairs").toString();
    InferCommand.run(spark, c, List.of("spair"), bench.toString(), models.toString(),
        tmp.resolve("kpdb-pairs").toString(), data.toString(), List.of("all-gt"), null, out);
    LocalDataRoot set = new LocalDataRoot(bench.resolve("spair"));
    var reader = new org.semcycle.datasets.spair.SpairReader(set);
    var names = reader.pairNames(org.semcycle.datasets.spair.SpairSplit.TEST);
    assertTrue(!names.isEmpty());
    long expected = 0;
    Map<String, java.util.Set<Integer>> idsByPair = new HashMap<>();
    for (var n : names) {
      var pair = reader.readPair(org.semcycle.datasets.spair.SpairSplit.TEST, n);
      expected += org.semcycle.images.ImagePair.labelled(pair.srcKps()).size();
      java.util.Set<Integer> ids = new java.util.TreeSet<>();
      for (int k : org.semcycle.images.ImagePair.labelled(pair.srcKps())) {
        ids.add(pair.keypointIds()[k]);
      }
      idsByPair.put(org.semcycle.evaluation.PairIds.spair(n), ids);
    }
    // Each pair's rows carry SPair's own keypoint ids (kps_ids), not list positions.
    Map<String, java.util.Set<Integer>> predictedIds = new HashMap<>();
    for (Row r : spark.read().parquet(out + "/predictions").where("pair_id is not null").collectAsList()) {
      predictedIds.computeIfAbsent(r.getString(r.fieldIndex("pair_id")), k -> new java.util.TreeSet<>())
          .add(r.getInt(r.fieldIndex("keypoint_id")));
    }
    predictedIds.forEach((pair, ids) -> assertEquals(idsByPair.get(pair), ids, pair));
    long rows = spark.read().parquet(out + "/predictions").where("pair_id is not null").count();
    long rejected = spark.read().parquet(out + "/rejects").where("pair_id is not null").count();
    assertTrue(rows == expected || rejected > 0, rows + " pair rows for " + expected + " labelled keypoints");
    assertEquals(names.size(), spark.read().parquet(out + "/predictions").where("pair_id is not null")
        .select("pair_id").distinct().count() + rejected);
  }

  @Test
  void aResumedRunEqualsAnUninterruptedOneAndResumingACompleteOutputComputesNothing() throws Exception {
    SparkSession spark = SparkTestSession.get();
    Config c = config().withValue("semcycle.infer.pair-settings",
        com.typesafe.config.ConfigValueFactory.fromIterable(List.of("all-gt")))
        .withValue("semcycle.infer.visualize", com.typesafe.config.ConfigValueFactory.fromAnyRef(0));
    Config resume = c.withValue("semcycle.output.mode",
        com.typesafe.config.ConfigValueFactory.fromAnyRef("resume"));
    Path bench = tmp.resolve("bench-resume");
    BenchmarkCommand.run(spark, c, data.toString(), null, bench.toString());
    KpdbCommand.run(spark, c, data.toString(), models.resolve("embed").toString(),
        tmp.resolve("kpdb-resume").toString());
    String kpdb = tmp.resolve("kpdb-resume").toString();
    List<String> sets = List.of("pix3d", "spair");
    String whole = tmp.resolve("infer-whole").toString();
    InferCommand.run(spark, c, sets, bench.toString(), models.toString(), kpdb, data.toString(),
        List.of("all-gt"), null, whole);
    // "Killed" after the Pix3D images were published, then resumed over both sets.
    String resumed = tmp.resolve("infer-resumed").toString();
    InferCommand.run(spark, resume, List.of("pix3d"), bench.toString(), models.toString(), kpdb,
        data.toString(), List.of("all-gt"), null, resumed);
    InferCommand.run(spark, resume, sets, bench.toString(), models.toString(), kpdb,
        data.toString(), List.of("all-gt"), null, resumed);
    org.semcycle.testing.Tables.assertSameRows(spark, whole + "/predictions", resumed + "/predictions");
    org.semcycle.testing.Tables.assertSameRows(spark, whole + "/rejects", resumed + "/rejects");
    long before = spark.read().parquet(resumed + "/timings").count();
    InferCommand.run(spark, resume, sets, bench.toString(), models.toString(), kpdb,
        data.toString(), List.of("all-gt"), null, resumed);
    assertEquals(before, spark.read().parquet(resumed + "/timings").count());
    try (var st = Files.list(tmp.resolve("infer-resumed"))) {
      assertTrue(st.noneMatch(f -> f.getFileName().toString().startsWith("_staging")));
    }
  }

  @Test
  void theBadInputCorpusGivesARejectWithItsReasonForEveryBrokenImageAndNothingIsLost() throws Exception {
    SparkSession spark = SparkTestSession.get();
    Config c = config().withValue("semcycle.infer.visualize", com.typesafe.config.ConfigValueFactory.fromAnyRef(0));
    var corpus = org.semcycle.testing.BadInputCorpus.write(tmp.resolve("corpus"), c);
    KpdbCommand.run(spark, c, data.toString(), models.resolve("embed").toString(),
        tmp.resolve("kpdb-bad").toString());
    String kpdb = tmp.resolve("kpdb-bad").toString();
    int pix3dInputs = org.semcycle.testing.BadInputCorpus.PIX3D_CASES.size() + 2;
    String out = tmp.resolve("infer-bad-pix3d").toString();
    InferJob.Summary p = InferCommand.run(spark, c, List.of("pix3d"), corpus.pix3d().toString(),
        models.toString(), kpdb, null, List.of("full", "no-finetune"), null, out);
    assertEquals(pix3dInputs, p.images() + p.listingRejects(), p.line());
    assertEquals(p.images() * p.settings(), p.predictedPairs() + p.rejectedPairs(), p.line());
    String reasons = spark.read().parquet(out + "/rejects").collectAsList().toString();
    for (var k : org.semcycle.testing.BadInputCorpus.PIX3D_CASES) {
      assertTrue(reasons.contains(k.reason()), "no reject saying '" + k.reason() + "' in " + reasons);
    }
    String spairOut = tmp.resolve("infer-bad-spair").toString();
    InferJob.Summary s = InferCommand.run(spark, c, List.of("spair"), corpus.spair().toString(),
        models.toString(), kpdb, null, List.of("full"), null, spairOut);
    assertEquals(s.images() * s.settings(), s.predictedPairs() + s.rejectedPairs(), s.line());
    String spairReasons = spark.read().parquet(spairOut + "/rejects").collectAsList().toString();
    for (var k : org.semcycle.testing.BadInputCorpus.SPAIR_IMAGE_CASES) {
      assertTrue(spairReasons.contains(k.key()), "no reject of " + k.key() + " in " + spairReasons);
    }
  }
}
