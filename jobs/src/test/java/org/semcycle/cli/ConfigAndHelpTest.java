package org.semcycle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigAndHelpTest {

  @Test
  void layersOverrideInOrder(@TempDir Path tmp) throws Exception {
    Path extra = tmp.resolve("extra.conf");
    Files.writeString(extra, "semcycle.seed = 5\nsemcycle.render.fov = 50\nsemcycle.render.image-size = 96\n");
    Config c =
        SemcycleConfig.load(
            extra,
            List.of("semcycle.render.fov=60", "semcycle.synth.categories=[chair]"),
            Map.of("semcycle.seed", 9L));
    assertEquals(9L, c.getLong("semcycle.seed"), "named option beats --set and --config");
    assertEquals(60, c.getInt("semcycle.render.fov"), "--set beats --config");
    assertEquals(96, c.getInt("semcycle.render.image-size"), "--config beats conf/semcycle.conf");
    assertEquals(List.of("chair"), c.getStringList("semcycle.synth.categories"));
    assertEquals("local[2]", c.getString("semcycle.spark.master"), "defaults from conf/");
  }

  @Test
  void badSetIsAClearError() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> SemcycleConfig.load(null, List.of("nonsense"), Map.of()));
    assertTrue(e.getMessage().contains("path=value"));
  }

  @Test
  void helpListsCommands() {
    String out = capture(() -> Main.run("--help"));
    assertTrue(out.contains("Usage: semcycle"), out);
    for (String cmd : new String[] {"synth", "demo", "evaluate", "report", "benchmark", "perf"}) {
      assertTrue(out.lines().anyMatch(l -> l.strip().startsWith(cmd + " ")), "help lists " + cmd + ":\n" + out);
    }
    assertTrue(out.lines().noneMatch(l -> l.strip().startsWith("bench ")),
        "throughput is perf; benchmark means the evaluation sets:\n" + out);
    assertTrue(capture(() -> Main.run("perf", "--help")).contains("--seconds"));
    String evaluate = capture(() -> Main.run("evaluate", "--help"));
    for (String opt : new String[] {"--predictions", "--ground-truth", "--out"}) {
      assertTrue(evaluate.contains(opt), evaluate);
    }
    assertTrue(capture(() -> Main.run("report", "--help")).contains("--evaluation"));
    EvaluateCommand.settings(SemcycleConfig.load(null, List.of(), Map.of()));
    ReportCommand.settings(SemcycleConfig.load(null, List.of(), Map.of()));
  }

  static String capture(Runnable r) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}
