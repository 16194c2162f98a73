package org.semcycle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each command's usual mistakes end before Spark starts with one line naming the path and what
 * is wrong there, and a non-zero exit code; --verbose adds the stack trace.
 */
class CliErrorsTest {
  @TempDir Path tmp;

  record Outcome(int code, List<String> lines) {}

  static Outcome run(String... args) {
    PrintStream err = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true));
    int code;
    try {
      code = Main.run(args);
    } finally {
      System.setErr(err);
    }
    List<String> lines = new ArrayList<>(buf.toString().lines().filter(l -> !l.isBlank()
        && !l.startsWith("SLF4J") && !l.contains("WARN") && !l.startsWith("ERROR: ld.so")).toList());
    return new Outcome(code, lines);
  }

  static void assertOneLine(Outcome o, String command, String... contains) {
    assertEquals(1, o.code(), o.lines().toString());
    assertEquals(1, o.lines().size(), "one line: " + o.lines());
    String line = o.lines().get(0);
    assertTrue(line.startsWith("semcycle " + command + ": "), line);
    for (String c : contains) {
      assertTrue(line.contains(c), "'" + c + "' in: " + line);
    }
  }

  @Test
  void renderOfAMissingFolder() {
    String missing = tmp.resolve("nonexistent").toString();
    assertOneLine(run("render", "--shapes", missing, "--out", tmp.resolve("x").toString()), "render",
        missing, "no such file or folder");
  }

  @Test
  void renderOfAFolderWithoutModels() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Files.writeString(empty.resolve("notes.txt"), "x");
    assertOneLine(run("render", "--shapes", empty.toString(), "--out", tmp.resolve("x").toString()), "render",
        empty.toString(), "no ShapeNetCore.v2", "found: notes.txt");
  }

  @Test
  void inferAndPredictWithAnEmptyModelsFolder() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("models"));
    Files.createDirectories(empty.resolve("view"));
    assertOneLine(run("infer", "--root", tmp.toString(), "--models", empty.toString(), "--kpdb", tmp.toString(),
        "--out", tmp.resolve("o").toString()), "infer", empty.toString(), "no sketch/ model", "found: view/");
    assertOneLine(run("predict", "--category", "chair", "--models", empty.toString(), tmp.resolve("a.jpg").toString()),
        "predict", empty.toString(), "no sketch/ model");
  }

  @Test
  void predictWithoutShippedNetsSaysWhatToGive() {
    System.setProperty("semcycle.home", tmp.toString());
    try {
      assertOneLine(run("predict", "--category", "chair", tmp.resolve("a.jpg").toString()), "predict",
          "no shipped nets at", "give --models DIR");
    } finally {
      System.clearProperty("semcycle.home");
    }
  }

  @Test
  void demoWithMissingNetsSaysWhatToGive() {
    String missing = tmp.resolve("no-nets").toString();
    assertOneLine(run("demo", "--out", tmp.resolve("o").toString(), "--models", missing), "demo", missing,
        "give --models DIR");
  }

  @Test
  void kpdbWithAMissingEmbedderAndEvaluateWithMissingPredictions() throws Exception {
    Path kp = Files.createDirectories(tmp.resolve("kp/annotations"));
    String missing = tmp.resolve("no-embedder").toString();
    assertOneLine(run("kpdb", "--keypoints", kp.getParent().toString(), "--embedder", missing, "--out",
        tmp.resolve("o").toString()), "kpdb", missing, "no such file or folder");
    String preds = tmp.resolve("no-infer").toString();
    assertOneLine(run("evaluate", "--predictions", preds, "--ground-truth", tmp.toString(), "--out",
        tmp.resolve("e").toString()), "evaluate", preds, "no such file or folder");
  }

  @Test
  void reportOfAFolderThatIsNoEvaluation() {
    assertOneLine(run("report", "--evaluation", tmp.toString(), "--out", tmp.resolve("r").toString()), "report",
        tmp.toString(), "no summary.json", "semcycle evaluate makes one");
  }

  @Test
  void verboseAddsTheStackTrace() {
    Outcome o = run("render", "--shapes", tmp.resolve("nonexistent").toString(), "--out", tmp.toString(), "--verbose");
    assertEquals(1, o.code());
    assertTrue(o.lines().size() > 2 && o.lines().stream().anyMatch(l -> l.contains("at org.semcycle")), o.lines().toString());
  }
}
