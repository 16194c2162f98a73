package org.semcycle.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.semcycle.datasets.keypointnet.Keypoint;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;
import org.semcycle.datasets.keypointnet.RotationGroup;
import org.semcycle.geometry.Bounds;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.Vec3;

class ShapeGeneratorsTest {
  /** Seed and model count per category; override with -Dsynthetic.seed / -Dsynthetic.models. */
  static final long SEED = Long.getLong("synthetic.seed", 20240611L);
  static final int N = Integer.getInteger("synthetic.models", 20);
  static KeypointVocabulary vocabulary;
  /** Models 0..N-1 of each category, then chairs of the rarer bases (see {@link #generate}). */
  static final Map<String, List<SynthModel>> MODELS = new HashMap<>();
  /** Chairs of each base checked at least: the first N models hold few of the rarer bases. */
  static final int PER_CHAIR_BASE = 3;

  static Path confFile() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path f = dir.resolve("conf").resolve("keypoints.conf");
      if (Files.isRegularFile(f)) {
        return f;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("conf/keypoints.conf not found");
  }

  @BeforeAll
  static void generate() {
    vocabulary = KeypointVocabulary.load(confFile());
    for (String cat : ShapeGenerators.CATEGORIES) {
      ShapeGenerator g = ShapeGenerators.forCategory(cat, vocabulary);
      List<SynthModel> list = new ArrayList<>();
      for (int i = 0; i < N; i++) {
        list.add(g.generate(SEED, i));
      }
      if (cat.equals("chair")) {
        Map<String, Integer> perBase = new HashMap<>();
        list.forEach(m -> perBase.merge(base(m), 1, Integer::sum));
        for (int i = N; i < N + 1000 && !(perBase.size() == ChairGenerator.BASES.length
            && perBase.values().stream().allMatch(c -> c >= PER_CHAIR_BASE)); i++) {
          SynthModel m = g.generate(SEED, i);
          if (perBase.getOrDefault(base(m), 0) < PER_CHAIR_BASE) {
            perBase.merge(base(m), 1, Integer::sum);
            list.add(m);
          }
        }
        assertEquals(Set.of(ChairGenerator.BASES), perBase.keySet(), "every chair base is checked");
      }
      MODELS.put(cat, list);
    }
  }

  static String base(SynthModel m) {
    return m.variant().split("/")[0];
  }

