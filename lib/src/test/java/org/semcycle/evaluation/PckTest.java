package org.semcycle.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.semcycle.datasets.pfpascal.PfPascalPair;
import org.semcycle.datasets.spair.SpairPairName;

class PckTest {
  @Test
  void thresholdsOfBothTaus() {
    double tauImg = Pck.tauImg(200, 100); // 200
    double tauBox = Pck.tauBbox(new double[] {10, 20, 70, 100}); // max(60, 80) = 80
    assertEquals(200, tauImg);
    assertEquals(80, tauBox);
    double d = Pck.distance(13, 14, 10, 10); // 5
    assertEquals(5, d, 1e-12);
    // 5 px: img 0.05*200 = 10 ok; bbox 0.05*80 = 4 wrong, 0.10*80 = 8 ok.
    assertTrue(Pck.correct(d, 0.05, tauImg));
    assertFalse(Pck.correct(d, 0.05, tauBox));
    assertTrue(Pck.correct(d, 0.10, tauBox));
    assertTrue(Pck.correct(8, 0.10, tauBox), "distance == alpha * tau counts");
    assertFalse(Pck.correct(Pck.distance(Double.NaN, 0, 0, 0), 1e9, 1));
    assertThrows(IllegalArgumentException.class, () -> Pck.tauBbox(new double[] {5, 5, 5, 5}));
  }

  @Test
  void pairIds() {
    assertEquals("000007-chair_a_1-chair_b_2:chair", PairIds.spair(new SpairPairName(7, "chair_a_1", "chair_b_2", "chair")));
    PfPascalPair p = PfPascalPair.test("JPEGImages/car_x_0.jpg", "JPEGImages/car_y_3.jpg", 7,
        new double[][] {{1, 2}}, new double[][] {{3, 4}});
    assertEquals("3:car_x_0-car_y_3", PairIds.pfPascal(3, p));
    assertEquals("car_y_3", PairIds.imageId("JPEGImages/car_y_3.jpg"));
    assertEquals("car_x_0", PairIds.sourceImageId("pfpascal", "3:car_x_0-car_y_3"));
    assertEquals("car_y_3", PairIds.targetImageId("pfpascal", "3:car_x_0-car_y_3"));
    assertEquals("chair_a_1", PairIds.sourceImageId("spair", "000007-chair_a_1-chair_b_2:chair"));
    assertThrows(IllegalArgumentException.class, () -> PairIds.sourceImageId("pfpascal", "x:a-b"));
  }

  @Test
  void keypointMapsAndCategoryNames() {
    KeypointIdMap m = KeypointIdMap.fromConfig(ConfigFactory.parseString(
        "keypoint-maps { spair { chair { \"0\" = 4, \"2\" = 7 } } }"));
    assertEquals(4, m.semanticId("spair", "chair", 0));
    assertEquals(null, m.semanticId("spair", "chair", 1), "unmapped index: not shared, not scored");
    assertEquals(1, m.semanticId("pix3d", "chair", 1), "identity without a map");
    CategoryNames names = new CategoryNames(List.of("chair", "car", "airplane"));
    assertEquals("airplane", names.ours("aeroplane"));
    assertEquals("chair", names.ours("chair"));
  }

  @Test
  void paperTablesPickThePaperUnitAndAveraging() {
    List<PckRow> rows = List.of(
        row("spair", "chair", "cycle-3d", "full", "single", "image", "img", 0.1, PckRow.PER_KEYPOINT, 0.5, null),
        row("spair", "chair", "cycle-3d", "full", "single", "pair", "img", 0.1, PckRow.PER_KEYPOINT, 0.4, null),
        row("spair", "chair", "cycle-3d", "full", "single", "image", "img", 0.1, PckRow.PER_PAIR, 0.3, null),
        row("spair", "chair", "baseline-2d", "full", "pair", "pair", "img", 0.1, PckRow.PER_KEYPOINT, 0.25, null),
        row("spair", "chair", "cycle-3d", "no-finetune", "single", "image", "bbox", 0.1, PckRow.PER_KEYPOINT, 0.125, null),
        row("spair", "all", "cycle-3d", "full", "single", "pair", "img", 0.1, PckRow.PER_KEYPOINT, 0.75, "hard"));
    List<TextTable> t = PaperTables.all(rows, 0.10);
    TextTable t1 = t.get(0);
    assertEquals("table1", t1.name());
    assertEquals(List.of("cycle-3d / full", "-", "0.500", "-", "-", "-", "-", "1", "0"), t1.rows().get(0));
    assertEquals(List.of("baseline-2d / full (pairs)", "-", "0.250", "-", "-", "-", "-", "1", "0"), t1.rows().get(1));
    TextTable t2 = t.get(1);
    assertEquals("table2", t2.name());
    assertEquals("0.125", t2.rows().get(1).get(5));
    TextTable vp = t.get(t.size() - 1);
    assertEquals("viewpoint", vp.name());
    assertEquals("0.750", vp.rows().get(0).get(3));
    assertTrue(t1.toMarkdown().contains("| cycle-3d / full | - | 0.500 |"), t1.toMarkdown());
    assertTrue(t1.toCsv().startsWith("run,PCK@0.10 img pfpascal"), t1.toCsv());
  }

  static PckRow row(String ds, String cat, String method, String setting, String protocol, String unit, String tau,
      double alpha, String averaging, double pck, String vp) {
    return new PckRow(ds, cat, null, method, setting, protocol, unit, tau, alpha, averaging, pck, 10, 2, 1, 0,
        vp == null ? PckRow.ALL : PckRow.VIEWPOINT, vp == null ? PckRow.ALL : vp, Double.NaN);
  }
}
