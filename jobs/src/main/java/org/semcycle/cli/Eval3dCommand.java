package org.semcycle.cli;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.semcycle.datasets.keypointnet.AnnotationReader;
import org.semcycle.datasets.keypointnet.KeypointNetLayout;
import org.semcycle.datasets.keypointnet.ModelAnnotation;
import org.semcycle.datasets.keypointnet.SplitEntry;
import org.semcycle.datasets.keypointnet.Splits;
import org.semcycle.datasets.shapenet.ShapeNetCatalog;
import org.semcycle.embedding.EmbeddingNet;
import org.semcycle.embedding.KeypointDatabase;
import org.semcycle.evaluation.EmbeddingBenchmark3d;
import org.semcycle.evaluation.PredictionLikeCorruption;
import org.semcycle.jobs.Eval3dJob;
import org.semcycle.jobs.KeypointDatabases;
import org.semcycle.networks.DjlRuntime;
import org.semcycle.spark.DataSetRoots;
import org.semcycle.spark.HadoopDataRoot;
import org.semcycle.spark.Locations;
import org.semcycle.spark.Sessions;
import org.semcycle.spark.dl.LocalModelCopies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code semcycle eval3d}: PCK-3D of the keypoint embedding alone, on clean and corrupted shapes. */
@Command(
    name = "eval3d",
    mixinStandardHelpOptions = true,
    description = {
      "PCK-3D of the keypoint embedding alone, on clean and corrupted shapes.",
      "Samples points on each split model's mesh (clean) and on its 32^3 voxel round trip with",
      "Gaussian noise (corrupted), transfers the keypoints from the kpdb database (mean and k-NN",
      "vote) and scores them against the true ones, with the nearest-sample reference.",
      "Runs on the driver (Spark only reads the kpdb Parquet). Writes OUT/pck3d.csv, OUT/pck3d.png",
      "and OUT/pck3d.json."
    })
public final class Eval3dCommand implements Callable<Integer> {
  @Option(
      names = "--shapes",
      required = true,
      description = "A synth output folder (with ShapeNetCore.v2/ and KeypointNet/) or a ShapeNetCore.v2 root.")
  String shapes;

  @Option(names = "--keypoints", description = "KeypointNet root with annotations/ and splits/ (default: SHAPES/KeypointNet).")
  String keypoints;

  @Option(names = "--kpdb", required = true, description = "Output folder of semcycle kpdb (its keypoints/ table).")
  String kpdb;

  @Option(names = "--embedder", required = true, description = "Embedder model folder (the one kpdb used).")
  String embedder;

  @Option(names = "--out", required = true, description = "Output folder (local path, hdfs://, s3a://).")
  String out;

  @Option(names = "--split", description = "Models evaluated: train, val, test or all (semcycle.eval3d.split).")
  String split;

  @Option(names = "--points", description = "Points sampled per shape (semcycle.eval3d.points).")
  Integer points;

  @Option(names = "--noise", description = "Gaussian noise sigma of the corrupted condition, object units (semcycle.eval3d.noise).")
  Double noise;

  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("semcycle.eval3d.split", split);
    o.put("semcycle.eval3d.points", points);
    o.put("semcycle.eval3d.noise", noise);
    Config c = common.load(o);
    Preflight check = new Preflight(c);
    check.exists(shapes, "--shapes");
    check.kpdb(kpdb, "--kpdb");
    check.folderWith(embedder, "--embedder", "a trained embedder; semcycle train --net embed makes one", "embedder.json");
    SparkSession spark = Sessions.create(c, "eval3d");
    try {
      Eval3dJob.Summary s = run(spark, c, shapes, keypoints, kpdb, embedder, out);
      System.out.print(s.table());
      System.out.println(s.line());
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** The benchmark settings of the configuration ({@code semcycle.eval3d}, {@code semcycle.seed}). */
  public static EmbeddingBenchmark3d.Settings settings(Config c) {
    Config e = c.getConfig("semcycle.eval3d");
    return new EmbeddingBenchmark3d.Settings(
        e.getInt("points"),
        new PredictionLikeCorruption(e.getInt("voxel-resolution"), e.getDouble("iso"), e.getDouble("noise")),
        e.getInt("knn"),
        c.getLong("semcycle.seed"));
  }

  /** Locates the inputs, reads the database and the embedder, runs the job (tests call this). */
  public static Eval3dJob.Summary run(
      SparkSession spark, Config c, String shapes, String keypoints, String kpdb, String embedder, String out) {
    String split = c.getString("semcycle.eval3d.split");
    if (!split.equals("all") && !Splits.NAMES.contains(split)) {
      throw new IllegalArgumentException("--split: one of " + Splits.NAMES + " or all, not " + split);
    }
    EmbeddingBenchmark3d.Settings settings = settings(c);
    DataSetRoots roots = DataSetRoots.locate(spark, shapes, keypoints);
    HadoopDataRoot shapeRoot = roots.shapes();
    HadoopDataRoot kpRoot = roots.keypoints();
    if (kpRoot == null || kpRoot.list("annotations").isEmpty()) {
      throw new IllegalArgumentException("eval3d needs KeypointNet annotations: no "
          + (kpRoot == null ? "KeypointNet root (--keypoints)" : kpRoot.describe("annotations")));
    }
    Map<String, ModelAnnotation> annotations = new LinkedHashMap<>();
    for (String file : kpRoot.list("annotations")) {
      if (file.endsWith(".json")) {
        for (ModelAnnotation a : AnnotationReader.read(kpRoot, "annotations/" + file)) {
          annotations.put(a.classId() + "-" + a.modelId(), a);
        }
      }
    }
    List<Eval3dJob.ModelTask> tasks = new ArrayList<>();
    if (split.equals("all")) {
      for (ModelAnnotation a : annotations.values()) {
        tasks.add(new Eval3dJob.ModelTask(a.classId(), a.modelId(),
            ShapeNetCatalog.objPath(a.classId(), a.modelId()), a));
      }
    } else {
      String file = KeypointNetLayout.split(split);
      if (!kpRoot.exists(file)) {
        throw new IllegalArgumentException("no " + split + " split: " + kpRoot.describe(file) + " is missing");
      }
      for (SplitEntry e : Splits.read(kpRoot, file)) {
        tasks.add(new Eval3dJob.ModelTask(e.synsetId(), e.modelId(),
            ShapeNetCatalog.objPath(e.synsetId(), e.modelId()), annotations.get(e.key())));
      }
    }
    KeypointDatabase db = KeypointDatabases.read(spark, kpdb);
    if (db.size() == 0) {
      throw new IllegalArgumentException("the keypoint database at " + kpdb + " is empty");
    }
    System.err.printf("eval3d: %d %s models from %s; database %d keypoints (%s); %d points, noise %.4f, %d^3 voxels%n",
        tasks.size(), split, shapeRoot, db.size(), String.join(",", db.synsets()), settings.points(),
        settings.corruption().noiseSigma(), settings.corruption().voxelResolution());
    DjlRuntime.inferenceMode();
    try (EmbeddingNet net = load(Locations.root(spark, embedder))) {
      EmbeddingBenchmark3d benchmark = new EmbeddingBenchmark3d(net, db, settings);
      return Eval3dJob.run(tasks, shapeRoot, benchmark, db, split, Locations.sink(spark, out), System.err);
    }
  }

  private static EmbeddingNet load(HadoopDataRoot dir) {
    try {
      return EmbeddingNet.load(LocalModelCopies.local(dir));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the embedder at " + dir.root(), e);
    }
  }
}
