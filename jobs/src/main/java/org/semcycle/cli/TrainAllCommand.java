package org.semcycle.cli;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.semcycle.jobs.train.NetCheck;
import org.semcycle.spark.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code semcycle train-all}: every net of a profile for every category, from a fresh synth:
 * synth -> render -> per category sketch, voxel, view, view-sketch -> embed and dense2d over all
 * categories -> the shipped form of each ({@link ModelExport}) under {@code OUT/models} with a
 * {@code MODEL_CARD.md}; {@code semcycle.train-all.profile-overrides.<profile>} sets the nets'
 * budgets for its data sizes over the profile. Rerunning it resumes: finished steps are skipped (a {@code .done}
 * marker beside each), the render job resumes per model and each net from its last checkpoint.
 */
@Command(
    name = "train-all",
    mixinStandardHelpOptions = true,
    description = {
      "Train every net of a profile for each category from a fresh synth, resumable:",
      "OUT/data (synth), OUT/render, OUT/work/<category>/<net>, OUT/work/embed, OUT/work/dense2d, then",
      "OUT/models/<category>/{sketch,voxel,view,view-sketch}, OUT/models/{embed,dense2d} (float16 weights",
      "and options, the training logs), OUT/models/kpdb (the keypoint database of the train models) and",
      "OUT/models/MODEL_CARD.md. Rerun the same command to resume."
    })
public final class TrainAllCommand implements Callable<Integer> {
  static final List<String> PER_CATEGORY = List.of("sketch", "voxel", "view", "view-sketch");
  static final List<String> SHARED = List.of("embed", "dense2d");

  @Option(names = "--out", required = true, description = "Working and output folder (local path).")
  Path out;

  @Option(names = "--profile", description = "quick | standard | full (semcycle.train.profile; default standard here).")
  String profile;

  @Option(names = "--categories", split = ",", description = "Categories (semcycle.synth.categories).")
  List<String> categories;

  @Option(names = "--models-per-category", description = "Synth models per category (semcycle.train-all.models-per-category).")
  Integer models;

  @Option(names = "--views-per-model", description = "Rendered views per model (semcycle.train-all.views-per-model).")
  Integer views;

