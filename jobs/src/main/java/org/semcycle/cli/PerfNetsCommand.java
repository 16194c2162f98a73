package org.semcycle.cli;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.semcycle.networks.SketchNet;
import org.semcycle.networks.SketchTask;
import org.semcycle.networks.ViewNet;
import org.semcycle.networks.ViewTask;
import org.semcycle.networks.VoxelNet;
import org.semcycle.networks.VoxelLoss;
import org.semcycle.networks.VoxelTask;
import org.semcycle.training.AugmentedRgbSamples;
import org.semcycle.training.TrainProfile;
import org.semcycle.training.ArraySamples;
import org.semcycle.training.SampleSource;
import org.semcycle.training.perf.NetThroughput;
import org.semcycle.training.perf.ProcessClock;
import org.semcycle.training.perf.StepTimer;
import org.semcycle.training.perf.SyntheticBatches;
import org.semcycle.training.views.MirroredVoxelSamples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code semcycle perf-nets}: training-step and inference throughput of the profile's sketch,
 * voxel and view nets on fixed synthetic batches, per intra-op thread count, optionally beside
 * their PyTorch twins (torch_nets_bench.py, run through bin/perf/torch_twins.py, which adds the
 * process CPU rate to its timer). Each net and thread count is timed on the DJL side and then on
 * the PyTorch side, so both see about the same machine load.
 */
@Command(
    name = "perf-nets",
    mixinStandardHelpOptions = true,
    description = {
      "Time each net's training step (TrainLoop.step: batch, forward, loss, backward, Adam) and",
      "inference (no gradients, batch-norm in inference mode) on fixed synthetic batches, per",
      "thread count; with --torch, also the same nets in PyTorch, and print the comparison table.",
      "Rates are the median window's samples per wall second and per process-CPU second."
    })
