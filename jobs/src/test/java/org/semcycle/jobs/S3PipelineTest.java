package org.semcycle.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.cli.KpdbCommand;
import org.semcycle.cli.RenderCommand;
import org.semcycle.cli.SemcycleConfig;
import org.semcycle.cli.SynthCommand;
import org.semcycle.cli.TestSpecs;
import org.semcycle.datasets.keypointnet.AnnotationReader;
import org.semcycle.datasets.keypointnet.ModelAnnotation;
import org.semcycle.embedding.EmbedderConfig;
import org.semcycle.embedding.EmbeddingNet;
import org.semcycle.io.LocalDataSink;
import org.semcycle.spark.HadoopDataRoot;
import org.semcycle.spark.Locations;
import org.semcycle.spark.S3ProxyServer;
import org.semcycle.spark.S3Settings;
import org.semcycle.spark.Sessions;
import org.semcycle.synthetic.SynthReport;
import org.semcycle.synthetic.SyntheticWorld;

/**
 * synth -> render -> kpdb with every input and output on s3a:// paths, against a real
 * S3-compatible server (s3proxy in a child process), through the commands' run methods and a
 * session built by {@link Sessions} from conf/s3.conf (so the shipped committer settings are the
 * ones exercised). Checks the counts, the bytes of synth against a local run, and the files in
 * the bucket. Tagged {@code s3}: about 1-2 minutes on 2 cores (every commit copies objects), so
 * it runs on demand: {@code -Dtest.excludedGroups=perf} (see jobs/pom.xml).
 */
@Tag("s3")
class S3PipelineTest {
  static final int MODELS = 3;
  static final int VIEWS = 2;

