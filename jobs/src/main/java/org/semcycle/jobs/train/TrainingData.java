package org.semcycle.jobs.train;

import org.semcycle.spark.Sessions;
import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.semcycle.datasets.keypointnet.AnnotationReader;
import org.semcycle.datasets.keypointnet.Keypoint;
import org.semcycle.datasets.keypointnet.KeypointNetLayout;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;
import org.semcycle.datasets.keypointnet.ModelAnnotation;
import org.semcycle.datasets.keypointnet.PcdReader;
import org.semcycle.datasets.keypointnet.PointCloud;
import org.semcycle.datasets.keypointnet.SplitEntry;
import org.semcycle.datasets.keypointnet.Splits;
import org.semcycle.embedding.BackgroundPoints;
import org.semcycle.io.Seeds;
import org.semcycle.spark.DataSetRoots;
import org.semcycle.spark.HadoopDataRoot;
import org.semcycle.spark.Locations;
import org.semcycle.training.views.RenderedSample;

/**
 * Reads training data for {@code semcycle train} on the driver: the render job's views (and
 * voxels), split into train and val by the KeypointNet split recorded in each row; or
 * KeypointNet point clouds with per-point semantic ids for the embedder.
 */
public final class TrainingData {
  private TrainingData() {}

  /** Train and validation samples. */
  public record Split(List<RenderedSample> train, List<RenderedSample> val) {}

  /** Point clouds (3 floats a point) with per-point ids (-1 none, -2 background). */
  public record Clouds(List<float[]> xyz, List<int[]> labels, int points) {}

  public static Split views(SparkSession spark, Config c, String renderOut, boolean withVoxels, int maxTrain) {
    try (Sessions.Described described = Sessions.describe(spark, "train: read the rendered views")) {
      String root = Locations.qualify(renderOut);
      Dataset<Row> v = read(spark, c, root, withVoxels);
      List<RenderedSample> train = collect(v.where("split = 'train'").limit(maxTrain));
      List<RenderedSample> val = collect(v.where("split = 'val'"));
      if (train.isEmpty()) {
        List<String> synsets = synsets(c);
        throw new IllegalArgumentException(root + "/views has no train-split views" + (synsets.isEmpty() ? "" : " for synsets " + synsets));
      }
      return new Split(train, val);
    }
  }

  /** Every view of the render job's output, whatever its split (semcycle.train.categories only). */
  public static List<RenderedSample> allViews(SparkSession spark, Config c, String renderOut, boolean withVoxels) {
    try (Sessions.Described described = Sessions.describe(spark, "check: read the rendered views")) {
      String root = Locations.qualify(renderOut);
      List<RenderedSample> all = collect(read(spark, c, root, withVoxels));
      if (all.isEmpty()) {
        throw new IllegalArgumentException(root + "/views has no views for synsets " + synsets(c));
      }
      return all;
    }
  }

  /** The views of the configured categories in a fixed order, joined with their voxel grids when asked. */
  private static Dataset<Row> read(SparkSession spark, Config c, String root, boolean withVoxels) {
    Dataset<Row> v = spark.read().parquet(root + "/views");
    List<String> synsets = synsets(c);
    if (!synsets.isEmpty()) {
      v = v.where(functions.col("synset").isin(synsets.toArray()));
    }
    if (withVoxels) {
      Dataset<Row> vox = spark.read().parquet(root + "/voxels").select("synset", "model_id", "resolution", "occupancy");
      v = v.join(vox, scala.jdk.javaapi.CollectionConverters.asScala(List.of("synset", "model_id")).toSeq(), "left");
    } else {
      v = v.withColumn("resolution", functions.lit(0)).withColumn("occupancy", functions.lit(null).cast("binary"));
    }
    return v.orderBy(functions.expr("xxhash64(synset, model_id, view_id)"));
  }