public final class PerfNetsCommand implements Callable<Integer> {
  @Option(names = "--profile", defaultValue = "standard", description = "Training profile whose nets are timed (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(names = "--nets", split = ",", defaultValue = "sketch,voxel,view", description = "Nets to time (default: ${DEFAULT-VALUE}).")
  List<String> nets;

  @Option(names = "--threads", split = ",", defaultValue = "2,1", description = "Intra-op thread counts (default: ${DEFAULT-VALUE}).")
  List<Integer> threads;

  @Option(names = "--warmup", defaultValue = "30", description = "Untimed steps before the windows, for both sides: the JVM compiles the step's Java code meanwhile (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--windows", defaultValue = "5", description = "Timed windows; the median counts (default: ${DEFAULT-VALUE}).")
  int windows;

  @Option(names = "--steps", defaultValue = "10", description = "Training steps per window (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--infer-steps", defaultValue = "10", description = "Forward passes per window (default: ${DEFAULT-VALUE}).")
  int inferSteps;

  @Option(names = "--infer-batch", defaultValue = "16", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
  int inferBatch;

  @Option(names = "--augment", description = "Wrap the batches as train does: RGB jitter (sketch, view), mirror (voxel).")
  boolean augment;

  @Option(names = "--torch", paramLabel = "FILE", description = "torch_nets_bench.py (the PyTorch twins): time them too and print the comparison.")
  Path torch;

  @Option(names = "--variants", split = ",", defaultValue = "plain", description = "PyTorch variants to time: plain, same (default: ${DEFAULT-VALUE}).")
  List<String> variants;

  @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with torch (default: ${DEFAULT-VALUE}).")
  String python;

  @Option(names = "--phases", description = "Instead: CPU milliseconds per training step by phase (batch, forward + loss, backward, loss read-back, Adam, closing).")
  boolean phases;

  @Option(names = "--out", description = "Also write the rows to this CSV file.")
  Path out;

  @Mixin CommonOptions common;

  /** One row of the table: a side (djl, or a PyTorch variant) at a net and thread count. */
  record Row(String net, int threads, String side, double train, double trainCpu, double infer, double inferCpu) {}

  @Override
  public Integer call() throws Exception {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("semcycle.train.profile", profile);
    Config c = common.load(o);
    Config p = c.getConfig("semcycle.train.profiles." + profile);
    int batch = p.getInt("batch-size");
    StepTimer timer = new StepTimer(warmup, windows);
    List<Row> rows = new ArrayList<>();
    System.out.printf(Locale.ROOT, "perf-nets: profile %s, batch %d, float32, allocator %s, OMP_WAIT_POLICY=%s, process clock %s, load %s%n",
        profile, batch, System.getenv().getOrDefault("LD_PRELOAD", "glibc malloc"),
        System.getenv().getOrDefault("OMP_WAIT_POLICY", "(unset)"),
        ProcessClock.precise() ? "clock_gettime" : "HotSpot (10 ms ticks)", loadAverage());
    if (phases) {
      System.out.printf(Locale.ROOT, "%-7s %3s %8s %8s %8s %8s %8s %8s %8s %8s  (CPU ms per step: calling thread's phases, median; other threads, mean)%n",
          "net", "thr", "batch", "forward", "backward", "readloss", "adam", "close", "total", "others");
      for (int t : threads) {
        for (String net : nets) {
          NetThroughput.Phases ph = NetThroughput.phases(spec(c, p, net, batch), batch, t, warmup, windows * steps);
          System.out.printf(Locale.ROOT, "%-7s %3d %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f%n", net, t, ph.batch(),
              ph.forward(), ph.backward(), ph.readLoss(), ph.optimiser(), ph.close(), ph.total(), ph.otherThreads());
        }
      }
      return 0;
    }
    for (int t : threads) {
      for (String net : nets) {
        NetThroughput.Spec spec = spec(c, p, net, batch);
        NetThroughput.Result r = NetThroughput.measure(spec, batch, t, timer, steps, inferBatch, inferSteps);
        Row row = new Row(net, t, augment ? "djl+aug" : "djl", r.train().wall(), r.train().cpu(),
            r.infer().wall(), r.infer().cpu());
        rows.add(row);
        print(row, r.skipped() > 0 ? " (skipped " + r.skipped() + " updates)" : "");
        if (torch != null) {
          for (Row tr : torchRows(net, t, p)) {
            rows.add(tr);
            print(tr, "");
          }
        }
      }
    }
    table(rows);
    if (out != null) {
      StringBuilder csv = new StringBuilder("net,threads,side,train_per_s,train_per_cpu_s,infer_per_s,infer_per_cpu_s\n");
      for (Row r : rows) {
        csv.append(String.format(Locale.ROOT, "%s,%d,%s,%.2f,%.2f,%.2f,%.2f%n", r.net(), r.threads(), r.side(),
            r.train(), r.trainCpu(), r.infer(), r.inferCpu()));
      }
      Files.writeString(out, csv, StandardCharsets.UTF_8);
      System.out.println("perf-nets: wrote " + out.toAbsolutePath());
    }
    return 0;
  }

  /** The net as train builds it from the profile, with a synthetic batch. */
  private NetThroughput.Spec spec(Config c, Config p, String net, int batch) {
    int size = p.getInt("image-size");
    int base = p.getInt("base");
    float lr = (float) p.getDouble("learning-rate");
    long seed = c.getLong("semcycle.seed");
    return switch (net) {
      case "sketch" -> new NetThroughput.Spec(net, () -> new SketchTask(new SketchNet(new SketchNet.Options(size, base, 1f))),
          rgb(SyntheticBatches.sketch(batch, size), seed), lr, 0.9f, 0.999f, new Shape(3, size, size));
      case "voxel" -> {
        TrainProfile tp = TrainProfile.from(c);
        VoxelNet.Options vo = tp.voxelNetOptions();
        ArraySamples v = SyntheticBatches.voxels(batch, size, p.getInt("voxel-resolution"));
        yield new NetThroughput.Spec(net, () -> new VoxelTask(new VoxelNet(vo), new VoxelLoss(tp.voxel().loss())),
            augment ? new MirroredVoxelSamples(v, seed) : v, lr, 0.9f, 0.999f, new Shape(4, size, size));
      }
      case "view" -> {
        List<Double> b = c.getDoubleList("semcycle.train.view-betas");
        yield new NetThroughput.Spec(net, () -> new ViewTask(new ViewNet(new ViewNet.Options(size, 3, base))),
            rgb(SyntheticBatches.views(batch, size), seed), lr, b.get(0).floatValue(), b.get(1).floatValue(),
            new Shape(3, size, size));
      }
      default -> throw new IllegalArgumentException("--nets: sketch, voxel or view, got '" + net + "'");
    };
  }

  private SampleSource rgb(ArraySamples s, long seed) {
    return augment ? new AugmentedRgbSamples(s, AugmentedRgbSamples.Options.reference(), seed) : s;
  }

  /** Runs the PyTorch twins of one net at one thread count and reads their RESULT lines. */
  private List<Row> torchRows(String net, int t, Config p) throws Exception {
    Path shim = Path.of(System.getProperty("semcycle.home", "."), "bin", "perf", "torch_twins.py");
    if (!Files.isRegularFile(shim)) {
      throw new IllegalArgumentException(shim + ": missing (the timer shim around --torch's script)");
    }
    if (!Files.isRegularFile(torch)) {
      throw new IllegalArgumentException(torch + ": no such file (--torch wants torch_nets_bench.py)");
    }
    List<String> cmd = new ArrayList<>(List.of(python, shim.toString(), torch.toString(),
        "--nets", net, "--threads", String.valueOf(t), "--variants", String.join(",", variants),
        "--batch", String.valueOf(p.getInt("batch-size")), "--image-size", String.valueOf(p.getInt("image-size")),
        "--base", String.valueOf(p.getInt("base")), "--latent", String.valueOf(p.getInt("latent")),
        "--res", String.valueOf(p.getInt("voxel-resolution")),
        "--voxel-decoder-base", String.valueOf(TrainProfile.from(common.load(Map.of("semcycle.train.profile", profile))).voxelNetOptions().decoderBase()),
        "--warmup", String.valueOf(warmup), "--windows", String.valueOf(windows), "--steps", String.valueOf(steps),
        "--infer-steps", String.valueOf(inferSteps), "--infer-batch", String.valueOf(inferBatch)));
    Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    List<Row> rows = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    StringBuilder log = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        log.append(line).append('\n');
        if (line.startsWith("RESULT ")) {
          JsonNode n = json.readTree(line.substring(7));
          rows.add(new Row(n.get("net").asText(), n.get("threads").asInt(), "pt-" + n.get("variant").asText(),
              n.get("train").get("median").asDouble(), n.get("train").path("cpu").asDouble(Double.NaN),
              n.path("infer").path("median").asDouble(Double.NaN), n.path("infer").path("cpu").asDouble(Double.NaN)));
        }
      }
    }
    if (proc.waitFor() != 0 || rows.isEmpty()) {
      throw new IllegalStateException(torch + " failed (exit " + proc.exitValue() + "):\n" + log);
    }
    return rows;
  }

