package org.semcycle.cli;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code MODEL_CARD.md} of a train-all run: the command, seed, profile and data sizes, the
 * machine, and per net its epochs, training time, last validation metrics (its training log's
 * last row) and file size. The cycle's PCK on the shipped nets is measured separately and added
 * below the generated part, with the command that produced it.
 */
final class ModelCard {
  private ModelCard() {}

  static void write(Path models, Config c, String command, List<String> categories, double seconds)
      throws IOException {
    StringBuilder sb = new StringBuilder("# Shipped nets: model card\n\n");
    sb.append("Reproduce (from a clean checkout, resumable):\n\n```bash\n").append(command).append("\n```\n\n");
    sb.append(String.format(Locale.ROOT, "- profile `%s`, seed %d, categories %s%n", c.getString("semcycle.train.profile"),
        c.getLong("semcycle.seed"), categories));
    sb.append(String.format(Locale.ROOT, "- data: `synth` %d models per category (split train %.2f / val %.2f / rest"
            + " test, by model index), `render` %d views per model at %d px%n",
        c.getInt("semcycle.synth.models-per-category"), c.getDouble("semcycle.synth.split.train"),
        c.getDouble("semcycle.synth.split.val"), c.getInt("semcycle.render.views-per-model"),
        c.getInt("semcycle.render.image-size")));
    sb.append(String.format(Locale.ROOT, "- machine: %s, %d cores; Java %s; wall time of train-all's last invocation"
            + " %.1f h (a resumed run counts only its own part; the nets' training minutes are below)%n",
        cpu(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), seconds / 3600));
    sb.append("- files: float16 weights (`*-0000.params`, read as float32) and options, the training log;"
        + " no checkpoints or optimiser state\n\n");
    sb.append("| net | epochs | training min | last epoch's validation metrics | MB |\n|---|---:|---:|---|---:|\n");
    double trainingSeconds = 0;
    List<Path> dirs = new ArrayList<>();
    for (String cat : categories) {
      for (String net : TrainAllCommand.PER_CATEGORY) {
        dirs.add(models.resolve(cat).resolve(net));
      }
    }
    for (String net : TrainAllCommand.SHARED) {
      dirs.add(models.resolve(net));
    }
    for (Path d : dirs) {
      if (!Files.isDirectory(d)) {
        continue;
      }
      String name = models.relativize(d).toString();
      Path log = d.resolve("training-log.csv");
      String epochs = "-";
      String minutes = "-";
      String metrics = "-";
      if (Files.exists(log)) {
        List<String> lines = Files.readAllLines(log);
        String[] head = lines.get(0).split(",");
        String[] last = lines.get(lines.size() - 1).split(",");
        double total = 0;
        int si = List.of(head).indexOf("seconds");
        for (String l : lines.subList(1, lines.size())) {
          total += Double.parseDouble(l.split(",")[si]);
        }
        trainingSeconds += total;
        epochs = last[0];
        minutes = String.format(Locale.ROOT, "%.1f", total / 60);
        List<String> m = new ArrayList<>();
        for (int i = 1; i < head.length; i++) {
          if (!List.of("train_loss", "seconds", "samples_per_s").contains(head[i])) {
            m.add(head[i] + " " + last[i]);
          }
        }
        metrics = String.join(", ", m);
      }
      sb.append("| ").append(name).append(" | ").append(epochs).append(" | ").append(minutes).append(" | ")
          .append(metrics).append(" | ").append(String.format(Locale.ROOT, "%.1f", size(d) / 1e6)).append(" |\n");
    }
    sb.append(String.format(Locale.ROOT, "%nTotal: %.1f MB; the nets' training %.1f h (their epochs' seconds in the"
        + " training logs).%n", size(models) / 1e6, trainingSeconds / 3600));
    if (Files.exists(models.resolve("check.json"))) {
      sb.append("\nThe per-category nets' metrics on a fresh synth of their own (semcycle.train-all.check):"
          + " `check.json`; ShippedNetsTest recomputes them on every test run.\n");
    }
    Path card = models.resolve("MODEL_CARD.md");
    String kept = "";
    if (Files.exists(card)) {
      String old = Files.readString(card);
      int k = old.indexOf(MEASURED);
      kept = k < 0 ? "" : old.substring(k);
    }
    Files.writeString(card, sb + "\n" + (kept.isEmpty() ? MEASURED + "\n\n(not measured yet)\n" : kept));
  }

  /** The heading below which hand-added measurements survive a rewrite of the card. */
  static final String MEASURED = "## The cycle on these nets";

  private static String cpu() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst().orElse("unknown CPU");
    } catch (IOException | RuntimeException e) {
      return "unknown CPU";
    }
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
