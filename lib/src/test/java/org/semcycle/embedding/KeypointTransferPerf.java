package org.semcycle.embedding;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.semcycle.cycle.TransferStage;
import org.semcycle.datasets.keypointnet.Keypoint;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;
import org.semcycle.datasets.keypointnet.ModelAnnotation;
import org.semcycle.datasets.keypointnet.SurfacePointCloud;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.NearestPoint;
import org.semcycle.io.Seeds;
import org.semcycle.networks.DjlRuntime;
import org.semcycle.synthetic.ShapeGenerator;
import org.semcycle.synthetic.ShapeGenerators;
import org.semcycle.synthetic.SynthModel;

/**
 * CPU time of keypoint transfer (one thread, the calling thread's clock), a measurement rather
 * than a unit test (tag perf, outside the default suite):
 *
 * <pre>
 * mvn -B -o -pl lib test -Dtest=KeypointTransferPerf -Dtest.excludedGroups= \
 *     [-Dsemcycle.perf.embedder=DIR] [-Dsemcycle.perf.models=7,300] \
 *     [-Dsemcycle.perf.rows=10000,100000,1000000] [-Dsemcycle.perf.passes=2]
 * </pre>
 *
 * <ol>
 *   <li>{@link #chairs}: per count in {@code semcycle.perf.models} (7: the demo's train chairs,
 *       300: the shipped database's), a database of that many synthetic chairs ({@code
 *       ShapeGenerators} "chair", 2048-point PCDs, keypoints linked to their nearest PCD point)
 *       embedded by an untrained {@link EmbedderConfig#small()} net, or the trained one in
 *       {@code semcycle.perf.embedder}; then {@value #IMAGES} other chairs transferred as {@link
 *       TransferStage#keypoints} does, per image: sampling, embedding, the index search at the
 *       default probes, the vote, the exact index search and the DJL brute force over every row
 *       for comparison; recall and how many picks differ from the exact search's.
 *   <li>{@link #clustered}: random clustered 64-d rows (21 ids x models, see {@link
 *       ClusteredEmbeddings}), per size in {@code semcycle.perf.rows}: index build time, search
 *       time per image of 2048 queries (k = 8) exact and at several probe counts with recall@8
 *       against the exact search, the DJL brute force's time, and the transfer's (search and
 *       vote) at the default probes.
 * </ol>
 */
@Tag("perf")
class KeypointTransferPerf {
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
  private static final long SEED = 5;
  private static final int IMAGES = 20;
  private static final int POINTS = 2048;
  private static final int K = 8;
  /** Passes over the images in {@link #chairs} (the last is reported). */
  private static final int PASSES = Math.max(2, Integer.getInteger("semcycle.perf.passes", 2));

  @Test
  void chairs() throws Exception {
    DjlRuntime.engine(1);
    Path conf = Files.exists(Path.of("../conf/keypoints.conf"))
        ? Path.of("../conf/keypoints.conf") : Path.of("conf/keypoints.conf");
    ShapeGenerator gen = ShapeGenerators.forCategory("chair", KeypointVocabulary.load(conf));
    String dir = System.getProperty("semcycle.perf.embedder");
    try (EmbeddingNet net = dir == null
        ? EmbeddingNet.create(EmbedderConfig.small(), SEED) : EmbeddingNet.load(Path.of(dir))) {
      List<Mesh> meshes = new ArrayList<>();
      for (int i = 0; i < IMAGES; i++) {
        meshes.add(gen.generate(SEED + 1, i).mesh());
      }
      for (String count : System.getProperty("semcycle.perf.models", "7,300").split(",")) {
        chairs(gen, net, Integer.parseInt(count.trim()), meshes, dir);
      }
    }
  }

