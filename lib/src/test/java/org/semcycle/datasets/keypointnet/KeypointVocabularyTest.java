package org.semcycle.datasets.keypointnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.io.DataFormatException;

class KeypointVocabularyTest {
  /** conf/keypoints.conf, found by walking up from the working directory (the lib module). */
  static Path confFile() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path f = dir.resolve("conf").resolve("keypoints.conf");
      if (Files.isRegularFile(f)) {
        return f;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("conf/keypoints.conf not found above " + Path.of("").toAbsolutePath());
  }

  @Test
  void chairFollowsKeypointNetStructure() {
    KeypointVocabulary v = KeypointVocabulary.load(confFile());
    assertEquals(List.of("airplane", "car", "chair"), v.categories());
    KeypointVocabulary.Category chair = v.category("chair");
    assertEquals("03001627", chair.synset());
    assertEquals(21, chair.names().size());
    assertEquals(0, chair.names().firstKey());
    assertEquals(20, chair.names().lastKey());
    // KeypointNet's meaning of the ids (../shared/reference/KEYPOINTNET-CHAIR.md).
    assertEquals(0, chair.id("back_top_right"));
    assertEquals(4, chair.id("seat_front_right"));
    assertEquals(15, chair.id("column_top"));
    assertEquals(16, chair.id("column_bottom"));
    assertEquals(List.of("leg_front_right", "leg_back_right", "leg_back_left", "leg_front_left"),
        List.of(chair.name(17), chair.name(18), chair.name(19), chair.name(20)));
    int[][] expected = {{0, 1}, {2, 3}, {4, 5}, {6, 8}, {7, 9}, {17, 20}, {18, 19}};
    assertEquals(expected.length, chair.reflectionPairs().size());
    for (int[] p : expected) {
      assertEquals(p[1], chair.mirrorOf(p[0]));
      assertEquals(p[0], chair.mirrorOf(p[1]));
    }
    assertEquals(1, chair.rotationGroups().size());
    assertArrayEquals(new int[] {10, 11, 12, 13, 14}, chair.rotationGroups().get(0));
    assertEquals("02958343", v.category("car").synset());
    assertEquals("02691156", v.category("airplane").synset());
    assertEquals("car", v.bySynset("02958343").name());
  }

  @Test
  void rightNamesPairWithLeftNames() {
    KeypointVocabulary v = KeypointVocabulary.load(confFile());
    for (String cat : v.categories()) {
      KeypointVocabulary.Category c = v.category(cat);
      for (int[] p : c.reflectionPairs()) {
        String a = c.name(p[0]);
        String b = c.name(p[1]);
        assertTrue(a.contains("right") && b.equals(a.replace("right", "left")),
            cat + ": pair " + a + " / " + b);
      }
    }
  }

  @Test
  void fromConfigReadsKeypointsObject() {
    KeypointVocabulary v = KeypointVocabulary.fromConfig(ConfigFactory.parseString(
        "keypoints { mug { synset = \"03797390\", names { \"0\" = handle_top, \"1\" = rim } } }"));
    assertEquals(1, v.category("mug").id("rim"));
    assertTrue(v.category("mug").reflectionPairs().isEmpty());
  }

  @Test
  void badContentNamesTheFile(@TempDir Path tmp) throws IOException {
    Path f = tmp.resolve("kp.conf");
    Files.writeString(f, "keypoints { chair { synset = \"03001627\", names { \"0\" = a }, reflection = [[0, 3]] } }");
    DataFormatException e = assertThrows(DataFormatException.class, () -> KeypointVocabulary.load(f));
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("id 3"), e.getMessage());
    Files.writeString(f, "keypoints { chair { synset = \"3001627\", names { \"0\" = a } } }");
    assertThrows(DataFormatException.class, () -> KeypointVocabulary.load(f));
    Files.writeString(f, "keypoints { chair { synset = \"03001627\", names { x = a } } }");
    assertThrows(DataFormatException.class, () -> KeypointVocabulary.load(f));
    Files.writeString(f, "keypoints { chair { synset = \"03001627\", names { \"0\" = a, \"1\" = a } } }");
    assertThrows(DataFormatException.class, () -> KeypointVocabulary.load(f));
    Files.writeString(f, "keypoints { chair { names { \"0\" = a } } }");
    assertThrows(DataFormatException.class, () -> KeypointVocabulary.load(f));
    Files.writeString(f, "keypoints { chair { synset = ");
    assertThrows(DataFormatException.class, () -> KeypointVocabulary.load(f));
    assertThrows(DataFormatException.class, () -> KeypointVocabulary.load(tmp.resolve("missing.conf")));
  }
}
