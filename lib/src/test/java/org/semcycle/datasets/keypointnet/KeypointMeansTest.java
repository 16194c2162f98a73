package org.semcycle.datasets.keypointnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeypointMeansTest {
  static Keypoint at(int id, double x, double y, double z) {
    return new Keypoint(new double[] {x, y, z}, new int[] {0, 0, 0}, id, -1, 0, new double[] {1, 0, 0});
  }

  static ModelAnnotation model(String id, Keypoint... kps) {
    return new ModelAnnotation("03001627", id, List.of(kps), Symmetries.NONE);
  }

  @Test
  void meanAndPopulationSdPerIdOverTheModelsHavingIt() {
    List<ModelAnnotation> models = List.of(
        model("a", at(0, 1, 2, 3), at(4, 0, 0, 0)),
        model("b", at(0, 3, 2, -1)),
        model("c", at(0, 2, 5, 1)));
    KeypointMeans m = KeypointMeans.of("chair", models);
    KeypointMeans.Id id0 = m.ids().get(0);
    assertEquals(3, id0.models());
    assertArrayEquals(new double[] {2, 3, 1}, id0.mean(), 1e-12);
    // x: 1, 3, 2 -> variance 2/3; y: 2, 2, 5 -> 2; z: 3, -1, 1 -> 8/3.
    assertArrayEquals(new double[] {Math.sqrt(2 / 3.0), Math.sqrt(2), Math.sqrt(8 / 3.0)}, id0.sd(), 1e-12);
    assertEquals(1, m.ids().get(4).models());
    assertArrayEquals(new double[] {0, 0, 0}, m.ids().get(4).sd(), 0);
    assertEquals(List.of(0, 4), List.copyOf(m.ids().keySet()));
  }

  @Test
  void anIdHeldTwiceCountsOnceAmongModelsAndTwiceInTheMean() {
    KeypointMeans.Id id = KeypointMeans.of("chair", List.of(model("a", at(7, 0, 0, 0), at(7, 2, 0, 0))))
        .ids().get(7);
    assertEquals(1, id.models());
    assertEquals(2, id.keypoints());
    assertEquals(1, id.mean()[0], 1e-12);
    assertEquals(1, id.sd()[0], 1e-12);
  }

  @Test
  void csvNamesIdsFromTheVocabulary() {
    KeypointVocabulary v = KeypointVocabulary.fromConfig(ConfigFactory.parseString(
        "keypoints { chair { synset = \"03001627\", names { \"0\" = back_top_right } } }"));
    KeypointMeans m = KeypointMeans.of("chair", List.of(model("a", at(0, 0.25, -0.5, 0.125), at(3, 1, 1, 1))));
    String csv = new String(KeypointMeans.toCsv(List.of(m), v), StandardCharsets.UTF_8);
    assertEquals(KeypointMeans.CSV_HEADER + "\n"
        + "chair,0,back_top_right,1,0.2500,-0.5000,0.1250,0.0000,0.0000,0.0000\n"
        + "chair,3,,1,1.0000,1.0000,1.0000,0.0000,0.0000,0.0000\n", csv);
  }
}