  /** The chair database of {@code models} models, and the transfer of {@code meshes} with it. */
  private static void chairs(ShapeGenerator gen, EmbeddingNet net, int models, List<Mesh> meshes,
      String dir) {
    long c0 = MX.getCurrentThreadCpuTime();
    KeypointDatabase.Builder b = KeypointDatabase.builder();
    for (int i = 0; i < models; i++) {
      SynthModel m = gen.generate(SEED, i);
      float[] pcd = SurfacePointCloud.sample(m.mesh(), POINTS, Seeds.mix(SEED, "pcd", m.modelId()))
          .xyz();
      List<Keypoint> linked = new ArrayList<>();
      for (Keypoint k : m.keypoints()) {
        int idx = NearestPoint.nearest(pcd, k.xyz()[0], k.xyz()[1], k.xyz()[2]);
        linked.add(new Keypoint(k.xyz(), k.rgb(), k.semanticId(), idx, k.faceIndex(), k.faceUv()));
      }
      b.addModel(new ModelAnnotation(m.synset(), m.modelId(), linked, m.symmetries()),
          net.embed(pcd), net.dim());
    }
    KeypointDatabase db = b.build();
    String synset = gen.synset();
    double embedDb = ms(c0);
    long c1 = MX.getCurrentThreadCpuTime();
    KeypointIndex index = db.index(synset);
    double build = ms(c1);
    report("chairs x %d: %d rows, %d ids, %d cells, embedder %s; database embedded in %.0f ms,"
        + " index built in %.1f ms", models, db.size(), db.idStats(synset).size(), index.cells(),
        dir == null ? "untrained small (seed " + SEED + ")" : dir, embedDb, build);
    KeypointTransfer exact = new KeypointTransfer(db,
        KeypointTransfer.Options.defaults().withSearch(KeypointTransfer.Search.exact()));
    KeypointTransfer probing = new KeypointTransfer(db, KeypointTransfer.Options.defaults());
    TransferStage stage = new TransferStage(probing, POINTS, SEED);
    float[] table = packed(db.rows(synset), db.dim());
    String[] parts = {"sample", "embed", "index search", "vote", "exact search", "DJL brute force"};
    double[] t = new double[parts.length];
    int changed = 0;
    int changedBrute = 0;
    double recall = 0;
    // Passes over the images: the first ones warm the JIT up, the last is reported.
    for (int rep = 0; rep < PASSES; rep++) {
      java.util.Arrays.fill(t, 0);
      changed = 0;
      changedBrute = 0;
      recall = 0;
      for (Mesh mesh : meshes) {
        long a = MX.getCurrentThreadCpuTime();
        float[] xyz = stage.sample(mesh);
        t[0] += ms(a);
        a = MX.getCurrentThreadCpuTime();
        float[] emb = net.embed(xyz);
        t[1] += ms(a);
        a = MX.getCurrentThreadCpuTime();
        KeypointIndex ix = probing.checked(synset, xyz, emb);
        NearestNeighbours.Result nn = probing.neighbours(ix, emb);
        t[2] += ms(a);
        a = MX.getCurrentThreadCpuTime();
        List<TransferredKeypoint> got = probing.byVote(ix, xyz, emb, nn);
        t[3] += ms(a);
        a = MX.getCurrentThreadCpuTime();
        NearestNeighbours.Result truth = exact.neighbours(ix, emb);
        t[4] += ms(a);
        a = MX.getCurrentThreadCpuTime();
        NearestNeighbours.Result brute = NearestNeighbours.search(emb, table, db.dim(), K);
        t[5] += ms(a);
        List<TransferredKeypoint> want = exact.byVote(ix, xyz, emb, truth);
        changed += differing(got, want);
        changedBrute += differing(exact.byVote(ix, xyz, emb, brute), want);
        recall += recall(nn, truth);
      }
    }
    int images = meshes.size();
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      line.append(String.format(Locale.ROOT, "%s %.2f%s", parts[i], t[i] / images,
          i + 1 < parts.length ? " | " : ""));
    }
    report("chairs x %d per image (CPU ms, mean of %d; index search: probes=%d): %s", models,
        images, KeypointTransfer.Search.DEFAULT_PROBES, line);
    report("chairs x %d transfer per image (embed + k-NN + vote, CPU ms): index %.2f | exact"
        + " index %.2f | DJL brute force %.2f", models, (t[1] + t[2] + t[3]) / images,
        (t[1] + t[4] + t[3]) / images, (t[1] + t[5] + t[3]) / images);
    report("chairs x %d: probes=%d recall@%d %.4f against the exact search; picks differing from"
        + " the exact search's: probes=%d %d, DJL brute force %d, of %d", models,
        KeypointTransfer.Search.DEFAULT_PROBES, K, recall / images,
        KeypointTransfer.Search.DEFAULT_PROBES, changed, changedBrute, images * index.ids.length);
  }

  @Test
  void clustered() {
    DjlRuntime.engine(1);
    String sizes = System.getProperty("semcycle.perf.rows", "10000,100000,1000000");
    for (String s : sizes.split(",")) {
      int rows = Integer.parseInt(s.trim());
      ClusteredEmbeddings data = ClusteredEmbeddings.of(21, rows / 21, 64, SEED);
      KeypointDatabase db = KeypointDatabase.of(data.records());
      long c0 = MX.getCurrentThreadCpuTime();
      KeypointIndex index = db.index(ClusteredEmbeddings.SYNSET);
      double build = ms(c0);
      float[] queries = data.queries(POINTS, Seeds.mix(SEED, "queries", rows));
      float[] xyz = new float[POINTS * 3];
      long c1 = MX.getCurrentThreadCpuTime();
      NearestNeighbours.Result truth = index.search(queries, K, Integer.MAX_VALUE);
      double exactMs = ms(c1);
      StringBuilder line = new StringBuilder();
      for (int probes : new int[] {4, 8, 16, 32}) {
        long a = MX.getCurrentThreadCpuTime();
        NearestNeighbours.Result got = index.search(queries, K, probes);
        line.append(String.format(Locale.ROOT, " | probes=%d %.1f ms recall@%d %.4f", probes,
            ms(a), K, recall(got, truth)));
      }
      double bruteMs = Double.NaN;
      if (rows <= 1_000_000) {
        float[] table = packed(db.rows(ClusteredEmbeddings.SYNSET), 64);
        long a = MX.getCurrentThreadCpuTime();
        NearestNeighbours.Result brute = NearestNeighbours.search(queries, table, 64, K);
        bruteMs = ms(a);
        line.append(String.format(Locale.ROOT, " | exact index vs DJL brute recall %.4f",
            recall(truth, brute)));
      }
      KeypointTransfer vote = new KeypointTransfer(db, KeypointTransfer.Options.defaults());
      vote.transferEmbedded(ClusteredEmbeddings.SYNSET, xyz, queries);
      long a = MX.getCurrentThreadCpuTime();
      vote.transferEmbedded(ClusteredEmbeddings.SYNSET, xyz, queries);
      report("clustered %d rows (%d cells): build %.0f ms | per image of %d queries: exact"
          + " index %.1f ms, DJL brute force %.1f ms%s | transfer (probes=%d) %.1f ms", db.size(),
          index.cells(), build, POINTS, exactMs, bruteMs, line,
          KeypointTransfer.Search.DEFAULT_PROBES, ms(a));
    }
  }

  private static int differing(List<TransferredKeypoint> got, List<TransferredKeypoint> want) {
    int d = 0;
    for (int j = 0; j < want.size(); j++) {
      d += got.get(j).pointIndex() == want.get(j).pointIndex() ? 0 : 1;
    }
    return d;
  }

  /** Fraction of the true k nearest (by row) that {@code got} found, over all queries. */
  static double recall(NearestNeighbours.Result got, NearestNeighbours.Result truth) {
    long hit = 0;
    for (int q = 0; q < truth.queries(); q++) {
      java.util.Set<Integer> want = new java.util.HashSet<>();
      for (int r = 0; r < truth.k(); r++) {
        want.add(truth.index(q, r));
      }
      for (int r = 0; r < got.k(); r++) {
        hit += want.contains(got.index(q, r)) ? 1 : 0;
      }
    }
    return hit / (double) (truth.queries() * (long) truth.k());
  }

  static float[] packed(List<KeypointRecord> rows, int dim) {
    float[] table = new float[rows.size() * dim];
    for (int r = 0; r < rows.size(); r++) {
      rows.get(r).copyEmbedding(table, r * dim);
    }
    return table;
  }

  private static double ms(long since) {
    return (MX.getCurrentThreadCpuTime() - since) / 1e6;
  }

  private static void report(String fmt, Object... args) {
    System.out.println("PERF " + String.format(Locale.ROOT, fmt, args));
  }
}