  @Option(names = "--nets", split = ",", description = "Nets to train (semcycle.train-all.nets): sketch,voxel,view,view-sketch,embed,dense2d.")
  List<String> nets;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("semcycle.train.profile", profile == null ? "standard" : profile);
    o.put("semcycle.synth.categories", categories);
    o.put("semcycle.train-all.models-per-category", models);
    o.put("semcycle.train-all.views-per-model", views);
    o.put("semcycle.train-all.nets", nets);
    Config c = common.load(o);
    SparkSession spark = Sessions.create(c, "train-all");
    try {
      run(spark, c, out, commandLine());
      return 0;
    } finally {
      spark.stop();
    }
  }

  private String commandLine() {
    List<String> args = new ArrayList<>(List.of("bin/semcycle", "train-all", "--out", out.toString()));
    if (profile != null) {
      args.addAll(List.of("--profile", profile));
    }
    if (categories != null) {
      args.addAll(List.of("--categories", String.join(",", categories)));
    }
    if (models != null) {
      args.addAll(List.of("--models-per-category", models.toString()));
    }
    if (views != null) {
      args.addAll(List.of("--views-per-model", views.toString()));
    }
    if (nets != null) {
      args.addAll(List.of("--nets", String.join(",", nets)));
    }
    if (common.config != null) {
      Path home = SemcycleConfig.home().toAbsolutePath().normalize();
      Path file = common.config.toAbsolutePath().normalize();
      args.addAll(List.of("--config", (file.startsWith(home) ? home.relativize(file) : file).toString()));
    }
    return String.join(" ", args);
  }

  /**
   * The configuration of the run's synth and render: the train-all sizes, the profile's image
   * size, no previews, resumable outputs.
   */
  public static Config stepConfig(Config base) {
    Config t = base.getConfig("semcycle.train-all");
    Config profile = base.getConfig("semcycle.train.profiles." + base.getString("semcycle.train.profile"));
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("semcycle.synth.models-per-category", t.getInt("models-per-category"));
    o.put("semcycle.synth.preview", 0);
    o.put("semcycle.render.views-per-model", t.getInt("views-per-model"));
    o.put("semcycle.render.image-size", profile.getInt("image-size"));
    o.put("semcycle.render.preview", 0);
    o.put("semcycle.output.mode", "resume");
    Config c = com.typesafe.config.ConfigFactory.parseMap(o).withFallback(base);
    if (t.hasPath("render")) {
      c = t.getConfig("render").atPath("semcycle.render").withFallback(c);
    }
    String name = base.getString("semcycle.train.profile");
    if (t.hasPath("profile-overrides." + name)) {
      c = t.getConfig("profile-overrides." + name).atPath("semcycle.train.profiles." + name).withFallback(c);
    }
    return c;
  }

  /** The whole run on a Spark session; {@code command} is recorded in the model card. */
  public static void run(SparkSession spark, Config base, Path out, String command) throws Exception {
    Config c = stepConfig(base);
    Config t = c.getConfig("semcycle.train-all");
    Config profile = c.getConfig("semcycle.train.profiles." + c.getString("semcycle.train.profile"));
    List<String> cats = c.getStringList("semcycle.synth.categories");
    List<String> wanted = c.getStringList("semcycle.train-all.nets");
    int steps = 2 + cats.size() * (int) PER_CATEGORY.stream().filter(wanted::contains).count()
        + (int) SHARED.stream().filter(wanted::contains).count() + (wanted.contains("embed") ? 3 : 2);
    Progress p = new Progress(steps);
    long t0 = System.nanoTime();
    Path data = out.resolve("data");
    if (p.step("synth " + cats + " x " + t.getInt("models-per-category") + " models", done(data))) {
      System.out.println(SynthCommand.run(c, data.toString()).summary());
      markDone(data);
    }
    {
      Path render = out.resolve("render");
      if (p.step("render " + t.getInt("views-per-model") + " views per model at " + profile.getInt("image-size") + " px",
          done(render))) {
        System.out.println(RenderCommand.run(spark, c, data.toString(), null, render.toString()).line());
        markDone(render);
      }
      for (String cat : cats) {
        Config cc = com.typesafe.config.ConfigFactory.parseMap(Map.of("semcycle.train.categories", List.of(cat)))
            .withFallback(c);
        for (String net : PER_CATEGORY) {
          if (wanted.contains(net)) {
            Path dir = out.resolve("work").resolve(cat).resolve(net);
            if (p.step(cat + " " + net, done(dir))) {
              System.out.println(DemoCommand.trainLine(net,
                  TrainCommand.run(spark, cc, net, render.toString(), null, dir, null)));
              markDone(dir);
            }
          }
        }
      }
      for (String net : SHARED) {
        if (wanted.contains(net)) {
          Path dir = out.resolve("work").resolve(net);
          if (p.step(net + " (every category)", done(dir))) {
            boolean embed = net.equals("embed");
            System.out.println(DemoCommand.trainLine(net, TrainCommand.run(spark, c, net,
                embed ? null : render.toString(), embed ? data.toString() : null, dir, null)));
            markDone(dir);
          }
        }
      }
    }
    p.step("export to " + out.resolve("models"), false);
    Path models = out.resolve("models");
    boolean half = c.getBoolean("semcycle.train-all.half-precision");
    for (String cat : cats) {
      for (String net : PER_CATEGORY) {
        Path dir = out.resolve("work").resolve(cat).resolve(net);
        if (Files.exists(dir.resolve(".done"))) {
          ModelExport.export(net, dir, models.resolve(cat).resolve(net), half);
        }
      }
    }
    for (String net : SHARED) {
      Path dir = out.resolve("work").resolve(net);
      if (Files.exists(dir.resolve(".done"))) {
        ModelExport.export(net, dir, models.resolve(net), half);
      }
    }
    Path kpdb = models.resolve("kpdb");
    if (wanted.contains("embed") && Files.exists(out.resolve("work/embed/.done"))
        && p.step("kpdb: the keypoint database shipped with the nets", Files.exists(kpdb.resolve("summary.csv")))) {
      Config kc = com.typesafe.config.ConfigFactory.parseMap(Map.of("semcycle.kpdb.split", "train",
          "semcycle.kpdb.max-models-per-category", t.getInt("kpdb-models-per-category"),
          "semcycle.output.mode", "overwrite")).withFallback(c);
      System.out.println(KpdbCommand.run(spark, kc, data.toString(), models.resolve("embed").toString(),
          kpdb.toString()).line());
    }
    if (p.step("check: the nets' metrics on a fresh synth (models/" + NetCheck.FILE + ")",
        Files.exists(models.resolve(NetCheck.FILE)))) {
      Config kc = NetCheck.dataConfig(c);
      Path check = out.resolve("check");
      String checkData = check.resolve("data").toString();
      String checkRender = check.resolve("render").toString();
      SynthCommand.run(kc, checkData);
      RenderCommand.run(spark, kc, checkData, null, checkRender);
      NetCheck.write(models.resolve(NetCheck.FILE), kc, NetCheck.score(spark, c, models, checkRender, cats));
    }
    ModelCard.write(models, c, command, cats, (System.nanoTime() - t0) / 1e9);
    System.out.printf(Locale.ROOT, "train-all: done in %.1f min; models in %s (MODEL_CARD.md)%n",
        (System.nanoTime() - t0) / 60e9, models);
  }

  private static boolean done(Path dir) {
    return Files.exists(dir.resolve(".done"));
  }

  private static void markDone(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(".done"), java.time.Instant.now() + "\n");
  }

  /** Numbered stage lines on stderr, with the elapsed time. */
  private static final class Progress {
    private final int total;
    private final long t0 = System.nanoTime();
    private int n;

    Progress(int total) {
      this.total = total;
    }

    /** Announces the next step; true when it is to run (not already done). */
    boolean step(String what, boolean done) {
      n++;
      System.err.printf(Locale.ROOT, "== train-all [%d/%d] %s%s (%.1f min so far)%n", n, total, what,
          done ? ": done before, skipped" : "", (System.nanoTime() - t0) / 60e9);
      return !done;
    }
  }
}
