package org.semcycle.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;
import org.semcycle.datasets.pfpascal.PfPascalAnnotation;
import org.semcycle.datasets.pfpascal.PfPascalPair;
import org.semcycle.datasets.pfpascal.PfPascalReader;
import org.semcycle.datasets.pfpascal.VocClasses;
import org.semcycle.datasets.pix3d.Pix3dCamera;
import org.semcycle.datasets.pix3d.Pix3dReader;
import org.semcycle.datasets.pix3d.Pix3dRecord;
import org.semcycle.datasets.spair.SpairImageAnnotation;
import org.semcycle.datasets.spair.SpairPair;
import org.semcycle.datasets.spair.SpairPairName;
import org.semcycle.datasets.spair.SpairReader;
import org.semcycle.datasets.spair.SpairSplit;
import org.semcycle.io.LocalDataRoot;
import org.semcycle.io.LocalDataSink;
import org.semcycle.synthetic.ShapeGenerators;
import org.semcycle.synthetic.SynthModel;

/** The evaluation sets read back through the data sets' own readers. */
class BenchmarkSetsTest {
  @TempDir static Path tmp;
  static BenchmarkSpec spec;
  static final Map<String, EvaluationRecord> BY_ID = new HashMap<>();
  static BenchmarkIndex.Counts counts;

  static KeypointVocabulary vocabulary() {
    Path p = Path.of("../conf/keypoints.conf");
    return KeypointVocabulary.load(Files.exists(p) ? p : Path.of("conf/keypoints.conf"));
  }

  static List<BenchmarkCategory> categories(String... names) {
    KeypointVocabulary v = vocabulary();
    List<BenchmarkCategory> out = new ArrayList<>();
    for (String n : names) {
      out.add(BenchmarkCategory.of(v.category(n)));
    }
    return out;
  }

  @BeforeAll
  static void write() throws Exception {
    // High truncation and occlusion rates so the sets hold both kinds.
    spec =
        BenchmarkSpec.defaults(11, categories("airplane", "chair"))
            .withImages(3, 64, 1)
            .withTruncation(new BenchmarkSpec.Truncation(0.5, 0.2, 0.4))
            .withOcclusion(new BenchmarkSpec.Occlusion(0.5, 2, 0.08, 0.2))
            .withPairs(6);
    BenchmarkStage stage = new BenchmarkStage(spec, new LocalDataSink(tmp));
    List<EvaluationRecord> all = new ArrayList<>();
    for (BenchmarkCategory c : spec.categories()) {
      for (int i = 0; i < 2; i++) {
        SynthModel m = ShapeGenerators.forCategory(c.name(), vocabulary()).generate(5, i);
        all.addAll(stage.run(c, m.synset(), m.modelId(), m.mesh(), m.keypoints()));
      }
    }
    for (EvaluationRecord r : all) {
      BY_ID.put(r.imageId(), r);
    }
    counts = BenchmarkIndex.write(new LocalDataSink(tmp), spec, all);
  }

  @Test
  void countsAndFlags() {
    assertEquals(12, counts.images());
    assertEquals(12, counts.pix3dRecords());
    assertEquals(Map.of("airplane", 6, "chair", 6), counts.imagesPerCategory());
    assertEquals(12, counts.spairPairs(), "6 pairs per category");
    assertEquals(12, counts.pfpascalPairs());
    assertTrue(BY_ID.values().stream().anyMatch(EvaluationRecord::truncated), "some image truncated");
    assertTrue(BY_ID.values().stream().anyMatch(EvaluationRecord::occluded), "some image occluded");
    assertTrue(BY_ID.values().stream().anyMatch(r -> !r.truncated() && !r.occluded()), "some image clean");
  }

