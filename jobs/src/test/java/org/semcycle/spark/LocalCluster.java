package org.semcycle.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.spark.sql.SparkSession;

/**
 * Test support for Spark's local-cluster mode (a master and workers in this JVM, executors in
 * separate JVMs). Spark's worker launches executors from SPARK_HOME/jars, so this builds a
 * SPARK_HOME (the surefire config points SPARK_HOME at target/spark-home) whose jars/ links the
 * test classpath's jars, and ships the whole classpath to executors.
 */
public final class LocalCluster {
  private LocalCluster() {}

  /** A builder for local-cluster[workers, coresPerWorker, memoryMb] with the test classpath. */
  public static SparkSession.Builder builder(int workers, int cores, int memoryMb) {
    prepareSparkHome();
    // getOrCreate would hand back another test's local session: stop it first.
    SparkSession.getDefaultSession().foreach(s -> {
      s.stop();
      return null;
    });
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
    String cp = System.getProperty("java.class.path");
    String opens = System.getenv().getOrDefault("SEMCYCLE_JVM_OPENS", "");
    return SparkSession.builder()
        .master("local-cluster[" + workers + "," + cores + "," + memoryMb + "]")
        .config("spark.executor.extraClassPath", cp)
        .config("spark.driver.extraClassPath", cp)
        .config("spark.executor.extraJavaOptions", opens + " -Dai.djl.offline=true")
        .config("spark.executorEnv.DJL_CACHE_DIR", djlCache())
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4");
  }

  private static String djlCache() {
    String d = System.getenv("DJL_CACHE_DIR");
    return d != null ? d : Path.of("target/djl-cache").toAbsolutePath().toString();
  }

  static synchronized void prepareSparkHome() {
    String home = System.getenv("SPARK_HOME");
    if (home == null) {
      throw new IllegalStateException("SPARK_HOME must point at a writable folder (surefire sets it)");
    }
    Path jars = Path.of(home, "jars");
    try {
      Files.createDirectories(jars);
      // The launcher derives the Scala version from this folder when SPARK_SCALA_VERSION is unset.
      Files.createDirectories(Path.of(home, "launcher", "target", "scala-2.13"));
      for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
        Path p = Path.of(entry);
        if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
          Path link = jars.resolve(p.getFileName());
          if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, p.toAbsolutePath());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build " + jars, e);
    }
  }

  /** Writes an executable discovery script that reports the given fake GPU addresses. */
  public static Path fakeGpuDiscoveryScript(Path dir, String... addresses) throws IOException {
    StringBuilder a = new StringBuilder();
    for (int i = 0; i < addresses.length; i++) {
      a.append(i > 0 ? "," : "").append('"').append(addresses[i]).append('"');
    }
    Path script = dir.resolve("fake-gpus.sh");
    Files.writeString(script, "#!/usr/bin/env bash\necho '{\"name\": \"gpu\", \"addresses\": [" + a + "]}'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }
}
