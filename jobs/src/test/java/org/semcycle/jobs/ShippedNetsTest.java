package org.semcycle.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.cli.RenderCommand;
import org.semcycle.cli.SemcycleConfig;
import org.semcycle.cli.SynthCommand;
import org.semcycle.cli.TrainAllCommand;
import org.semcycle.jobs.train.NetCheck;
import org.semcycle.spark.SparkTestSession;

/**
 * The shipped nets (models/standard) on a fresh synth render made with today's generator and
 * renderer reach the metrics train-all recorded for them (models/standard/check.json) within
 * semcycle.train-all.check's tolerances: a change that makes the shipped nets stale fails here.
 */
class ShippedNetsTest {
  @Test
  void shippedNetsReachTheirRecordedMetrics(@TempDir Path tmp) throws Exception {
    Path root = Path.of("").toAbsolutePath();
    while (root != null && !Files.exists(root.resolve("conf").resolve("semcycle.conf"))) {
      root = root.getParent();
    }
    assertTrue(root != null, "no checkout above " + Path.of("").toAbsolutePath());
    Path models = root.resolve("models").resolve("standard");
    assumeTrue(Files.isDirectory(models), "no shipped nets at " + models);
    NetCheck.Record recorded = NetCheck.read(models.resolve(NetCheck.FILE));
    Config base = SemcycleConfig.load(root.resolve("conf").resolve("train-shipped.conf"), List.of(),
        Map.of("semcycle.train.profile", "standard"));
    Config c = TrainAllCommand.stepConfig(base);
    Config kc = NetCheck.dataConfig(c);
    assertEquals(recorded.seed(), kc.getLong("semcycle.seed"), "check seed in conf and check.json");
    assertEquals(recorded.modelsPerCategory(), kc.getInt("semcycle.synth.models-per-category"));
    assertEquals(recorded.viewsPerModel(), kc.getInt("semcycle.render.views-per-model"));
    Set<String> cats = new LinkedHashSet<>();
    recorded.nets().forEach(n -> cats.add(n.name().substring(0, n.name().indexOf('/'))));
    Config data = com.typesafe.config.ConfigFactory.parseMap(Map.of("semcycle.synth.categories", List.copyOf(cats),
        "semcycle.spark.partitions", 2)).withFallback(kc);
    SynthCommand.run(data, tmp.resolve("data").toString());
    RenderCommand.run(SparkTestSession.get(), data, tmp.resolve("data").toString(), null, tmp.resolve("render").toString());
    List<NetCheck.Scored> now = NetCheck.score(SparkTestSession.get(), c, models, tmp.resolve("render").toString(),
        List.copyOf(cats));

    double abs = c.getDouble("semcycle.train-all.check.absolute-tolerance");
    double rel = c.getDouble("semcycle.train-all.check.relative-tolerance");
    assertEquals(recorded.nets().size(), now.size(), "nets scored");
    List<String> off = new ArrayList<>();
    for (int i = 0; i < now.size(); i++) {
      NetCheck.Scored r = recorded.nets().get(i);
      NetCheck.Scored n = now.get(i);
      assertEquals(r.name(), n.name());
      for (Map.Entry<String, Double> m : r.metrics().entrySet()) {
        double v = n.metrics().get(m.getKey());
        if (NetCheck.compared(m.getKey()) && !NetCheck.withinTolerance(m.getKey(), m.getValue(), v, abs, rel)) {
          off.add(String.format(Locale.ROOT, "%s %s: recorded %.4f, now %.4f", r.name(), m.getKey(), m.getValue(), v));
        }
      }
    }
    assertTrue(off.isEmpty(), "shipped nets off their recorded metrics (retrain: models/standard/MODEL_CARD.md): " + off);
  }

  @Test
  void toleranceIsAbsoluteForFractionsAndRelativeOtherwise() {
    assertTrue(NetCheck.withinTolerance("silhouette_iou", 0.90, 0.875, 0.03, 0.15));
    assertFalse(NetCheck.withinTolerance("silhouette_iou", 0.90, 0.86, 0.03, 0.15));
    assertFalse(NetCheck.withinTolerance("view_acc_30", 0.80, 0.84, 0.03, 0.15));
    assertTrue(NetCheck.withinTolerance("view_median_deg", 10.0, 11.4, 0.03, 0.15));
    assertFalse(NetCheck.withinTolerance("view_median_deg", 10.0, 11.6, 0.03, 0.15));
    assertFalse(NetCheck.compared("voxel_best_threshold"));
  }
}
