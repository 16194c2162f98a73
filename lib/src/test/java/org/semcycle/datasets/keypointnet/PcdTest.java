package org.semcycle.datasets.keypointnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.LocalDataRoot;
import org.semcycle.io.LocalDataSink;

class PcdTest {
  static final String HEADER = """
      # .PCD v0.7 - Point Cloud Data file format
      VERSION 0.7
      FIELDS x y z rgb
      SIZE 4 4 4 4
      TYPE F F F U
      COUNT 1 1 1 1
      WIDTH 3
      HEIGHT 1
      VIEWPOINT 0 0 0 1 0 0 0
      POINTS 3
      DATA ascii
      """;

  private static DataFormatException bad(String text) {
    return assertThrows(DataFormatException.class, () -> PcdReader.parse(text, "pcds/03001627/m.pcd"));
  }

  @Test
  void readsKeypointNetStyleIntegerRgb() {
    PointCloud c = PcdReader.parse(HEADER + "0.1 0.2 -0.3 16711680\n-0.5 0 0.25 65280\n0 0 0 255", "m.pcd");
    assertEquals(3, c.size());
    assertArrayEquals(new float[] {0.1f, 0.2f, -0.3f, -0.5f, 0f, 0.25f, 0f, 0f, 0f}, c.xyz());
    assertArrayEquals(new int[] {255, 0, 0}, PointCloud.unpackRgb(c.rgb()[0]));
    assertArrayEquals(new int[] {0, 255, 0}, PointCloud.unpackRgb(c.rgb()[1]));
    assertArrayEquals(new int[] {0, 0, 255}, PointCloud.unpackRgb(c.rgb()[2]), "last line without newline kept");
  }

  @Test
  void readsPclFloatPackedRgb() {
    int packed = PointCloud.packRgb(200, 100, 50);
    String f = Float.toString(Float.intBitsToFloat(packed));
    String text = HEADER.replace("TYPE F F F U", "TYPE F F F F")
        + "0 0 0 " + f + "\n1 1 1 " + f + "\n2 2 2 0\n";
    PointCloud c = PcdReader.parse(text, "m.pcd");
    assertEquals(packed, c.rgb()[0]);
    assertEquals(0, c.rgb()[2]);
  }

  @Test
  void wrongPointCountNamesLine() {
    DataFormatException fewer = bad(HEADER + "0 0 0 1\n0 0 0 2\n");
    assertEquals(13, fewer.line(), fewer.getMessage());
    assertTrue(fewer.problem().contains("truncated: the file ends after 2 point lines, the header says POINTS 3"),
        fewer.getMessage());
    assertTrue(fewer.getMessage().startsWith("pcds/03001627/m.pcd:13: "), fewer.getMessage());
    DataFormatException more = bad(HEADER + "0 0 0 1\n0 0 0 2\n0 0 0 3\n0 0 0 4\n");
    assertEquals(15, more.line(), more.getMessage());
    assertTrue(more.problem().contains("more point lines than POINTS 3"), more.getMessage());
  }

  @Test
  void badHeadersAndValues() {
    assertTrue(bad(HEADER.replace("WIDTH 3", "WIDTH 4") + "0 0 0 1\n").problem().contains("disagrees with POINTS"));
    assertTrue(bad(HEADER.replace("DATA ascii", "DATA binary")).problem().contains("only DATA ascii"));
    DataFormatException e = bad(HEADER + "0 0 0 1\n0 nan 0 2\n0 0 0 3\n");
    assertEquals(13, e.line());
    assertTrue(e.problem().contains("coordinate y is not finite"), e.getMessage());
    DataFormatException cut = bad(HEADER + "0 0 0 1\n0 0 0 2\n0 0.");
    assertEquals(14, cut.line());
    assertTrue(cut.problem().contains("truncated"), cut.getMessage());
    assertTrue(bad("VERSION 0.7\nFIELDS x y\nPOINTS 0\nDATA ascii\n").problem().contains("lacks one of x y z"));
  }

  @Test
  void roundTripsThroughWriter(@TempDir Path dir) throws Exception {
    SplittableRandom rng = new SplittableRandom(11);
    float[] xyz = new float[3 * 2048];
    int[] rgb = new int[2048];
    for (int i = 0; i < xyz.length; i++) {
      xyz[i] = (float) rng.nextDouble(-0.5, 0.5) * (i % 7 == 0 ? 1e-4f : 1f);
    }
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = rng.nextInt(1 << 24);
    }
    PointCloud c = new PointCloud(xyz, rgb);
    String rel = KeypointNetLayout.pcd("03001627", "abc");
    PcdWriter.write(new LocalDataSink(dir), rel, c);
    PointCloud back = PcdReader.read(new LocalDataRoot(dir), rel);
    assertArrayEquals(c.xyz(), back.xyz(), "exact float round trip");
    assertArrayEquals(c.rgb(), back.rgb());
    assertTrue(PcdWriter.toPcd(c).contains("\nPOINTS 2048\nDATA ascii\n"));
    String data = PcdWriter.toPcd(c).split("DATA ascii\n")[1];
    assertTrue(!data.contains("E") && !data.contains("e"), "no exponent form");
  }
}