  @Test
  void synthRenderKpdbOnS3a(@TempDir Path tmp) throws Exception {
    assumeTrue(S3ProxyServer.jar() != null, "s3proxy jar not copied (run through Maven)");
    try (S3ProxyServer server = S3ProxyServer.start(tmp.resolve("s3"))) {
      String base = server.createBucket("semcycle-it") + "/run";
      List<String> sets = new ArrayList<>(server.configOverrides());
      sets.add("semcycle.synth.categories=[chair,car]");
      sets.add("semcycle.kpdb.split=all");
      Config c =
          SemcycleConfig.load(
              null,
              sets,
              Map.of(
                  "semcycle.synth.models-per-category", MODELS,
                  "semcycle.synth.threads", 1,
                  "semcycle.synth.preview", 1,
                  "semcycle.render.views-per-model", VIEWS,
                  "semcycle.render.image-size", 32,
                  "semcycle.render.supersampling", 1,
                  "semcycle.render.voxel-resolution", 16,
                  "semcycle.render.preview", 2,
                  "semcycle.kpdb.batch-size", 3,
                  "semcycle.spark.partitions", 2));
      Configuration hadoop = S3Settings.hadoopConf(c).get();
      FileSystem fs = Locations.fileSystem(base, hadoop);
      SparkSession spark = null;
      try {
        // synth: no Spark, Hadoop FS with the S3 settings; byte-identical to a local run.
        long t0 = System.nanoTime();
        SynthReport synth = SynthCommand.run(c, base + "/synth");
        long t1 = System.nanoTime();
        assertEquals(2 * MODELS, synth.models());
        Path local = tmp.resolve("local-synth");
        SyntheticWorld.write(TestSpecs.synth(c, List.of("chair", "car"), MODELS), new LocalDataSink(local), 1);
        Map<String, Long> s3Files = listFiles(fs, base + "/synth");
        Map<String, Long> localFiles = localFiles(local);
        localFiles.keySet().forEach(k -> assertTrue(s3Files.containsKey(k), "on S3: " + k));
        for (String rel : List.of("KeypointNet/annotations/chair.json", "KeypointNet/splits/train.txt")) {
          try (var in = fs.open(new org.apache.hadoop.fs.Path(base + "/synth/" + rel))) {
            assertArrayEquals(Files.readAllBytes(local.resolve(rel)), in.readAllBytes(), rel);
          }
        }
        localFiles.forEach((k, v) -> assertEquals(v, s3Files.get(k), "size of " + k));
        assertTrue(s3Files.containsKey("preview.png"));

        long t2 = System.nanoTime();
        spark = s3Session(c);
        long t3 = System.nanoTime();
        RenderJob.Summary r = RenderCommand.run(spark, c, base + "/synth", null, base + "/render");
        long t4 = System.nanoTime();
        assertEquals(2 * MODELS, r.models());
        assertEquals(2 * MODELS * VIEWS, r.views());
        assertEquals(2 * MODELS, r.voxels());
        assertEquals(0, r.rejects());
        assertEquals(2 * MODELS * VIEWS, spark.read().parquet(base + "/render/views").count());
        assertEquals(2 * MODELS, spark.read().parquet(base + "/render/voxels").count());

        // The embedder travels through the bucket too (executors copy it to local disk).
        Path embedder = tmp.resolve("embedder");
        try (EmbeddingNet net = EmbeddingNet.create(EmbedderConfig.small().withEmbeddingDim(16), 3)) {
          net.save(embedder);
        }
        fs.copyFromLocalFile(
            new org.apache.hadoop.fs.Path(embedder.toUri()), new org.apache.hadoop.fs.Path(base + "/embedder"));
        long t5 = System.nanoTime();
        KpdbJob.Summary k = KpdbCommand.run(spark, c, base + "/synth", base + "/embedder", base + "/kpdb");
        long t6 = System.nanoTime();
        System.err.printf(
            "s3 pipeline: synth %.1f s, session %.1f s, render %.1f s, kpdb %.1f s%n",
            (t1 - t0) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9, (t6 - t5) / 1e9);
        // Spark and the commands share this cached s3a instance: its request counters (no secrets).
        System.err.println(
            "s3a statistics: " + org.apache.hadoop.fs.statistics.IOStatisticsLogging.ioStatisticsSourceToString(fs));
        HadoopDataRoot kpn = Locations.root(spark, base + "/synth/KeypointNet");
        int expected = 0;
        for (String cat : List.of("chair", "car")) {
          for (ModelAnnotation a : AnnotationReader.read(kpn, "annotations/" + cat + ".json")) {
            expected += a.keypoints().size();
          }
        }
        assertEquals(synth.keypoints(), expected);
        assertEquals(2 * MODELS, k.models());
        assertEquals(expected, k.keypoints());
        assertEquals(0, k.rejects());
        assertEquals(expected, spark.read().parquet(base + "/kpdb/keypoints").count());

        // What is in the bucket: committed tables, side files, no staging or temporary leftovers.
        Map<String, Long> render = listFiles(fs, base + "/render");
        Map<String, Long> kpdb = listFiles(fs, base + "/kpdb");
        // Partitioned tables (dynamic partition overwrite) get no _SUCCESS; the others do.
        for (String f : List.of("rejects/_SUCCESS", "summary.json", "views.csv", "preview.png")) {
          assertTrue(render.containsKey(f), "render/" + f + " in " + render.keySet());
        }
        for (String f : List.of("summary/_SUCCESS", "rejects/_SUCCESS", "summary.csv")) {
          assertTrue(kpdb.containsKey(f), "kpdb/" + f + " in " + kpdb.keySet());
        }
        for (String table : List.of("views", "voxels")) {
          for (String synset : List.of("03001627", "02958343")) {
            String dir = table + "/synset=" + synset + "/";
            assertTrue(render.keySet().stream().anyMatch(f -> f.startsWith(dir) && f.endsWith(".parquet")), dir);
          }
        }
        assertTrue(kpdb.keySet().stream().anyMatch(f -> f.startsWith("keypoints/synset=03001627/") && f.endsWith(".parquet")));
        for (String f : concat(render.keySet(), kpdb.keySet())) {
          assertFalse(f.contains("_temporary") || f.contains(".spark-staging") || f.contains("__magic"), f);
        }
      } finally {
        if (spark != null) {
          spark.stop();
        }
        fs.close();
      }
    }
  }

  /** A session from Sessions.create with the S3 settings (any other test's session stopped first). */
  static SparkSession s3Session(Config c) {
    SparkSession.getDefaultSession().foreach(s -> {
      s.stop();
      return null;
    });
    SparkSession.clearActiveSession();
    SparkSession.clearDefaultSession();
    return Sessions.create(c, "s3-test");
  }

  /** Files below a Hadoop location, relative path -> length. */
  static Map<String, Long> listFiles(FileSystem fs, String location) throws Exception {
    Map<String, Long> m = new TreeMap<>();
    org.apache.hadoop.fs.Path root = fs.makeQualified(new org.apache.hadoop.fs.Path(location));
    String prefix = root.toUri().getPath() + "/";
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    while (it.hasNext()) {
      LocatedFileStatus st = it.next();
      String p = st.getPath().toUri().getPath();
      m.put(p.substring(prefix.length()), st.getLen());
    }
    return m;
  }

  static Map<String, Long> localFiles(Path root) throws Exception {
    Map<String, Long> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(root.relativize(p).toString().replace('\\', '/'), Files.size(p));
      }
    }
    return m;
  }

  static List<String> concat(java.util.Collection<String> a, java.util.Collection<String> b) {
    List<String> l = new ArrayList<>(a);
    l.addAll(b);
    return l;
  }
}
