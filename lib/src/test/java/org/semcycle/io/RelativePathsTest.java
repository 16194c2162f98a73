package org.semcycle.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RelativePathsTest {
  @Test
  void normalisesInnerDots() {
    assertEquals("img/chair/a.png", RelativePaths.normalize("./img//chair/x/../a.png", "f.json"));
  }

  @Test
  void refusesEscapesAndAbsolutePaths() {
    for (String bad : new String[] {"../etc/passwd", "a/../../b", "/etc/passwd", "C:/x", "s3a://b/k"}) {
      DataFormatException e =
          assertThrows(DataFormatException.class, () -> RelativePaths.normalize(bad, "pix3d.json"));
      assertTrue(e.getMessage().startsWith("pix3d.json: "), e.getMessage());
    }
  }

  @Test
  void joinKeepsAnAbsoluteNameSoThatNormalizeRefusesIt() {
    assertEquals("a/b/c.mtl", RelativePaths.join("a/b", "c.mtl"));
    for (String abs : new String[] {"/etc/x.mtl", "C:\\x.mtl", "s3a://b/x.mtl"}) {
      assertEquals(abs, RelativePaths.join("a/b", abs));
      assertThrows(DataFormatException.class, () -> RelativePaths.normalize(RelativePaths.join("a/b", abs), "m.obj"));
    }
  }

  @Test
  void strictUtf8NamesLine() {
    byte[] bytes = "v 1 2 3\nv 4 5 6\n# caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> Texts.decodeUtf8(bytes, "m.obj"));
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("not valid UTF-8"));
  }
}