  @Test
  void pix3dReadsBackKeypointsBoxesAndCameras() {
    Pix3dReader reader = new Pix3dReader(new LocalDataRoot(tmp.resolve("pix3d")));
    List<Pix3dRecord> recs = reader.readIndex();
    assertEquals(BY_ID.size(), recs.size());
    for (Pix3dRecord p : recs) {
      String id = p.img().substring(p.img().lastIndexOf('/') + 1).replace(".jpg", "");
      EvaluationRecord r = BY_ID.get(id);
      assertNotNull(r, p.img());
      assertArrayEquals(r.bbox(), p.bbox(), 1e-9);
      assertEquals(r.truncated(), p.truncated());
      double[][] kps = p.keypoints2d()[0];
      double[][] xyz = reader.read3dKeypoints(p);
      assertEquals(r.keypoints().size(), kps.length);
      assertEquals(kps.length, xyz.length);
      Pix3dCamera cam = Pix3dCamera.of(p);
      for (int i = 0; i < kps.length; i++) {
        BenchmarkKeypoint k = r.keypoints().get(i);
        if (k.visible()) {
          assertArrayEquals(new double[] {k.x(), k.y()}, kps[i], 1e-9);
        } else {
          assertArrayEquals(new double[] {-1, -1}, kps[i]);
        }
        // Pix3D's camera reprojects the 3D keypoint; it has no principal-point shift.
        double[] proj = cam.project(xyz[i]);
        assertEquals(k.x() - r.offsetX() * r.width(), proj[0], 1e-6, id);
        assertEquals(k.y() - r.offsetY() * r.height(), proj[1], 1e-6, id);
      }
      assertTrue(Files.exists(tmp.resolve("pix3d").resolve(p.mask())));
      assertTrue(Files.exists(tmp.resolve("pix3d").resolve(p.model())));
    }
  }

  @Test
  void spairReadsBackAnnotationsAndPairsOfDifferentModels() {
    SpairReader reader = new SpairReader(new LocalDataRoot(tmp.resolve("spair")));
    assertEquals(List.of("aeroplane", "chair"), reader.categories());
    for (EvaluationRecord r : BY_ID.values()) {
      SpairImageAnnotation a = reader.readImageAnnotation(r.category().spairName(), r.imageId());
      assertEquals(r.category().keypointSlots(), a.keypointCount());
      assertArrayEquals(r.bbox(), a.bndbox(), 1e-9);
      for (int id = 0; id < a.keypointCount(); id++) {
        BenchmarkKeypoint k = r.keypoint(id);
        if (k == null || !k.visible()) {
          assertNull(a.keypoint(id));
        } else {
          assertArrayEquals(new double[] {k.x(), k.y()}, a.keypoint(id), 1e-9);
        }
      }
    }
    List<SpairPairName> names = reader.pairNames(SpairSplit.TEST);
    assertEquals(counts.spairPairs(), names.size());
    for (SpairPairName n : names) {
      SpairPair p = reader.readPair(SpairSplit.TEST, n);
      EvaluationRecord s = BY_ID.get(n.srcImageId());
      EvaluationRecord t = BY_ID.get(n.trgImageId());
      assertNotEquals(s.modelId(), t.modelId(), "pairs join different models");
      assertEquals(s.category(), t.category());
      int both = 0;
      for (int id = 0; id < s.category().keypointSlots(); id++) {
        BenchmarkKeypoint a = s.keypoint(id);
        BenchmarkKeypoint b = t.keypoint(id);
        if (a != null && b != null && a.visible() && b.visible()) {
          both++;
        }
      }
      assertTrue(both > 0);
      assertEquals(both, p.keypointCount(), "pairs keep exactly the keypoints visible in both");
      for (int i = 0; i < p.keypointCount(); i++) {
        int id = Integer.parseInt(p.kpsIds().get(i));
        assertArrayEquals(new double[] {s.keypoint(id).x(), s.keypoint(id).y()}, p.srcKps()[i], 1e-9);
        assertArrayEquals(new double[] {t.keypoint(id).x(), t.keypoint(id).y()}, p.trgKps()[i], 1e-9);
      }
    }
  }

