package org.semcycle.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.cli.RenderCommand;
import org.semcycle.cli.SemcycleConfig;
import org.semcycle.io.LocalDataSink;
import org.semcycle.spark.SparkTestSession;
import org.semcycle.synthetic.SyntheticWorld;

/** The render job on local[2]: schema, counts, rejects, and independence from partitioning. */
class RenderJobTest {
  @TempDir static Path tmp;
  static Path data;
  static final int MODELS = 3;
  static final int VIEWS = 2;

  @BeforeAll
  static void synth() throws Exception {
    data = tmp.resolve("data");
    Config c = config(2);
    SyntheticWorld.write(
        org.semcycle.cli.TestSpecs.synth(c, List.of("chair", "car"), MODELS), new LocalDataSink(data), 2);
    // A model whose OBJ is cut mid-line, and a model folder without an OBJ.
    Path bad = data.resolve("ShapeNetCore.v2/03001627/0000000000000000000000000000dead/models");
    Files.createDirectories(bad);
    Files.writeString(bad.resolve("model_normalized.obj"), "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\nv 0.5 0.");
    Files.createDirectories(data.resolve("ShapeNetCore.v2/03001627/0000000000000000000000000000beef/models"));
  }

  static Config config(int partitions) {
    return SemcycleConfig.load(
        null,
        List.of(),
        Map.of(
            "semcycle.render.views-per-model", VIEWS,
            "semcycle.render.image-size", 32,
            "semcycle.render.supersampling", 1,
            "semcycle.render.voxel-resolution", 16,
            "semcycle.render.preview", 4,
            "semcycle.spark.partitions", partitions));
  }

  @Test
  void writesEveryModelTimesViewsOrARejectAndDoesNotDependOnPartitions() throws Exception {
    SparkSession s = SparkTestSession.get();
    RenderJob.Summary a = RenderCommand.run(s, config(1), data.toString(), null, tmp.resolve("r1").toString());
    RenderJob.Summary b = RenderCommand.run(s, config(3), data.toString(), null, tmp.resolve("r3").toString());
    int good = 2 * MODELS;
    assertEquals(good * VIEWS, a.views());
    assertEquals(good, a.voxels());
    assertEquals(2, a.rejects());
    assertEquals(a.models(), good + 2, "input count = output + rejects");

    Dataset<Row> views = s.read().parquet(tmp.resolve("r1/views").toString());
    for (String col : List.of("synset", "model_id", "view_id", "azimuth", "elevation", "distance", "in_plane",
        "intrinsics", "extrinsics", "rgb", "depth", "depth_min", "depth_max", "normal", "silhouette", "keypoints")) {
      assertTrue(List.of(views.columns()).contains(col), "views has column " + col);
    }
    List<Row> rejects = s.read().parquet(tmp.resolve("r1/rejects").toString()).collectAsList();
    String reasons = rejects.toString();
    assertTrue(reasons.contains("truncated"), reasons);
    assertTrue(reasons.contains("dead") && reasons.contains("beef"), reasons);

    List<Row> r1 = sorted(s, tmp.resolve("r1/views"));
    List<Row> r3 = sorted(s, tmp.resolve("r3/views"));
    assertEquals(r1.size(), r3.size());
    for (int i = 0; i < r1.size(); i++) {
      assertEquals(r1.get(i).getString(0), r3.get(i).getString(0));
      assertEquals(r1.get(i).getDouble(3), r3.get(i).getDouble(3));
      assertArrayEquals((byte[]) r1.get(i).get(4), (byte[]) r3.get(i).get(4), "same rgb bytes");
      assertEquals(r1.get(i).getList(5), r3.get(i).getList(5), "same keypoints");
    }
    assertTrue(Files.size(tmp.resolve("r1/preview.png")) > 1000);
    assertTrue(Files.exists(tmp.resolve("r1/summary.json")));
    assertTrue(Files.exists(tmp.resolve("r1/views.csv")));
  }

  static List<Row> sorted(SparkSession s, Path p) {
    return s.read()
        .parquet(p.toString())
        .selectExpr("concat(synset, '/', model_id) as model", "view_id", "split", "azimuth", "rgb", "keypoints")
        .orderBy("model", "view_id")
        .collectAsList();
  }
}
