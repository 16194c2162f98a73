package org.semcycle.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.semcycle.benchmarks.BenchmarkFormat;
import org.semcycle.datasets.pfpascal.PfPascalAnnotation;
import org.semcycle.datasets.pfpascal.PfPascalCsv;
import org.semcycle.datasets.pfpascal.PfPascalFixture;
import org.semcycle.datasets.pfpascal.PfPascalPair;
import org.semcycle.datasets.pfpascal.PfPascalWriter;
import org.semcycle.datasets.pix3d.Pix3dRecord;
import org.semcycle.datasets.pix3d.Pix3dWriter;
import org.semcycle.datasets.spair.SpairSplit;
import org.semcycle.io.LocalDataRoot;
import org.semcycle.io.LocalDataSink;

/**
 * Hand-made Pix3D and PF-PASCAL sets (the latter in the release's layout and ours): annotator
 * means, id maps, pair keypoint ids, rejects.
 */
class GroundTruthExtractorTest {
  static final double NAN = Double.NaN;
  @TempDir Path tmp;

  GroundTruthExtractor extractor(String maps) {
    return new GroundTruthExtractor(KeypointIdMap.fromConfig(ConfigFactory.parseString(maps)),
        new CategoryNames(List.of("chair", "car", "airplane")), SpairSplit.TEST, null);
  }

  static Pix3dRecord record(String img, double[][][] kps, String kp3) {
    double[][] rot = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    return new Pix3dRecord(img, "chair", new int[] {100, 80}, kps, null, "model/chair/m/model.obj", kp3, null, rot,
        new double[] {0, 0, 2}, 35, null, 0, false, false, false, new double[] {10, 10, 50, 70});
  }

  @Test
  void pix3dAveragesAnnotatorsSkipsUnlabelledAndMapsIds() throws Exception {
    Path root = tmp.resolve("pix3d");
    LocalDataSink sink = new LocalDataSink(root);
    double[][][] kps = {
      {{10, 10}, {-1, -1}, {-1, -1}},
      {{12, 14}, {20, 20}, {-1, -1}}};
    double[][][] two = {{{1, 1}, {2, 2}, {3, 3}}};
    new Pix3dWriter(sink).writeIndex(List.of(
        record("img/chair/0001.png", kps, null),
        record("img/chair/0002.png", two, "model/chair/m/3d_keypoints.txt")));
    sink.write("model/chair/m/3d_keypoints_ids.txt", "4\n7\n".getBytes()); // 2 ids for 3 keypoints
    GroundTruthExtractor.Result r = extractor("keypoint-maps { pix3d { chair { \"0\" = 5, \"1\" = 6 } } }")
        .extract(BenchmarkFormat.PIX3D, new LocalDataRoot(root));
    assertEquals(2, r.rows().size(), r.rows().toString());
    GroundTruthRow a = r.rows().get(0);
    assertEquals("0001", a.imageId());
    assertNull(a.pairId());
    assertEquals(5, a.keypointId());
    assertEquals(11, a.x(), 1e-12, "mean of the annotators that labelled it");
    assertEquals(12, a.y(), 1e-12);
    assertEquals(100, a.tauImg());
    assertEquals(60, a.tauBbox());
    assertEquals(6, r.rows().get(1).keypointId());
    assertEquals(20, r.rows().get(1).x());
    assertEquals(1, r.rejects().size());
    assertTrue(r.rejects().get(0).reason().contains("3d_keypoints_ids.txt"), r.rejects().toString());
  }

