package org.semcycle.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test support: an S3-compatible server (s3proxy with its filesystem backend) in a child JVM,
 * listening on 127.0.0.1 only. It runs as a separate process because s3proxy's dependencies
 * (Jetty, jclouds, Guava) clash with Spark's in one JVM. The jar is copied by Maven
 * (jobs/pom.xml, execution copy-s3proxy) and found through SEMCYCLE_S3PROXY_JAR or
 * target/s3proxy/s3proxy.jar. A bucket is a folder of the backend directory. close() stops the
 * process.
 */
public final class S3ProxyServer implements AutoCloseable {
  /** Test-only identity and secret, known to nobody but this server. */
  public static final String ACCESS_KEY = "semcycle-test";
  public static final String SECRET_KEY = "semcycle-test-secret";
  private static final long START_TIMEOUT_MS = 60_000;

  private final Process process;
  private final Path dir;
  private final int port;

  private S3ProxyServer(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /** The s3proxy jar, or null when Maven has not copied it (tests skip then). */
  public static Path jar() {
    String env = System.getenv("SEMCYCLE_S3PROXY_JAR");
    Path p = env != null ? Path.of(env) : Path.of("target/s3proxy/s3proxy.jar");
    return Files.isRegularFile(p) ? p : null;
  }

  /** Starts s3proxy storing objects below dir/blobs and waits until its port answers. */
  public static S3ProxyServer start(Path dir) throws IOException, InterruptedException {
    Path jar = jar();
    if (jar == null) {
      throw new IllegalStateException("no s3proxy jar: run the tests through Maven (copy-s3proxy)");
    }
    Path blobs = Files.createDirectories(dir.resolve("blobs"));
    int port = freePort();
    Path props = dir.resolve("s3proxy.properties");
    Files.writeString(
        props,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS_KEY,
            "s3proxy.credential=" + SECRET_KEY,
            "jclouds.provider=filesystem",
            "jclouds.filesystem.basedir=" + blobs.toAbsolutePath(),
            ""));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-jar", jar.toAbsolutePath().toString(), "--properties", props.toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("s3proxy.log").toFile())
            .start();
    S3ProxyServer server = new S3ProxyServer(p, dir, port);
    try {
      server.awaitPort();
    } catch (IOException | RuntimeException | InterruptedException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitPort() throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("s3proxy exited with " + process.exitValue() + ": " + logTail());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new IOException("s3proxy did not open port " + port + " within " + START_TIMEOUT_MS + " ms: " + logTail());
  }

  private String logTail() {
    try {
      String log = Files.readString(dir.resolve("s3proxy.log"));
      return log.substring(Math.max(0, log.length() - 2000));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** http://127.0.0.1:PORT */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** Creates a bucket (a folder of the filesystem backend) and returns its s3a:// URI. */
  public String createBucket(String name) {
    try {
      Files.createDirectories(dir.resolve("blobs").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "s3a://" + name;
  }

  /**
   * semcycle configuration overrides ({@code --set} style) that point s3a at this server:
   * endpoint, no SSL, and the test credentials as Hadoop settings (read by the first provider of
   * conf/s3.conf's chain, SimpleAWSCredentialsProvider).
   */
  public List<String> configOverrides() {
    return List.of(
        "semcycle.s3.enabled=true",
        "semcycle.s3.endpoint=\"" + endpoint() + "\"",
        "semcycle.s3.region=us-east-1",
        "semcycle.s3.ssl=false",
        "semcycle.s3.hadoop.\"fs.s3a.access.key\"=" + ACCESS_KEY,
        "semcycle.s3.hadoop.\"fs.s3a.secret.key\"=" + SECRET_KEY);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