  static void assertSameModel(SynthModel a, SynthModel b) {
    assertEquals(a.modelId(), b.modelId());
    assertEquals(a.variant(), b.variant());
    assertArrayEquals(a.mesh().positions(), b.mesh().positions());
    assertArrayEquals(a.mesh().triangles(), b.mesh().triangles());
    assertEquals(a.mesh().groups(), b.mesh().groups());
    assertEquals(a.keypoints().size(), b.keypoints().size());
    for (int i = 0; i < a.keypoints().size(); i++) {
      Keypoint p = a.keypoints().get(i);
      Keypoint q = b.keypoints().get(i);
      assertEquals(p.semanticId(), q.semanticId());
      assertEquals(p.faceIndex(), q.faceIndex());
      assertArrayEquals(p.xyz(), q.xyz());
      assertArrayEquals(p.faceUv(), q.faceUv());
      assertArrayEquals(p.rgb(), q.rgb());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"chair", "car", "airplane"})
  void deterministicAndIndependentOfOrderAndThread(String cat) throws Exception {
    ShapeGenerator g = ShapeGenerators.forCategory(cat, vocabulary);
    List<SynthModel> first = MODELS.get(cat);
    // Fresh generator, reverse order, other threads.
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<SynthModel>> fs = new ArrayList<>();
      for (int i = 7; i >= 0; i--) {
        int idx = i;
        fs.add(pool.submit(() -> g.generate(SEED, idx)));
      }
      for (int k = 0; k < fs.size(); k++) {
        assertSameModel(first.get(7 - k), fs.get(k).get());
      }
    } finally {
      pool.shutdown();
    }
    assertSameModel(first.get(3), g.generate(SEED, 3));
    assertNotEquals(first.get(3).modelId(), g.generate(SEED + 1, 3).modelId());
  }

  @ParameterizedTest
  @ValueSource(strings = {"chair", "car", "airplane"})
  void keypointsSitExactlyOnTheirFaces(String cat) {
    for (SynthModel m : MODELS.get(cat)) {
      Mesh mesh = m.mesh();
      assertFalse(m.keypoints().isEmpty());
      int last = -1;
      for (Keypoint k : m.keypoints()) {
        assertTrue(k.semanticId() > last, "sorted, unique ids");
        last = k.semanticId();
        double[] w = k.faceUv();
        for (double x : w) {
          assertTrue(x >= 0 && x <= 1, m.variant() + " weight " + x);
        }
        assertEquals(1.0, w[0] + w[1] + w[2], 1e-9);
        Vec3 p = mesh.pointOnFace(k.faceIndex(), w[0], w[1], w[2]);
        assertEquals(p.x(), k.xyz()[0], 1e-9);
        assertEquals(p.y(), k.xyz()[1], 1e-9);
        assertEquals(p.z(), k.xyz()[2], 1e-9);
        assertEquals(-1, k.pcdPointIndex());
        double[] kd = mesh.faceMaterial(k.faceIndex()).kd();
        for (int i = 0; i < 3; i++) {
          assertEquals(Math.round(kd[i] * 255), k.rgb()[i]);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"chair", "car", "airplane"})
  void normalisedSymmetricFrame(String cat) {
    KeypointVocabulary.Category voc = vocabulary.category(cat);
    for (SynthModel m : MODELS.get(cat)) {
      assertEquals(voc.synset(), m.synset());
      assertTrue(m.modelId().matches("[0-9a-f]{32}"), m.modelId());
      Bounds b = m.mesh().bounds();
      assertEquals(1.0, b.diagonal(), 1e-9);
      assertEquals(0, b.center().norm(), 1e-9);
      assertEquals(-b.min().x(), b.max().x(), 1e-9, "left-right symmetric extent");
      int pairs = 0;
      for (int[] p : m.symmetries().reflection()) {
        double[] a = m.keypoints().get(p[0]).xyz();
        double[] c = m.keypoints().get(p[1]).xyz();
        assertEquals(a[0], -c[0], 1e-6);
        assertEquals(a[1], c[1], 1e-6);
        assertEquals(a[2], c[2], 1e-6);
        assertEquals(voc.mirrorOf(m.keypoints().get(p[0]).semanticId()), m.keypoints().get(p[1]).semanticId());
        pairs++;
      }
      // Every vocabulary pair whose two members exist is listed.
      Set<Integer> ids = new HashSet<>();
      m.keypoints().forEach(k -> ids.add(k.semanticId()));
      long expected = voc.reflectionPairs().stream()
          .filter(p -> ids.contains(p[0]) && ids.contains(p[1])).count();
      assertEquals(expected, pairs);
      // Right is +X, left is -X.
      for (Keypoint k : m.keypoints()) {
        String name = voc.name(k.semanticId());
        if (name.endsWith("right")) {
          assertTrue(k.xyz()[0] > 0, name + " x " + k.xyz()[0]);
        } else if (name.endsWith("left")) {
          assertTrue(k.xyz()[0] < 0, name + " x " + k.xyz()[0]);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"chair", "car", "airplane"})
  void closedOutwardPartsWithoutDegenerateFaces(String cat) {
    for (SynthModel m : MODELS.get(cat)) {
      Mesh mesh = m.mesh();
      assertTrue(mesh.faceCount() < 6000, m.variant() + " has " + mesh.faceCount() + " faces");
      Map<Integer, Map<Long, Integer>> directed = new HashMap<>();
      Map<Integer, Double> volume = new HashMap<>();
      int nv = mesh.vertexCount();
      for (int f = 0; f < mesh.faceCount(); f++) {
        assertTrue(mesh.faceArea(f) > 1e-10, m.variant() + " face " + f + " area " + mesh.faceArea(f));
        int g = mesh.faceGroupIndex(f);
        assertTrue(g >= 0, "every face has a group");
        Map<Long, Integer> edges = directed.computeIfAbsent(g, k -> new HashMap<>());
        for (int c = 0; c < 3; c++) {
          long key = (long) mesh.corner(f, c) * nv + mesh.corner(f, (c + 1) % 3);
          edges.merge(key, 1, Integer::sum);
        }
        Vec3 a = mesh.faceVertex(f, 0);
        volume.merge(g, a.dot(mesh.faceVertex(f, 1).cross(mesh.faceVertex(f, 2))) / 6, Double::sum);
      }
      for (Map.Entry<Integer, Map<Long, Integer>> e : directed.entrySet()) {
        String group = mesh.groups().get(e.getKey());
        for (Map.Entry<Long, Integer> edge : e.getValue().entrySet()) {
          long from = edge.getKey() / nv;
          long to = edge.getKey() % nv;
          assertEquals(1, edge.getValue(), group + ": directed edge used twice");
          assertEquals(1, e.getValue().getOrDefault(to * nv + from, 0),
              group + ": edge " + from + "-" + to + " not shared by exactly two faces");
        }
        assertTrue(volume.get(e.getKey()) > 0, group + " winds inward");
      }
    }
  }

  /** Generalised winding number of a mesh group around p (about 1 inside, 0 outside). */
  static double winding(Mesh mesh, int group, Vec3 p) {
    double sum = 0;
    for (int f = 0; f < mesh.faceCount(); f++) {
      if (mesh.faceGroupIndex(f) != group) {
        continue;
      }
      Vec3 a = mesh.faceVertex(f, 0).minus(p);
      Vec3 b = mesh.faceVertex(f, 1).minus(p);
      Vec3 c = mesh.faceVertex(f, 2).minus(p);
      double la = a.norm();
      double lb = b.norm();
      double lc = c.norm();
      double num = a.dot(b.cross(c));
      double den = la * lb * lc + a.dot(b) * lc + a.dot(c) * lb + b.dot(c) * la;
      sum += 2 * Math.atan2(num, den);
    }
    return sum / (4 * Math.PI);
  }

  @ParameterizedTest
  @ValueSource(strings = {"chair", "car", "airplane"})
  void keypointsAreNotBuriedInOtherParts(String cat) {
    for (SynthModel m : MODELS.get(cat)) {
      Mesh mesh = m.mesh();
      for (Keypoint k : m.keypoints()) {
        int own = mesh.faceGroupIndex(k.faceIndex());
        for (int g = 0; g < mesh.groups().size(); g++) {
          if (g != own) {
            double w = winding(mesh, g, Vec3.of(k.xyz()));
            assertTrue(w < 0.75, m.variant() + ": keypoint "
                + vocabulary.category(cat).name(k.semanticId()) + " inside " + mesh.groups().get(g));
          }
        }
        // And the winding number of its own part confirms the part is closed around it.
        int f = k.faceIndex();
        Vec3 centroid = mesh.pointOnFace(f, 1 / 3.0, 1 / 3.0, 1 / 3.0);
        Vec3 p = Vec3.of(k.xyz());
        Vec3 inside = p.plus(centroid.minus(p).times(0.05)).minus(mesh.faceNormal(f).times(1e-6));
        double self = winding(mesh, own, inside);
        assertTrue(self > 0.5, m.variant() + " own-part winding " + self);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"chair", "car", "airplane"})
  void atLeastThreeTopologies(String cat) {
    Set<String> variants = new TreeSet<>();
    Set<String> ids = new HashSet<>();
    for (SynthModel m : MODELS.get(cat)) {
      variants.add(m.variant());
      ids.add(m.modelId());
    }
    assertTrue(variants.size() >= 3, cat + ": " + variants);
    assertEquals(MODELS.get(cat).size(), ids.size(), "model ids unique");
  }

  private static Vec3 kp(SynthModel m, String name) {
    int id = vocabulary.category(m.category()).id(name);
    return Vec3.of(m.keypoint(id).orElseThrow(() -> new AssertionError(m.variant() + " lacks " + name)).xyz());
  }

  private static String groupOf(SynthModel m, String name) {
    int id = vocabulary.category(m.category()).id(name);
    return m.mesh().groups().get(m.mesh().faceGroupIndex(m.keypoint(id).orElseThrow().faceIndex()));
  }

  @Test
  void chairKeypointsFollowParts() {
    Set<String> bases = new HashSet<>();
    for (SynthModel m : MODELS.get("chair")) {
      Set<Integer> ids = new HashSet<>();
      m.keypoints().forEach(k -> ids.add(k.semanticId()));
      String[] v = m.variant().split("/");
      bases.add(v[0]);
      for (int id = 0; id <= 5; id++) {
        assertTrue(ids.contains(id), m.variant() + " lacks " + id);
      }
      for (int id = 6; id <= 9; id++) {
        assertEquals(v[1].equals("arms"), ids.contains(id), m.variant() + " arm id " + id);
      }
      boolean swivel = v[0].equals("swivel5");
      boolean pedestal = v[0].equals("pedestal4");
      for (int id = 10; id <= 14; id++) {
        assertEquals(swivel, ids.contains(id), m.variant() + " swivel id " + id);
      }
      for (int id = 15; id <= 16; id++) {
        assertEquals(swivel || pedestal, ids.contains(id), m.variant() + " column id " + id);
      }
      for (int id = 17; id <= 20; id++) {
        assertEquals(!swivel, ids.contains(id), m.variant() + " leg id " + id);
      }
      assertEquals(swivel || pedestal ? 1 : 0, m.symmetries().rotation().size());
      if (swivel) {
        RotationGroup g = m.symmetries().rotation().get(0);
        assertFalse(g.isCircle());
        assertEquals(5, g.kpIndexes().length);
        // The tips lie on one level, equally far from their centre, below the hub (16).
        Vec3 hub = kp(m, "column_bottom");
        Vec3 centre = Vec3.ZERO;
        for (int i : g.kpIndexes()) {
          centre = centre.plus(Vec3.of(m.keypoints().get(i).xyz()).times(1.0 / g.kpIndexes().length));
        }
        double radius = Vec3.of(m.keypoints().get(g.kpIndexes()[0]).xyz()).distance(centre);
        for (int i : g.kpIndexes()) {
          Vec3 p = Vec3.of(m.keypoints().get(i).xyz());
          assertEquals(radius, p.distance(centre), 1e-9);
          assertEquals(centre.y(), p.y(), 1e-9);
          assertTrue(p.y() < hub.y(), "tips below the hub");
        }
        assertEquals(0, centre.x(), 1e-9);
        // Leg 0 points to the front, legs go around from front toward the right.
        assertTrue(kp(m, "swivel_leg_0").z() < hub.z());
        assertTrue(kp(m, "swivel_leg_1").x() > 0 && kp(m, "swivel_leg_4").x() < 0);
        assertEquals("swivel_leg_3", groupOf(m, "swivel_leg_3"));
      }
      if (swivel || pedestal) {
        // Column top just under the seat centre, column bottom straight below it.
        Vec3 top = kp(m, "column_top");
        Vec3 bottom = kp(m, "column_bottom");
        assertEquals("column", groupOf(m, "column_top"));
        assertEquals(0, top.x(), 1e-9);
        assertEquals(top.z(), bottom.z(), 1e-9);
        assertTrue(top.y() < kp(m, "seat_front_right").y() && top.y() > bottom.y());
        assertTrue(top.z() > kp(m, "seat_front_right").z() && top.z() < kp(m, "seat_back_right").z());
      }
      if (pedestal) {
        // The four legs in KeypointNet's order round the column: a quarter turn maps each onto the next.
        RotationGroup g = m.symmetries().rotation().get(0);
        assertFalse(g.isCircle());
        int[] expected = {17, 18, 19, 20};
        Vec3 axis = Vec3.ZERO;
        for (int i : g.kpIndexes()) {
          axis = axis.plus(Vec3.of(m.keypoints().get(i).xyz()).times(0.25));
        }
        assertEquals(0, axis.x(), 1e-9);
        // The column stands on the legs' centre: 16 on its front, a column radius before it.
        double before = axis.z() - kp(m, "column_bottom").z();
        assertTrue(before > 0.01 && before < 0.05, "column bottom " + before + " before the legs' centre");
        for (int i = 0; i < 4; i++) {
          Vec3 p = Vec3.of(m.keypoints().get(g.kpIndexes()[i]).xyz()).minus(axis);
          Vec3 q = Vec3.of(m.keypoints().get(g.kpIndexes()[(i + 1) % 4]).xyz()).minus(axis);
          assertEquals(expected[i], m.keypoints().get(g.kpIndexes()[i]).semanticId());
          assertEquals(p.y(), q.y(), 1e-9);
          assertEquals(-p.z(), q.x(), 1e-9, "quarter turn x");
          assertEquals(p.x(), q.z(), 1e-9, "quarter turn z");
        }
      }
      // Front is -Z, right is +X, up is +Y.
      assertTrue(kp(m, "seat_front_right").z() < kp(m, "seat_back_right").z());
      assertTrue(kp(m, "seat_front_left").z() < kp(m, "seat_back_left").z());
      assertTrue(kp(m, "back_top_right").y() > kp(m, "seat_back_right").y());
      assertTrue(kp(m, "back_top_right").z() >= kp(m, "seat_back_right").z(), "the back leans back");
      assertEquals("seat", groupOf(m, "seat_front_left"));
      assertEquals("back", groupOf(m, "back_top_right"));
      if (v[0].equals("fourleg") || pedestal) {
        assertEquals("leg_bl", groupOf(m, "leg_back_left"));
        assertEquals("leg_fl", groupOf(m, "leg_front_left"));
      }
      if (!swivel) {
        // The legs go round the seat: front right, back right, back left, front left.
        assertTrue(kp(m, "leg_front_right").z() < kp(m, "leg_back_right").z());
        assertTrue(kp(m, "leg_front_left").z() < kp(m, "leg_back_left").z());
        assertTrue(kp(m, "leg_front_right").x() > 0 && kp(m, "leg_back_right").x() > 0);
        assertTrue(kp(m, "leg_front_left").x() < 0 && kp(m, "leg_back_left").x() < 0);
        assertTrue(kp(m, "leg_front_right").y() < kp(m, "seat_front_right").y());
      }
      if (v[1].equals("arms")) {
        assertEquals("arm_l", groupOf(m, "arm_front_left"));
        assertTrue(kp(m, "arm_front_right").z() < kp(m, "arm_back_right").z());
      }
    }
    assertEquals(Set.of(ChairGenerator.BASES), bases);
  }

  @Test
  void carAndAirplaneFaceMinusZ() {
    for (SynthModel m : MODELS.get("car")) {
      assertTrue(kp(m, "headlight_right").z() < kp(m, "taillight_right").z());
      assertTrue(kp(m, "wheel_front_right").z() < kp(m, "wheel_back_right").z());
      assertTrue(kp(m, "roof_front_left").y() > kp(m, "wheel_front_left").y());
      assertEquals("wheel_fl", groupOf(m, "wheel_front_left"));
      assertEquals(m.variant().startsWith("pickup"), m.keypoint(20).isPresent(), m.variant());
      assertEquals(m.variant().endsWith("/mirrors"), m.keypoint(8).isPresent(), m.variant());
    }
    for (SynthModel m : MODELS.get("airplane")) {
      assertTrue(kp(m, "nose").z() < kp(m, "tail").z());
      assertTrue(kp(m, "wing_tip_front_right").z() < kp(m, "wing_tip_back_right").z());
      assertTrue(kp(m, "fin_top").y() > kp(m, "nose").y());
      assertEquals("wing_l", groupOf(m, "wing_root_front_left"));
      String[] v = m.variant().split("/");
      assertEquals(!v[1].equals("none"), m.keypoint(14).isPresent(), m.variant());
      assertEquals(v[1].equals("wing4"), m.keypoint(16).isPresent(), m.variant());
      assertEquals(!v[2].equals("tailless"), m.keypoint(10).isPresent(), m.variant());
    }
  }

  @Test
  void unknownCategoryIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ShapeGenerators.forCategory("lamp", vocabulary));
  }
}