  private static void print(Row r, String note) {
    System.out.printf(Locale.ROOT, "%-7s %-9s %d thr  train %8.1f/s %8.1f/cpu-s   infer %8.1f/s %8.1f/cpu-s%s%n",
        r.net(), r.side(), r.threads(), r.train(), r.trainCpu(), r.infer(), r.inferCpu(), note);
  }

  /** The comparison: each PyTorch variant's rate over DJL's, per wall and per CPU second. */
  private void table(List<Row> rows) {
    System.out.printf(Locale.ROOT, "%nload %s when the table was printed; rates: samples/s (median window), per wall second and per CPU second%n", loadAverage());
    for (String what : List.of("TRAINING (samples/s)", "INFERENCE (images/s)")) {
      boolean train = what.startsWith("TRAIN");
      System.out.printf(Locale.ROOT, "%n%s%n%-7s %3s %-9s %9s %9s %9s %9s%n", what, "net", "thr", "side",
          "wall", "cpu", "djl/wall", "djl/cpu");
      for (Row r : rows) {
        Row djl = rows.stream().filter(x -> x.net().equals(r.net()) && x.threads() == r.threads()
            && x.side().startsWith("djl")).findFirst().orElse(r);
        double w = train ? r.train() : r.infer();
        double cpu = train ? r.trainCpu() : r.inferCpu();
        double dw = train ? djl.train() : djl.infer();
        double dc = train ? djl.trainCpu() : djl.inferCpu();
        System.out.printf(Locale.ROOT, "%-7s %3d %-9s %9.1f %9.1f %9.2f %9.2f%n", r.net(), r.threads(), r.side(),
            w, cpu, dw / w, dc / cpu);
      }
    }
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "unknown";
    }
  }
}
