package org.semcycle.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.semcycle.datasets.keypointnet.KeypointMeans;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;
import org.semcycle.datasets.keypointnet.RotationGroup;

/**
 * The generated chairs against KeypointNet's own (test resources keypointnet/chair-keypoints.csv
 * and chair-structure.conf, from ../shared/reference/KEYPOINTNET-CHAIR.md): each id's mean
 * position, the swivel tips' height and radius, the symmetries of every model read as semantic
 * ids, and the id sets with their frequencies.
 */
class ChairKeypointNetStatisticsTest {
  static final long SEED = 20240611L;
  static final int N = 500;
  /** Largest allowed gap, per axis, between a generated id's mean and KeypointNet's. */
  static final double TOLERANCE = 0.08;

  record Reference(int id, int models, double[] mean) {}

  static Map<Integer, Reference> means;
  static Config structure;
  static List<SynthModel> chairs;

  @BeforeAll
  static void load() throws IOException {
    means = new HashMap<>();
    for (String line : resource("chair-keypoints.csv").split("\n")) {
      if (line.isBlank() || line.startsWith("#") || line.startsWith("id,")) {
        continue;
      }
      String[] f = line.split(",");
      means.put(Integer.parseInt(f[0]), new Reference(Integer.parseInt(f[0]), Integer.parseInt(f[1]),
          new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])}));
    }
    structure = ConfigFactory.parseString(resource("chair-structure.conf"));
    KeypointVocabulary v = KeypointVocabulary.load(ShapeGeneratorsTest.confFile());
    ShapeGenerator g = ShapeGenerators.forCategory("chair", v);
    chairs = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      chairs.add(g.generate(SEED, i));
    }
  }

  static String resource(String name) throws IOException {
    try (InputStream in = ChairKeypointNetStatisticsTest.class.getResourceAsStream("/keypointnet/" + name)) {
      if (in == null) {
        throw new IOException("test resource keypointnet/" + name + " missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Set<Integer> ids(SynthModel m) {
    Set<Integer> s = new TreeSet<>();
    m.keypoints().forEach(k -> s.add(k.semanticId()));
    return s;
  }

  static Set<Set<Integer>> idLists(String path) {
    Set<Set<Integer>> out = new HashSet<>();
    for (Config c : structure.getConfigList(path)) {
      out.add(new TreeSet<>(c.getIntList("ids")));
    }
    return out;
  }

  @Test
  void eachIdsMeanPositionIsKeypointNets() {
    KeypointMeans got = KeypointMeans.of("chair", chairs.stream().map(SynthModel::annotation).toList());
    assertEquals(16, means.size(), "the resource lists ids 0-9 and 15-20");
    for (Reference ref : means.values()) {
      KeypointMeans.Id id = got.ids().get(ref.id());
      assertTrue(id != null && id.models() > 0, "no chair has id " + ref.id());
      for (int a = 0; a < 3; a++) {
        assertEquals(ref.mean()[a], id.mean()[a], TOLERANCE, String.format(Locale.ROOT,
            "id %d axis %s: generated %.3f over %d chairs, KeypointNet %.3f", ref.id(), "xyz".charAt(a),
            id.mean()[a], id.models(), ref.mean()[a]));
      }
    }
  }

  @Test
  void swivelTipsSitAtKeypointNetsHeightAndRadius() {
    Config tips = structure.getConfig("swivel-tips");
    List<Integer> tipIds = tips.getIntList("ids");
    double y = 0;
    double radius = 0;
    int n = 0;
    for (SynthModel m : chairs) {
      if (!ids(m).containsAll(tipIds)) {
        continue;
      }
      double[] c = new double[3];
      for (int id : tipIds) {
        for (int a = 0; a < 3; a++) {
          c[a] += m.keypoint(id).orElseThrow().xyz()[a] / tipIds.size();
        }
      }
      for (int id : tipIds) {
        double[] p = m.keypoint(id).orElseThrow().xyz();
        y += p[1];
        radius += Math.sqrt(Math.pow(p[0] - c[0], 2) + Math.pow(p[1] - c[1], 2) + Math.pow(p[2] - c[2], 2));
        n++;
      }
    }
    assertTrue(n > 0, "no swivel chair among " + N);
    assertEquals(tips.getDouble("mean-y"), y / n, TOLERANCE, "mean tip height");
    assertEquals(tips.getDouble("mean-radius"), radius / n, TOLERANCE, "mean tip distance from the tips' centre");
  }

  @Test
  void symmetriesOfEveryModelAreKeypointNets() {
    Set<Set<Integer>> pairs = idLists("reflection");
    Set<Set<Integer>> groups = idLists("rotation");
    for (SynthModel m : chairs) {
      Set<Integer> ids = ids(m);
      // kp_indexes index the model's own keypoint list: read them back as semantic ids.
      Set<Set<Integer>> listed = new HashSet<>();
      for (int[] p : m.symmetries().reflection()) {
        Set<Integer> pair = Set.of(m.keypoints().get(p[0]).semanticId(), m.keypoints().get(p[1]).semanticId());
        assertTrue(pairs.contains(pair), m.variant() + ": reflection pair " + pair + " is not KeypointNet's");
        listed.add(pair);
      }
      for (Set<Integer> pair : pairs) {
        assertEquals(ids.containsAll(pair), listed.contains(pair), m.variant() + ": pair " + pair);
      }
      Set<Set<Integer>> rotations = new HashSet<>();
      for (RotationGroup g : m.symmetries().rotation()) {
        Set<Integer> group = new TreeSet<>();
        for (int i : g.kpIndexes()) {
          group.add(m.keypoints().get(i).semanticId());
        }
        assertTrue(groups.contains(group), m.variant() + ": rotation group " + group + " is not KeypointNet's");
        assertTrue(!g.isCircle() && g.center() == null, m.variant() + ": KeypointNet's groups are not circles");
        rotations.add(group);
      }
      Set<Integer> tips = new TreeSet<>(structure.getIntList("swivel-tips.ids"));
      assertEquals(ids.containsAll(tips), rotations.contains(tips), m.variant() + ": swivel group");
      assertEquals(m.symmetries().rotation().size(), rotations.size(), m.variant() + ": a group listed twice");
    }
  }

  @Test
  void idSetsAreKeypointNetsAtAboutItsFrequencies() {
    Map<Set<Integer>, Integer> real = new HashMap<>();
    int realTotal = 0;
    for (Config c : structure.getConfigList("id-sets")) {
      real.put(new TreeSet<>(c.getIntList("ids")), c.getInt("models"));
      realTotal += c.getInt("models");
    }
    Map<Set<Integer>, Integer> ours = new HashMap<>();
    int arms = 0;
    int swivel = 0;
    for (SynthModel m : chairs) {
      Set<Integer> ids = ids(m);
      for (int id = 0; id <= 5; id++) {
        assertTrue(ids.contains(id), m.variant() + " lacks " + id);
      }
      assertTrue(real.containsKey(ids), m.variant() + ": id set " + ids + " is not among KeypointNet's");
      ours.merge(ids, 1, Integer::sum);
      arms += ids.contains(6) ? 1 : 0;
      swivel += ids.contains(10) ? 1 : 0;
    }
    for (Map.Entry<Set<Integer>, Integer> e : real.entrySet()) {
      double want = e.getValue() / (double) realTotal;
      double got = ours.getOrDefault(e.getKey(), 0) / (double) N;
      assertEquals(want, got, 0.05, "share of chairs with ids " + e.getKey());
      assertTrue(got > 0, "no chair with ids " + e.getKey());
    }
    int realModels = structure.getInt("models");
    int realArms = structure.getConfigList("reflection").stream()
        .filter(c -> c.getIntList("ids").equals(List.of(6, 8))).findFirst().orElseThrow().getInt("models");
    assertEquals(realArms / (double) realModels, arms / (double) N, 0.08, "share with arms");
    assertEquals(structure.getInt("swivel-tips.models") / (double) realModels, swivel / (double) N, 0.04,
        "share of swivel chairs");
  }
}
