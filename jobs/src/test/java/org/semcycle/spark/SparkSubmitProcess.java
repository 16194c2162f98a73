package org.semcycle.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Test support: runs {@code spark-submit --master URL --class org.semcycle.cli.Main JOBS_JAR
 * COMMAND...} as a separate driver JVM ({@code org.apache.spark.deploy.SparkSubmit}, what the
 * spark-submit script runs), with the test classpath standing in for a Spark installation
 * ({@link LocalCluster#prepareSparkHome}). The jobs jar is packed from the jobs module's compiled
 * classes. Executors of a local-cluster or standalone master are child processes of the driver.
 */
public final class SparkSubmitProcess {
  private final Process process;
  private final Path log;

  private SparkSubmitProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts the driver; its stdout and stderr go to {@code log}. */
  public static SparkSubmitProcess start(Path jobsJar, String master, List<String> conf, List<String> args, Path log) {
    LocalCluster.prepareSparkHome();
    String cp = System.getProperty("java.class.path");
    String opens = System.getenv().getOrDefault("SEMCYCLE_JVM_OPENS", "");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.addAll(Arrays.stream(opens.split(" ")).filter(s -> !s.isBlank()).toList());
    cmd.add("-Dsemcycle.conf.dir=" + System.getProperty("semcycle.conf.dir"));
    cmd.add("-Dai.djl.offline=true");
    cmd.add("-cp");
    cmd.add(cp);
    cmd.add("org.apache.spark.deploy.SparkSubmit");
    cmd.add("--master");
    cmd.add(master);
    cmd.add("--class");
    cmd.add("org.semcycle.cli.Main");
    for (String c : List.of(
        "spark.executor.extraClassPath=" + cp,
        "spark.executor.extraJavaOptions=" + opens + " -Dai.djl.offline=true",
        "spark.executor.memory=768m",
        "spark.ui.enabled=false")) {
      cmd.add("--conf");
      cmd.add(c);
    }
    for (String c : conf) {
      cmd.add("--conf");
      cmd.add(c);
    }
    cmd.add(jobsJar.toString());
    cmd.addAll(args);
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
      return new SparkSubmitProcess(pb.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start spark-submit", e);
    }
  }

  public Process process() {
    return process;
  }

  /** The driver's output so far. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  /** The executor JVMs (CoarseGrainedExecutorBackend) below the driver, alive now. */
  public List<ProcessHandle> executors() {
    return process.descendants()
        .filter(ProcessHandle::isAlive)
        .filter(p -> commandLine(p).contains("org.apache.spark.executor.CoarseGrainedExecutorBackend"))
        .toList();
  }

  /** Arguments of a process, from /proc (ProcessHandle.Info leaves out long command lines). */
  static List<String> commandLine(ProcessHandle p) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(p.pid()), "cmdline"));
      return Arrays.asList(new String(raw, java.nio.charset.StandardCharsets.UTF_8).split("\0"));
    } catch (IOException e) {
      return p.info().arguments().map(Arrays::asList).orElse(List.of());
    }
  }

  /** Kills the driver and whatever it started (executors), if still running. */
  public void destroy() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** Packs a directory of compiled classes (and resources) into a jar with Main as entry point. */
  public static Path jar(Path classes, Path jar) throws IOException {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.semcycle.cli.Main");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new java.util.jar.JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return jar;
  }
}