  @Test
  void pfPascalReadsBackOneBasedFilesAsTheSameKeypoints() {
    PfPascalReader reader = new PfPascalReader(new LocalDataRoot(tmp.resolve("pfpascal")));
    for (EvaluationRecord r : BY_ID.values()) {
      PfPascalAnnotation a = reader.readAnnotationOf(BenchmarkLayout.pfPascalImage(r), r.category().vocClass());
      assertArrayEquals(r.bbox(), a.bbox(), 1e-9);
      for (int id = 0; id < a.keypointCount(); id++) {
        BenchmarkKeypoint k = r.keypoint(id);
        assertEquals(k != null && k.visible(), a.isVisible(id), r.imageId() + " kp " + id);
        if (a.isVisible(id)) {
          assertArrayEquals(new double[] {k.x(), k.y()}, a.kps()[id], 1e-9);
        }
      }
    }
    SpairReader spair = new SpairReader(new LocalDataRoot(tmp.resolve("spair")));
    List<SpairPairName> names = spair.pairNames(SpairSplit.TEST);
    List<PfPascalPair> pairs = reader.readPairs(BenchmarkLayout.PFPASCAL_TEST_PAIRS);
    assertEquals(names.size(), pairs.size());
    for (int i = 0; i < pairs.size(); i++) {
      SpairPair sp = spair.readPair(SpairSplit.TEST, names.get(i));
      PfPascalPair pf = pairs.get(i);
      assertEquals("PF-dataset-PASCAL/JPEGImages/" + names.get(i).srcImageId() + ".jpg", pf.sourceImage());
      assertEquals(VocClasses.id(sp.category()), pf.classId());
      double[][] a = pf.sourceKps();
      double[][] b = pf.targetKps();
      assertEquals(sp.keypointCount(), a.length);
      for (int k = 0; k < a.length; k++) {
        assertArrayEquals(sp.srcKps()[k], a[k], 1e-9);
        assertArrayEquals(sp.trgKps()[k], b[k], 1e-9);
      }
    }
  }

  @Test
  void groundTruthBesideEverySet() throws Exception {
    ObjectMapper m = new ObjectMapper();
    for (BenchmarkFormat f : BenchmarkFormat.values()) {
      Path root = tmp.resolve(f.dir());
      for (EvaluationRecord r : BY_ID.values()) {
        JsonNode gt = m.readTree(root.resolve(BenchmarkLayout.groundTruth(r)).toFile());
        assertEquals(r.modelId(), gt.get("model_id").asText());
        assertEquals(r.synset(), gt.get("synset").asText());
        assertEquals(r.azimuth(), gt.get("viewpoint").get("azimuth").asDouble(), 1e-12);
        assertEquals(r.keypoints().size(), gt.get("keypoints").size());
        for (String map : List.of("depth", "normals", "silhouette")) {
          assertTrue(Files.size(root.resolve(gt.get(map).asText())) > 0, map);
        }
        assertTrue(Files.exists(root.resolve(gt.get("image").asText())));
      }
    }
  }

  @Test
  void sameSeedSameBytes(@TempDir Path again) throws Exception {
    BenchmarkCategory chair = spec.categories().get(1);
    SynthModel m = ShapeGenerators.forCategory("chair", vocabulary()).generate(5, 0);
    new BenchmarkStage(spec, new LocalDataSink(again)).run(chair, m.synset(), m.modelId(), m.mesh(), m.keypoints());
    String id = EvaluationRenderer.imageId(chair, m.modelId(), 2);
    for (String rel : List.of("spair/JPEGImages/chair/" + id + ".jpg", "pfpascal/PF-dataset-PASCAL/Annotations/chair/" + id + ".mat",
        "pix3d/semcycle_gt/chair/" + id + ".json")) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve(rel)), Files.readAllBytes(again.resolve(rel)), rel);
    }
    assertFalse(Files.exists(again.resolve("spair/PairAnnotation")), "pairs are the index writer's");
  }
}
