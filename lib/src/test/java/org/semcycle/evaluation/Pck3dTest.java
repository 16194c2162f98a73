package org.semcycle.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.semcycle.geometry.Vec3;

class Pck3dTest {
  private static Map<Integer, Vec3> truth() {
    Map<Integer, Vec3> t = new HashMap<>();
    for (int i = 0; i < 4; i++) {
      t.put(i, new Vec3(0.1 * i, -0.2, 0.3));
    }
    return t;
  }

  @Test
  void truthScoresOneEverywhere() {
    Pck3d.Curve c = Pck3d.curve(truth(), truth());
    assertEquals(4, c.keypoints());
    for (double p : c.pck()) {
      assertEquals(1.0, p);
    }
    assertEquals(10, c.thresholds().length);
  }

  @Test
  void shiftedKeypointsScoreByTheirDistance() {
    // Keypoints 0, 1 shifted by 0.025 along x, 2 by (0.03, 0.04, 0) = 0.05, 3 missing.
    Map<Integer, Vec3> t = truth();
    Map<Integer, Vec3> p = new HashMap<>();
    p.put(0, t.get(0).plus(new Vec3(0.025, 0, 0)));
    p.put(1, t.get(1).plus(new Vec3(-0.025, 0, 0)));
    p.put(2, t.get(2).plus(new Vec3(0.03, 0.04, 0)));
    p.put(7, new Vec3(0, 0, 0)); // an id the truth lacks: ignored
    Pck3d.Curve c = Pck3d.curve(p, t);
    assertEquals(4, c.keypoints());
    assertEquals(0.0, c.at(0.01));
    assertEquals(0.0, c.at(0.02));
    assertEquals(0.5, c.at(0.03));
    assertEquals(0.5, c.at(0.04));
    assertEquals(0.75, c.at(0.06));
    assertEquals(0.75, c.at(0.10));
    String csv = c.toCsv();
    assertTrue(csv.startsWith("threshold,pck,keypoints\n0.0100,0.000000,4\n"), csv);
    assertTrue(csv.contains("0.1000,0.750000,4"), csv);
  }

  @Test
  void accumulatesOverModelsAndPlots() throws Exception {
    Pck3d.Accumulator a = new Pck3d.Accumulator();
    a.add(truth(), truth());
    a.addDistance(0.5).addMissing();
    Pck3d.Curve c = a.curve();
    assertEquals(6, c.keypoints());
    assertEquals(4.0 / 6, c.at(0.05), 1e-12);
    Map<String, Pck3d.Curve> curves = new LinkedHashMap<>();
    curves.put("all", c);
    curves.put("truth", Pck3d.curve(truth(), truth()));
    assertTrue(Pck3d.toCsv(curves).startsWith("threshold,all,truth\n0.0100,0.666667,1.000000\n"),
        Pck3d.toCsv(curves));
    assertTrue(Pck3d.toCsv(curves).endsWith("0.1000,0.666667,1.000000\nkeypoints,6,4\n"));
    byte[] png = Pck3d.plotPng("PCK-3D", curves, 400, 300);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(400, img.getWidth());
    assertEquals(300, img.getHeight());
  }
}
