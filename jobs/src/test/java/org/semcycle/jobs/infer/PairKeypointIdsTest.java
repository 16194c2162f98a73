package org.semcycle.jobs.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.baseline.KeypointMatcher;
import org.semcycle.baseline.MatchedKeypoint;
import org.semcycle.benchmarks.BenchmarkCategory;
import org.semcycle.cli.EvaluateCommand;
import org.semcycle.cli.SemcycleConfig;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;
import org.semcycle.datasets.spair.SpairImageAnnotation;
import org.semcycle.datasets.spair.SpairPair;
import org.semcycle.datasets.spair.SpairPairs;
import org.semcycle.datasets.spair.SpairSplit;
import org.semcycle.datasets.spair.SpairWriter;
import org.semcycle.evaluation.KeypointIdMap;
import org.semcycle.images.ImagePair;
import org.semcycle.images.SpairImages;
import org.semcycle.evaluation.PckRow;
import org.semcycle.io.LocalDataSink;
import org.semcycle.jobs.EvaluateJob;
import org.semcycle.spark.Locations;
import org.semcycle.spark.SparkTestSession;

/**
 * SPair pairs keep only the keypoints visible in both images, so a pair's {@code kps_ids} are not
 * contiguous (here 0, 1, 3, 6, 8, 12, 13). The 2D baseline's rows carry those ids, not their
 * positions in the pair's list, and a perfect matcher (each source keypoint sent to its true
 * target position) scores PCK 1.0 with no missing prediction.
 */
class PairKeypointIdsTest {
  @TempDir Path tmp;

  static final int[] SOURCE_VISIBLE = {0, 1, 2, 3, 6, 8, 12, 13};
  static final int[] TARGET_VISIBLE = {0, 1, 3, 5, 6, 8, 12, 13};

  static SpairImageAnnotation annotation(String file, int[] visible, double shift) {
    List<double[]> kps = new ArrayList<>();
    for (int id = 0; id < 18; id++) {
      int k = id;
      kps.add(Arrays.stream(visible).anyMatch(v -> v == k) ? new double[] {10 + 6 * id + shift, 40 - id - shift} : null);
    }
    return new SpairImageAnnotation(file, "aeroplane", 128, 96, 3, "Left", false, false, false,
        new double[] {4, 4, 120, 90}, 2, kps);
  }

  static byte[] jpeg() throws Exception {
    BufferedImage img = new BufferedImage(128, 96, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(20, 20, 80, 50);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "jpeg", out);
    return out.toByteArray();
  }

  @Test
  void baselineRowsCarrySpairKeypointIdsAndAPerfectMatcherScoresOne() throws Exception {
    Path root = tmp.resolve("spair");
    LocalDataSink sink = new LocalDataSink(root);
    SpairWriter w = new SpairWriter(sink);
    SpairImageAnnotation src = annotation("plane_a_0.jpg", SOURCE_VISIBLE, 0);
    SpairImageAnnotation trg = annotation("plane_b_1.jpg", TARGET_VISIBLE, 7);
    w.writeImageAnnotation(src);
    w.writeImageAnnotation(trg);
    SpairPair pair = SpairPairs.make(1, src, trg, 0, 120, false);
    assertEquals(List.of("0", "1", "3", "6", "8", "12", "13"), pair.kpsIds());
    w.writePair(SpairSplit.TEST, pair);
    w.writeLayout(SpairSplit.TEST, List.of(pair.name()));
    sink.write("JPEGImages/aeroplane/plane_a_0.jpg", jpeg());
    sink.write("JPEGImages/aeroplane/plane_b_1.jpg", jpeg());

    SparkSession spark = SparkTestSession.get();
    var config = SemcycleConfig.load(null, List.of(), Map.of());
    KeypointVocabulary vocab = KeypointVocabulary.fromConfig(config);
    List<BenchmarkCategory> cats = vocab.categories().stream().map(c -> BenchmarkCategory.of(vocab.category(c))).toList();
    var setRoot = Locations.root(spark, root.toString());
    List<ImagePair> tasks = new SpairImages().pairs(setRoot, cats);
    assertEquals(1, tasks.size());

    KeypointMatcher perfect = new KeypointMatcher() {
      @Override
      public List<MatchedKeypoint> match(BufferedImage s, double[] sb, double[][] keypoints, BufferedImage t,
          double[] tb) {
        List<MatchedKeypoint> out = new ArrayList<>();
        for (double[] k : keypoints) {
          int row = -1;
          for (int i = 0; i < pair.srcKps().length; i++) {
            if (pair.srcKps()[i][0] == k[0] && pair.srcKps()[i][1] == k[1]) {
              row = i;
            }
          }
          out.add(new MatchedKeypoint(pair.trgKps()[row][0], pair.trgKps()[row][1], 1));
        }
        return out;
      }
    };
    PairBaselineStage stage = new PairBaselineStage(Map.of("spair", setRoot), null, 1L << 24, KeypointIdMap.identity(), 1);
    List<Row> rows = new ArrayList<>();
    for (Iterator<InferStage.Result> it = stage.apply(tasks.iterator(), perfect); it.hasNext(); ) {
      InferStage.Result r = it.next();
      assertEquals(List.of(), r.rejects());
      rows.addAll(r.predictions());
    }
    assertEquals(List.of(0, 1, 3, 6, 8, 12, 13), rows.stream().map(r -> r.getInt(6)).toList());

    Path infer = tmp.resolve("infer");
    spark.createDataFrame(rows, InferTables.PREDICTIONS).write().partitionBy("dataset")
        .parquet(infer.resolve("predictions").toString());
    EvaluateJob.Summary s = EvaluateJob.run(spark, EvaluateCommand.settings(config), infer.toString(),
        List.of(root.toString()), tmp.resolve("eval").toString());
    assertEquals(0, s.missing(), s.line());
    List<PckRow> baseline = s.pck().stream().filter(r -> r.method().equals(PairBaselineStage.METHOD)
        && r.keypointId() == null && r.category().equals(PckRow.ALL)).toList();
    assertTrue(!baseline.isEmpty());
    baseline.forEach(r -> assertEquals(1.0, r.pck(), 1e-12, r.toString()));
    assertEquals(7, baseline.get(0).keypoints());
  }
}
