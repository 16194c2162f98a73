package org.semcycle.jobs.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.cli.BenchmarkCommand;
import org.semcycle.cli.ImageInputs;
import org.semcycle.cli.InferCommand;
import org.semcycle.cli.KpdbCommand;
import org.semcycle.cli.Main;
import org.semcycle.datasets.pix3d.Pix3dReader;
import org.semcycle.datasets.pix3d.Pix3dRecord;
import org.semcycle.io.LocalDataRoot;
import org.semcycle.spark.SparkTestSession;
import org.semcycle.testing.PhotoCorpus;

/**
 * The cycle on plain photos: {@code infer --images} over a folder of real-world-style files (the
 * photo corpus: re-saved, grayscale, CMYK, Exif-rotated, 16-bit and palette files that load; a
 * huge header, truncated files, a text file named .jpg that do not) predicts or rejects every
 * image with the corpus's reason (images in = predicted + rejected); a CSV list of the benchmark's
 * Pix3D images re-saved as PNG, with their boxes, puts every keypoint where the benchmark-mode
 * run puts it; {@code predict} prints one JSON line per image and draws it, and names what it
 * could not read.
 */
class PhotosTest {
  @TempDir static Path tmp;
  static Path data;
  static Path models;

  @BeforeAll
  static void prepare() throws Exception {
    data = tmp.resolve("data");
    models = tmp.resolve("models");
    InferJobTest.writeWorld(data, models);
  }

  static Config config() {
    return InferJobTest.config();
  }