  private static List<RenderedSample> collect(Dataset<Row> d) {
    List<RenderedSample> out = new ArrayList<>();
    for (Row r :
        d.select("synset", "model_id", "view_id", "rgb", "depth", "depth_min", "depth_max", "normal",
                "silhouette", "azimuth", "elevation", "occupancy", "resolution", "intrinsics", "extrinsics")
            .collectAsList()) {
      out.add(
          new RenderedSample(
              r.getString(0) + "/" + r.getString(1) + "#" + r.getInt(2),
              (byte[]) r.get(3), (byte[]) r.get(4), r.getDouble(5), r.getDouble(6), (byte[]) r.get(7),
              (byte[]) r.get(8), r.getDouble(9), r.getDouble(10), (byte[]) r.get(11), r.isNullAt(12) ? 0 : r.getInt(12),
              doubles(r, 13), doubles(r, 14)));
    }
    return out;
  }

  private static double[] doubles(Row r, int i) {
    if (r.isNullAt(i)) {
      return null;
    }
    List<Double> l = r.getList(i);
    double[] a = new double[l.size()];
    for (int k = 0; k < a.length; k++) {
      a[k] = l.get(k);
    }
    return a;
  }

  static List<String> synsets(Config c) {
    List<String> names = c.getStringList("semcycle.train.categories");
    if (names.isEmpty()) {
      return List.of();
    }
    KeypointVocabulary vocab = KeypointVocabulary.fromConfig(c);
    List<String> s = new ArrayList<>();
    for (String n : names) {
      s.add(vocab.category(n).synset());
    }
    return s;
  }

  /**
   * Semantic ids are per category (chair id 0 is not car id 0), so clouds of several categories
   * are labelled {@code CATEGORY_STRIDE * categoryIndex + id}, the index in conf/keypoints.conf's
   * order: the contrastive loss then never pairs keypoints of different categories.
   */
  public static final int CATEGORY_STRIDE = 1000;

  /**
   * The clouds of one split's models, each labelled with its keypoints' semantic ids; at most
   * {@code maxPerCategory} models of each category (the first in the annotation files' order).
   */
  public static Clouds clouds(SparkSession spark, Config c, String keypoints, String split, int background,
      int maxPerCategory) {
    try (Sessions.Described described = Sessions.describe(spark, "train: read the point clouds")) {
      HadoopDataRoot root = DataSetRoots.keypointNet(spark, keypoints);
      Map<String, Boolean> wanted = new HashMap<>();
      String rel = KeypointNetLayout.split(split);
      if (root.exists(rel)) {
        for (SplitEntry e : Splits.read(root, rel)) {
          wanted.put(e.key(), true);
        }
      }
      List<String> synsets = synsets(c);
      KeypointVocabulary vocab = KeypointVocabulary.fromConfig(c);
      List<String> order = new ArrayList<>();
      for (String cat : vocab.categories()) {
        order.add(vocab.category(cat).synset());
      }
      List<float[]> xyz = new ArrayList<>();
      List<int[]> labels = new ArrayList<>();
      Map<String, Integer> perCategory = new HashMap<>();
      int points = -1;
      for (String file : root.list("annotations")) {
        if (!file.endsWith(".json")) {
          continue;
        }
        for (ModelAnnotation a : AnnotationReader.read(root, "annotations/" + file)) {
          if (!wanted.containsKey(a.classId() + "-" + a.modelId()) || (!synsets.isEmpty() && !synsets.contains(a.classId()))
              || perCategory.merge(a.classId(), 1, Integer::sum) > maxPerCategory) {
            continue;
          }
          PointCloud pcd = PcdReader.read(root, KeypointNetLayout.pcd(a.classId(), a.modelId()));
          int[] ids = new int[pcd.size()];
          java.util.Arrays.fill(ids, -1);
          for (Keypoint k : a.keypoints()) {
            ids[k.pcdPointIndex()] = CATEGORY_STRIDE * Math.max(0, order.indexOf(a.classId())) + k.semanticId();
          }
          if (background > 0) {
            ids = BackgroundPoints.mark(pcd.xyz(), ids, background, 0.1, Seeds.mix(c.getLong("semcycle.seed"), "background", a.modelId()));
          }
          xyz.add(pcd.xyz());
          labels.add(ids);
          points = pcd.size();
        }
      }
      return new Clouds(xyz, labels, points);
    }
  }
}
