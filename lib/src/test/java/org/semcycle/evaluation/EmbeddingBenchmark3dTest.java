package org.semcycle.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.datasets.keypointnet.AnnotationReader;
import org.semcycle.datasets.keypointnet.Keypoint;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;
import org.semcycle.datasets.keypointnet.ModelAnnotation;
import org.semcycle.datasets.keypointnet.PcdReader;
import org.semcycle.datasets.shapenet.ObjReader;
import org.semcycle.datasets.shapenet.ShapeNetCatalog;
import org.semcycle.embedding.EmbedderConfig;
import org.semcycle.embedding.EmbeddingNet;
import org.semcycle.embedding.KeypointDatabase;
import org.semcycle.embedding.KeypointRecord;
import org.semcycle.geometry.Bounds;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.NearestPoint;
import org.semcycle.io.LocalDataRoot;
import org.semcycle.io.LocalDataSink;
import org.semcycle.networks.DjlRuntime;
import org.semcycle.synthetic.SynthSpec;
import org.semcycle.synthetic.SyntheticWorld;

/**
 * The 3D embedding benchmark on five synthetic chairs with an untrained 16-d embedder: the
 * nearest-sample reference is nearly perfect, transfers and the position prior never beat it, an
 * exact oracle database reaches it, a database with swapped ids does not, and the corrupted shape differs from the
 * true one while its reference stays high.
 */
class EmbeddingBenchmark3dTest {
  private static final long SEED = 11;
  private static final List<Mesh> MESHES = new ArrayList<>();
  private static final List<ModelAnnotation> MODELS = new ArrayList<>();
  private static EmbeddingNet net;
  private static KeypointDatabase pcdDatabase;

  @BeforeAll
  static void world(@TempDir Path tmp) throws Exception {
    DjlRuntime.engine(1);
    Path conf = Files.exists(Path.of("../conf/keypoints.conf"))
        ? Path.of("../conf/keypoints.conf") : Path.of("conf/keypoints.conf");
    SynthSpec spec = new SynthSpec(SEED, List.of("chair"), 5, 0.6, 0.2, 2048,
        KeypointVocabulary.load(conf));
    SyntheticWorld.write(spec, new LocalDataSink(tmp), 1);
    LocalDataRoot shapes = new LocalDataRoot(tmp.resolve(SyntheticWorld.SHAPENET));
    LocalDataRoot kpn = new LocalDataRoot(tmp.resolve(SyntheticWorld.KEYPOINTNET));
    MODELS.addAll(AnnotationReader.read(kpn, "annotations/chair.json"));
    try (EmbeddingNet fresh = EmbeddingNet.create(EmbedderConfig.small().withEmbeddingDim(16), 5)) {
      fresh.save(tmp.resolve("embedder"));
    }
    net = EmbeddingNet.load(tmp.resolve("embedder"));
    KeypointDatabase.Builder b = KeypointDatabase.builder();
    for (ModelAnnotation a : MODELS) {
      MESHES.add(ObjReader.read(shapes, ShapeNetCatalog.objPath(a.classId(), a.modelId())));
      float[] pcd = PcdReader.read(kpn, "pcds/" + a.classId() + "/" + a.modelId() + ".pcd").xyz();
      b.addModel(a, net.embed(pcd), net.dim());
    }
    pcdDatabase = b.build();
  }

  @AfterAll
  static void close() {
    net.close();
  }

  private static EmbeddingBenchmark3d bench(KeypointDatabase db) {
    return new EmbeddingBenchmark3d(net, db, EmbeddingBenchmark3d.Settings.defaults(SEED));
  }

  private static CurveKey key(ShapeCondition c, TransferMethod m) {
    return new CurveKey(c, m);
  }