  @Test
  void photosAreInferredOrRejectedAndMatchTheBenchmarkRun() throws Exception {
    SparkSession spark = SparkTestSession.get();
    Config c = config();
    String data = PhotosTest.data.toString();
    String models = PhotosTest.models.toString();
    Path bench = tmp.resolve("bench");
    BenchmarkCommand.run(spark, c, data, null, bench.toString());
    KpdbCommand.run(spark, c, data, PhotosTest.models.resolve("embed").toString(), tmp.resolve("kpdb").toString());
    String kpdb = tmp.resolve("kpdb").toString();
    // predict's Parquet reader (no Spark) reads the database Spark reads.
    var bySpark = org.semcycle.jobs.KeypointDatabases.read(spark, kpdb).rows();
    var byFiles = org.semcycle.jobs.KeypointDatabaseFiles.read(kpdb,
        spark.sparkContext().hadoopConfiguration()).rows();
    assertEquals(bySpark.size(), byFiles.size());
    for (int i = 0; i < bySpark.size(); i++) {
      assertEquals(bySpark.get(i).synset() + bySpark.get(i).modelId() + bySpark.get(i).semanticId(),
          byFiles.get(i).synset() + byFiles.get(i).modelId() + byFiles.get(i).semanticId());
      assertTrue(java.util.Arrays.equals(bySpark.get(i).embedding(), byFiles.get(i).embedding()), "row " + i);
      assertTrue(java.util.Arrays.equals(bySpark.get(i).xyz(), byFiles.get(i).xyz()), "row " + i);
    }

    // A folder of mixed files: every image predicted or rejected with its reason.
    PhotoCorpus.Corpus corpus = PhotoCorpus.write(tmp.resolve("photos"));
    String out = tmp.resolve("infer-photos").toString();
    InferJob.Summary s = InferCommand.run(spark, c, ImageInputs.photos(spark, corpus.root().toString(), "chair"),
        models, kpdb, null, List.of("full"), null, out);
    long loads = corpus.manifest().values().stream().filter(o -> o instanceof PhotoCorpus.Loads).count();
    long refused = corpus.manifest().size() - loads;
    assertEquals(corpus.manifest().size(), s.images(), s.line());
    List<Row> rejects = spark.read().schema(InferTables.REJECTS).parquet(out + "/rejects").collectAsList();
    long predicted = spark.read().schema(InferTables.PREDICTIONS).parquet(out + "/predictions")
        .select("image_id").distinct().count();
    assertEquals(s.images(), predicted + rejects.size(), "images in = predicted + rejected: " + rejects);
    for (Row r : rejects) {
      String image = r.getString(r.fieldIndex("image_id"));
      PhotoCorpus.Outcome expected = corpus.manifest().get(image);
      String reason = r.getString(r.fieldIndex("reason"));
      if (expected instanceof PhotoCorpus.Rejected rej) {
        assertTrue(reason.contains(rej.reason()), image + ": " + reason);
      }
      assertTrue(reason.contains(image.substring(image.lastIndexOf('/') + 1)) || reason.contains("no object"),
          "the reason names the file: " + reason);
    }
    assertTrue(rejects.size() >= refused, rejects.size() + " rejects for " + refused + " bad files");
    List<String> jsonl = Files.readAllLines(Path.of(out, "predictions.jsonl"));
    assertEquals(predicted, jsonl.size(), "a JSON line per predicted image");
    if (!jsonl.isEmpty()) {
      JsonNode line = new ObjectMapper().readTree(jsonl.get(0));
      assertTrue(line.get("keypoints").get(0).has("name"), line.toString());
    }

    // The benchmark's Pix3D images as PNGs in a CSV list with their boxes: the same keypoints.
    String benchOut = tmp.resolve("infer-bench").toString();
    InferCommand.run(spark, c, List.of("pix3d"), bench.toString(), models, kpdb, null, List.of("full"), null, benchOut);
    LocalDataRoot pix3d = new LocalDataRoot(bench.resolve("pix3d"));
    Path list = tmp.resolve("list");
    Files.createDirectories(list.resolve("png"));
    StringBuilder csv = new StringBuilder("path,category,x1,y1,x2,y2\n");
    Map<String, String> idOf = new HashMap<>();
    for (Pix3dRecord r : new Pix3dReader(pix3d).readIndex()) {
      String id = org.semcycle.images.ImageTask.stem(r.img());
      ImageIO.write(ImageIO.read(bench.resolve("pix3d").resolve(r.img()).toFile()), "png",
          list.resolve("png/" + id + ".png").toFile());
      double[] b = r.bbox();
      csv.append("png/").append(id).append(".png,chair,").append(b[0]).append(',').append(b[1]).append(',')
          .append(b[2]).append(',').append(b[3]).append('\n');
      idOf.put("png/" + id + ".png", id);
    }
    Files.writeString(list.resolve("images.csv"), csv);
    String listOut = tmp.resolve("infer-list").toString();
    InferCommand.run(spark, c, ImageInputs.photos(spark, list.resolve("images.csv").toString(), null), models, kpdb,
        null, List.of("full"), null, listOut);
    Map<String, double[]> benchRows = new HashMap<>();
    for (Row r : spark.read().parquet(benchOut + "/predictions").collectAsList()) {
      benchRows.put(r.getString(r.fieldIndex("image_id")) + "#" + r.getInt(r.fieldIndex("keypoint_id")),
          new double[] {r.getDouble(r.fieldIndex("x")), r.getDouble(r.fieldIndex("y"))});
    }
    List<Row> listRows = spark.read().parquet(listOut + "/predictions").collectAsList();
    assertTrue(listRows.size() > 10 && listRows.size() == benchRows.size(), listRows.size() + " vs " + benchRows.size());
    for (Row r : listRows) {
      double[] b = benchRows.get(idOf.get(r.getString(r.fieldIndex("image_id"))) + "#" + r.getInt(r.fieldIndex("keypoint_id")));
      double x = r.getDouble(r.fieldIndex("x"));
      double y = r.getDouble(r.fieldIndex("y"));
      assertTrue(b != null && (Double.isNaN(x) && Double.isNaN(b[0]) || Math.abs(x - b[0]) < 1e-6 && Math.abs(y - b[1]) < 1e-6),
          r + " vs " + java.util.Arrays.toString(b));
    }

    // predict: a JSON line per image, a picture of each, and the reason for a bad file.
    Path pics = tmp.resolve("predict-out");
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true));
    System.setErr(new PrintStream(errors, true));
    int code;
    try {
      code = Main.run("predict", "--category", "chair", "--models", models, "--kpdb", kpdb, "--out", pics.toString(),
          "--box", "20,12,75,52",
          "--set", "semcycle.infer.fit.steps=4", "--set", "semcycle.infer.transfer.points=256",
          corpus.root().resolve("photo.jpg").toString(), corpus.root().resolve("notes.jpg").toString());
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
    List<String> lines = printed.toString().lines().filter(l -> l.startsWith("{")).toList();
    assertEquals(2, lines.size(), printed + "\n" + errors);
    JsonNode ok = new ObjectMapper().readTree(lines.get(0));
    JsonNode bad = new ObjectMapper().readTree(lines.get(1));
    assertEquals(1, code, "an image could not be predicted");
    assertTrue(ok.has("keypoints") && ok.get("keypoints").size() > 0 && ok.get("keypoints").get(0).has("name")
        && ok.has("box") && ok.has("viewpoint"), ok.toString());
    assertTrue(Files.size(Path.of(ok.get("overlay").asText())) > 1000);
    assertTrue(bad.get("error").asText().contains("notes.jpg"), bad.toString());
  }
}
