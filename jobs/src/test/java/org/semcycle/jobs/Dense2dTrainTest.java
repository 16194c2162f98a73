package org.semcycle.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.baseline.Baseline2dMatcher;
import org.semcycle.baseline.DepthView;
import org.semcycle.baseline.MatchedKeypoint;
import org.semcycle.cli.RenderCommand;
import org.semcycle.cli.TestSpecs;
import org.semcycle.cli.TrainCommand;
import org.semcycle.cycle.crop.ObjectCrop;
import org.semcycle.io.LocalDataSink;
import org.semcycle.jobs.train.TrainingData;
import org.semcycle.spark.SparkTestSession;
import org.semcycle.synthetic.SyntheticWorld;
import org.semcycle.training.TrainLoop;
import org.semcycle.training.views.RenderedSample;

/** train --net dense2d reads the render job's real Parquet, trains, and the matcher loads it. */
class Dense2dTrainTest {
  /**
   * On the render job's real rows: a keypoint visible in two views of one model, transferred
   * from the first with the depth map and cameras, lands where the renderer projected it in the
   * second: the median error under a pixel, most within 1.5 px (the depth comes from the
   * nearest pixel, sampled off-centre under supersampling; a keypoint on a part thinner than a
   * pixel takes the depth of what lies behind it, so a few land far off).
   */
  static void keypointsTransferBetweenRenderedViews(SparkSession s, String render) {
    List<org.apache.spark.sql.Row> rows = s.read().parquet(render + "/views")
        .orderBy("synset", "model_id", "view_id").collectAsList();
    org.semcycle.baseline.PixelCorrespondences pc = org.semcycle.baseline.PixelCorrespondences.defaults();
    List<Double> errors = new java.util.ArrayList<>();
    for (int i = 0; i + 1 < rows.size(); i++) {
      org.apache.spark.sql.Row a = rows.get(i);
      org.apache.spark.sql.Row b = rows.get(i + 1);
      if (!a.getAs("model_id").equals(b.getAs("model_id"))) {
        continue;
      }
      DepthView da = depthView(a);
      DepthView db = depthView(b);
      List<org.apache.spark.sql.Row> ka = a.getList(a.fieldIndex("keypoints"));
      List<org.apache.spark.sql.Row> kb = b.getList(b.fieldIndex("keypoints"));
      for (int k = 0; k < ka.size(); k++) {
        org.apache.spark.sql.Row p = ka.get(k);
        org.apache.spark.sql.Row q = kb.get(k);
        if (!p.getBoolean(4) || !q.getBoolean(4)) {
          continue;
        }
        double[] t = pc.transfer(da, db, p.getDouble(1), p.getDouble(2));
        if (t != null) {
          errors.add(Math.hypot(t[0] - q.getDouble(1), t[1] - q.getDouble(2)));
        }
      }
    }
    java.util.Collections.sort(errors);
    int n = errors.size();
    long within = errors.stream().filter(e -> e <= 1.5).count();
    System.err.printf("dense2d: %d keypoints transferred between rendered views, errors %s px%n", n, errors);
    assertTrue(n >= 5, "some keypoints are seen in two views: " + n);
    assertTrue(errors.get(n / 2) < 1, "median transfer error " + errors.get(n / 2) + " px");
    assertTrue(within >= 0.75 * n, within + " of " + n + " within 1.5 px");
  }

  static DepthView depthView(org.apache.spark.sql.Row r) {
    List<Double> k = r.getList(r.fieldIndex("intrinsics"));
    List<Double> e = r.getList(r.fieldIndex("extrinsics"));
    RenderedSample v = new RenderedSample("x#0", null, r.getAs("depth"), r.getAs("depth_min"), r.getAs("depth_max"),
        null, null, 0, 0, null, 0, k.stream().mapToDouble(Double::doubleValue).toArray(),
        e.stream().mapToDouble(Double::doubleValue).toArray());
    return DepthView.of(v);
  }

  @Test
  void trainsOnRenderedViewPairsAndTheMatcherLoadsIt(@TempDir Path tmp) throws Exception {
    Config c = TrainCommandTest.config()
        .withValue("semcycle.train.dtype-per-net.dense2d", ConfigValueFactory.fromAnyRef("float64"))
        .withValue("semcycle.train.profiles.quick.dense2d.image-size", ConfigValueFactory.fromAnyRef(32))
        .withValue("semcycle.train.profiles.quick.dense2d.base", ConfigValueFactory.fromAnyRef(4))
        .withValue("semcycle.train.profiles.quick.dense2d.dim", ConfigValueFactory.fromAnyRef(8))
        .withValue("semcycle.train.profiles.quick.dense2d.correspondences", ConfigValueFactory.fromAnyRef(32))
        .withValue("semcycle.train.profiles.quick.dense2d.min-correspondences", ConfigValueFactory.fromAnyRef(8))
        .withValue("semcycle.train.profiles.quick.dense2d.batch-size", ConfigValueFactory.fromAnyRef(4));
    SyntheticWorld.write(TestSpecs.synth(c, List.of("chair"), 6), new LocalDataSink(tmp.resolve("data")), 2);
    SparkSession s = SparkTestSession.get();
    String render = tmp.resolve("render").toString();
    RenderCommand.run(s, c, tmp.resolve("data").toString(), null, render);

    Path out = tmp.resolve("dense2d");
    TrainLoop.Summary r = TrainCommand.run(s, c, "dense2d", render, null, out, 2);
    assertEquals(2, r.rows().size());
    assertTrue(r.rows().get(1).trainLoss() < r.rows().get(0).trainLoss(),
        "the descriptor net's loss falls: " + TrainCommandTest.numbers(r));
    for (var row : r.rows()) {
      assertTrue(row.metrics()[0] <= row.metrics()[1], "within 0.05 S is within 0.10 S: " + TrainCommandTest.numbers(r));
    }
    assertTrue(Files.readAllLines(out.resolve("training-log.csv")).get(0).contains("match_within_05"));
    assertTrue(Files.exists(out.resolve("loss-curve.png")));

    TrainingData.Split views = TrainingData.views(s, c, render, false, 100);
    keypointsTransferBetweenRenderedViews(s, render);
    RenderedSample v = views.train().get(0);
    assertEquals(9, v.intrinsics().length, "the camera travels with the rows");
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(v.rgbPng()));
    DepthView d = DepthView.of(v);
    double[] box = ObjectCrop.maskBox(d.mask(), d.width(), d.height());
    double[][] kps = {{(box[0] + box[2]) / 2, (box[1] + box[3]) / 2}, {box[0] + 2, box[1] + 2}};
    try (Baseline2dMatcher m = Baseline2dMatcher.load(out)) {
      assertEquals(32, m.options().imageSize());
      List<MatchedKeypoint> got = m.match(img, box, kps, img, box);
      assertEquals(2, got.size());
      for (MatchedKeypoint k : got) {
        assertTrue(k.confidence() >= 0 && k.confidence() <= 1, "confidence " + k.confidence());
        assertTrue(k.x() > box[0] - box[2] && k.x() < 2 * box[2], "x in the target's crop: " + k.x());
      }
    }
  }
}