  @Test
  void referenceIsNearlyPerfectAndNoTransferBeatsIt() {
    EmbeddingBenchmark3d b = bench(pcdDatabase);
    Pck3dTable table = new Pck3dTable();
    for (int i = 0; i < MODELS.size(); i++) {
      ModelScores s = b.evaluate(MESHES.get(i), MODELS.get(i));
      for (ShapeCondition c : ShapeCondition.values()) {
        double[] ref = s.distances(key(c, TransferMethod.NEAREST_SAMPLE));
        for (TransferMethod m : List.of(TransferMethod.MEAN, TransferMethod.KNN_VOTE,
            TransferMethod.POSITION_PRIOR)) {
          double[] d = s.distances(key(c, m));
          for (int k = 0; k < d.length; k++) {
            // Every placed point is a sampled point: none is nearer than the nearest sample.
            assertTrue(d[k] >= ref[k] - 1e-12, c + " " + m + " keypoint " + k);
          }
        }
      }
      table.add(s);
    }
    assertEquals(MODELS.size(), table.models());
    table.curves().forEach((name, c) -> System.out.printf(Locale.ROOT,
        "eval3d test (untrained, pcd database) %-26s PCK@0.05 %.3f @0.10 %.3f (%d keypoints)%n",
        name, c.at(0.05), c.at(0.10), c.keypoints()));
    int keypoints = MODELS.stream().mapToInt(m -> (int) m.keypoints().stream()
        .mapToInt(Keypoint::semanticId).distinct().count()).sum();
    Pck3d.Curve cleanRef = table.curve(key(ShapeCondition.CLEAN, TransferMethod.NEAREST_SAMPLE));
    assertEquals(keypoints, cleanRef.keypoints());
    assertTrue(cleanRef.at(0.05) >= 0.97, "clean reference " + cleanRef.at(0.05));
    Pck3d.Curve corrRef = table.curve(key(ShapeCondition.CORRUPTED, TransferMethod.NEAREST_SAMPLE));
    assertTrue(corrRef.at(0.05) >= 0.85, "corrupted reference " + corrRef.at(0.05));
    assertTrue(corrRef.at(0.10) >= 0.97, "corrupted reference " + corrRef.at(0.10));
    // The corruption costs accuracy at the tightest threshold.
    assertTrue(corrRef.at(0.01) < cleanRef.at(0.01), corrRef.at(0.01) + " vs " + cleanRef.at(0.01));
  }

  /**
   * A one-model database holding the embeddings of the benchmark's own clean cloud at the
   * sampled points nearest to the keypoints: both modes must place every keypoint exactly there.
   * The same database with its semantic ids rotated must score far lower.
   */
  @Test
  void exactOracleReachesTheReferenceAndSwappedIdsDoNot() {
    Pck3dTable oracle = new Pck3dTable();
    Pck3dTable swapped = new Pck3dTable();
    EmbeddingBenchmark3d sampler = bench(pcdDatabase);
    for (int i = 0; i < MODELS.size(); i++) {
      ModelAnnotation a = MODELS.get(i);
      float[] xyz = sampler.cloud(MESHES.get(i), ShapeCondition.CLEAN, a.classId(), a.modelId());
      float[] emb = net.embed(xyz);
      List<Keypoint> kps = a.keypoints();
      int[] ids = kps.stream().mapToInt(Keypoint::semanticId).distinct().sorted().toArray();
      List<KeypointRecord> own = new ArrayList<>();
      List<KeypointRecord> rotated = new ArrayList<>();
      for (Keypoint kp : kps) {
        int p = NearestPoint.nearest(xyz, kp.xyz()[0], kp.xyz()[1], kp.xyz()[2]);
        float[] e = new float[net.dim()];
        System.arraycopy(emb, p * net.dim(), e, 0, e.length);
        float[] x = {(float) kp.xyz()[0], (float) kp.xyz()[1], (float) kp.xyz()[2]};
        own.add(new KeypointRecord(a.classId(), a.modelId(), kp.semanticId(), x, e));
        int slot = java.util.Arrays.binarySearch(ids, kp.semanticId());
        rotated.add(new KeypointRecord(a.classId(), a.modelId(), ids[(slot + 1) % ids.length], x, e));
      }
      ModelScores s = bench(KeypointDatabase.of(own)).evaluate(MESHES.get(i), a);
      double[] ref = s.distances(key(ShapeCondition.CLEAN, TransferMethod.NEAREST_SAMPLE));
      assertArrayEquals(ref, s.distances(key(ShapeCondition.CLEAN, TransferMethod.MEAN)), 0.0,
          a.modelId() + " mean");
      assertArrayEquals(ref, s.distances(key(ShapeCondition.CLEAN, TransferMethod.KNN_VOTE)), 0.0,
          a.modelId() + " knn");
      oracle.add(s);
      swapped.add(bench(KeypointDatabase.of(rotated)).evaluate(MESHES.get(i), a));
    }
    CurveKey cleanMean = key(ShapeCondition.CLEAN, TransferMethod.MEAN);
    double good = oracle.curve(cleanMean).at(0.05);
    double bad = swapped.curve(cleanMean).at(0.05);
    System.out.printf(Locale.ROOT, "eval3d test oracle clean/mean %.3f, rotated ids %.3f, "
        + "oracle corrupted/mean %.3f corrupted/knn_vote %.3f (PCK@0.05)%n", good, bad,
        oracle.curve(key(ShapeCondition.CORRUPTED, TransferMethod.MEAN)).at(0.05),
        oracle.curve(key(ShapeCondition.CORRUPTED, TransferMethod.KNN_VOTE)).at(0.05));
    assertTrue(good >= 0.97, "oracle " + good);
    assertTrue(bad < 0.5 * good, "rotated ids " + bad + " vs oracle " + good);
    // The database's own positions are the true ones: the position prior is exact too.
    CurveKey prior = key(ShapeCondition.CLEAN, TransferMethod.POSITION_PRIOR);
    assertTrue(oracle.curve(prior).at(0.05) >= 0.97, "prior " + oracle.curve(prior).at(0.05));
    assertTrue(swapped.curve(prior).at(0.05) < 0.5, "rotated prior " + swapped.curve(prior).at(0.05));
  }