  @Test
  void pfPascalPairsTakeTheIdsVisibleInBothAndRejectMismatches() throws Exception {
    Path root = tmp.resolve("pf");
    LocalDataSink sink = new LocalDataSink(root);
    PfPascalWriter w = new PfPascalWriter(sink);
    w.writeAnnotation("JPEGImages/pf_a.jpg", "aeroplane", new PfPascalAnnotation(
        new double[][] {{1, 1}, {NAN, NAN}, {3, 3}, {4, 4}}, new double[] {0, 0, 30, 20}));
    w.writeAnnotation("JPEGImages/pf_b.jpg", "aeroplane", new PfPascalAnnotation(
        new double[][] {{5, 5}, {6, 6}, {NAN, NAN}, {8, 8}}, new double[] {2, 2, 12, 42}));
    for (String id : List.of("pf_a", "pf_b")) {
      Files.createDirectories(root.resolve("JPEGImages"));
      ImageIO.write(new BufferedImage(id.equals("pf_a") ? 64 : 40, 50, BufferedImage.TYPE_INT_RGB), "jpg",
          root.resolve("JPEGImages/" + id + ".jpg").toFile());
    }
    int aeroplane = 1;
    w.writePairs("test_pairs.csv", List.of(
        PfPascalPair.test("JPEGImages/pf_a.jpg", "JPEGImages/pf_b.jpg", aeroplane,
            new double[][] {{1, 1}, {4, 4}}, new double[][] {{5, 5}, {8, 8}}),
        PfPascalPair.test("JPEGImages/pf_b.jpg", "JPEGImages/pf_a.jpg", aeroplane,
            new double[][] {{5, 5}, {6, 6}, {8, 8}}, new double[][] {{1, 1}, {2, 2}, {4, 4}})),
        PfPascalCsv.Kind.TEST);
    GroundTruthExtractor.Result r = extractor("").extract(BenchmarkFormat.PFPASCAL, new LocalDataRoot(root));
    List<GroundTruthRow> pairs = r.rows().stream().filter(g -> g.pairId() != null).toList();
    assertEquals(2, pairs.size(), r.rows().toString());
    assertEquals("0:pf_a-pf_b", pairs.get(0).pairId());
    assertEquals("airplane", pairs.get(0).category());
    assertEquals("pf_b", pairs.get(0).imageId());
    assertEquals(List.of(0, 3), pairs.stream().map(GroundTruthRow::keypointId).toList());
    assertEquals(8, pairs.get(1).x(), 1e-12);
    assertEquals(50, pairs.get(0).tauImg(), "max(40, 50) of pf_b.jpg");
    assertEquals(40, pairs.get(0).tauBbox(), "max(10, 40) of pf_b's box");
    assertEquals(3 + 3, r.rows().size() - pairs.size(), "single images: the visible rows of both annotations");
    assertEquals(1, r.rejects().size(), r.rejects().toString());
    assertEquals("1:pf_b-pf_a", r.rejects().get(0).pairId());
    assertTrue(r.rejects().get(0).reason().contains("test_pairs.csv:3"), r.rejects().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"PF-dataset-PASCAL", ""})
  void pfPascalReleaseLayoutAndOursGiveTheSameRows(String base) throws Exception {
    Path root = tmp.resolve("pf");
    PfPascalFixture.write(root, base);
    LocalDataRoot set = new LocalDataRoot(root);
    assertEquals(BenchmarkFormat.PFPASCAL, GroundTruthExtractor.detect(set));
    GroundTruthExtractor.Result r = extractor("").extract(BenchmarkFormat.PFPASCAL, set);
    assertEquals(List.of(), r.rejects());
    String a = PfPascalFixture.imagePath(base, PfPascalFixture.PLANE_A);
    String b = PfPascalFixture.imagePath(base, PfPascalFixture.PLANE_B);
    // Single images: every visible row of the images the test pairs name (the chairs, annotated
    // and named by val_pairs.csv only, give none: infer does not list them), tau_img = max(w, h),
    // tau_bbox = the box's longer side.
    // Pairs: the target's CSV keypoints (XB/YB, 0-based) with the ids visible in both (0 and 2).
    List<GroundTruthRow> expected = List.of(
        row("airplane", "2008_004165", null, 0, 10, 20, 64, 48, a),
        row("airplane", "2008_004165", null, 2, 30, 40, 64, 48, a),
        row("airplane", "2008_004165", null, 3, 5, 5, 64, 48, a),
        row("airplane", "2009_002457", null, 0, 5, 6, 50, 44, b),
        row("airplane", "2009_002457", null, 1, 6, 6, 50, 44, b),
        row("airplane", "2009_002457", null, 2, 8, 9, 50, 44, b),
        row("airplane", "2009_002457", "0:2008_004165-2009_002457", 0, 5, 6, 50, 44, b),
        row("airplane", "2009_002457", "0:2008_004165-2009_002457", 2, 8, 9, 50, 44, b),
        row("airplane", "2008_004165", "1:2009_002457-2008_004165", 0, 10, 20, 64, 48, a),
        row("airplane", "2008_004165", "1:2009_002457-2008_004165", 2, 30, 40, 64, 48, a));
    assertEquals(expected, r.rows());
  }

  @Test
  void pfPascalReleaseLayoutIsDetectedByItsAnnotationsAlone() throws Exception {
    Path root = tmp.resolve("pf");
    PfPascalFixture.write(root, "PF-dataset-PASCAL");
    Files.delete(root.resolve(PfPascalFixture.TEST_CSV));
    assertEquals(BenchmarkFormat.PFPASCAL, GroundTruthExtractor.detect(new LocalDataRoot(root)));
  }

  @Test
  void pfPascalMissingAnnotationIsARejectNamingTheFile() throws Exception {
    Path root = tmp.resolve("pf");
    PfPascalFixture.write(root, "PF-dataset-PASCAL");
    Path mat = root.resolve("PF-dataset-PASCAL/Annotations/aeroplane/2008_004165.mat");
    Files.delete(mat);
    GroundTruthExtractor.Result r = extractor("").extract(BenchmarkFormat.PFPASCAL, new LocalDataRoot(root));
    assertEquals(List.of("0:2008_004165-2009_002457", "1:2009_002457-2008_004165"),
        r.rejects().stream().map(GroundTruthReject::pairId).toList());
    for (GroundTruthReject j : r.rejects()) {
      assertTrue(j.reason().startsWith(mat + ": file not found"), j.reason());
    }
    assertEquals(3, r.rows().size(), "the other test image's rows (the chairs are named by no test pair)");
  }

  private static GroundTruthRow row(String cat, String image, String pair, int id, double x, double y,
      double tauImg, double tauBbox, String path) {
    return new GroundTruthRow("pfpascal", cat, image, pair, id, x, y, tauImg, tauBbox, path, UnitConditions.NONE);
  }
}