  @Test
  void corruptedShapeDiffersFromTheTrueMeshByAboutACell() {
    EmbeddingBenchmark3d b = bench(pcdDatabase);
    Mesh mesh = MESHES.get(0);
    Mesh corrupted = b.shape(mesh, ShapeCondition.CORRUPTED);
    assertFalse(corrupted == mesh);
    double[] orig = mesh.positions();
    int reproduced = 0;
    for (int v = 0; v < corrupted.vertexCount(); v++) {
      var p = corrupted.vertex(v);
      int n = NearestPoint.nearest(orig, p);
      double dx = orig[3 * n] - p.x();
      double dy = orig[3 * n + 1] - p.y();
      double dz = orig[3 * n + 2] - p.z();
      if (dx * dx + dy * dy + dz * dz < 1e-8) {
        reproduced++;
      }
    }
    assertTrue(corrupted.vertexCount() > 100, "vertices " + corrupted.vertexCount());
    assertTrue(reproduced < 0.05 * corrupted.vertexCount(),
        reproduced + " of " + corrupted.vertexCount() + " vertices are the true mesh's");
    Bounds a = mesh.bounds();
    Bounds c = corrupted.bounds();
    double cell = 1.0 / 32;
    assertTrue(a.min().distance(c.min()) < 2 * cell && a.max().distance(c.max()) < 2 * cell,
        a + " vs " + c);

    ModelAnnotation m = MODELS.get(0);
    float[] noisy = b.cloud(corrupted, ShapeCondition.CORRUPTED, m.classId(), m.modelId());
    EmbeddingBenchmark3d quiet = new EmbeddingBenchmark3d(net, pcdDatabase,
        EmbeddingBenchmark3d.Settings.defaults(SEED).withNoise(0));
    float[] plain = quiet.cloud(corrupted, ShapeCondition.CORRUPTED, m.classId(), m.modelId());
    double ss = 0;
    for (int i = 0; i < plain.length; i++) {
      ss += (noisy[i] - plain[i]) * (double) (noisy[i] - plain[i]);
    }
    double sigma = Math.sqrt(ss / plain.length);
    assertEquals(0.01, sigma, 0.001, "noise sigma");
    assertArrayEquals(noisy, b.cloud(corrupted, ShapeCondition.CORRUPTED, m.classId(), m.modelId()),
        "seeded");
  }

  @Test
  void sameSeedSameScoresAndMismatchedDatabaseRefused() {
    ModelScores one = bench(pcdDatabase).evaluate(MESHES.get(1), MODELS.get(1));
    ModelScores two = bench(pcdDatabase).evaluate(MESHES.get(1), MODELS.get(1));
    for (CurveKey k : one.distances().keySet()) {
      assertArrayEquals(one.distances(k), two.distances(k), 0.0, k.label());
    }
    KeypointDatabase wide = KeypointDatabase.of(List.of(
        new KeypointRecord("03001627", "x", 0, new float[3], new float[8])));
    assertThrows(IllegalArgumentException.class,
        () -> new EmbeddingBenchmark3d(net, wide, EmbeddingBenchmark3d.Settings.defaults(SEED)));
    KeypointDatabase otherSynset = KeypointDatabase.of(List.of(
        new KeypointRecord("02958343", "x", 0, new float[3], new float[16])));
    var e = assertThrows(IllegalArgumentException.class,
        () -> bench(otherSynset).evaluate(MESHES.get(1), MODELS.get(1)));
    assertTrue(e.getMessage().contains("03001627"), e.getMessage());
  }
}
