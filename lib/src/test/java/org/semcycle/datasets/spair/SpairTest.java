package org.semcycle.datasets.spair;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.DataRoot;
import org.semcycle.io.LocalDataRoot;
import org.semcycle.io.LocalDataSink;

class SpairTest {
  @TempDir Path dir;

  static final String SRC_ANN =
      """
      {"filename": "2008_006167.jpg", "src_database": "PASCAL VOC2012", "category": "aeroplane",
       "image_width": 500, "image_height": 333, "image_depth": 3, "pose": "Left",
       "truncated": 0, "occluded": 1, "difficult": 0, "bndbox": [12, 40, 480, 300],
       "azimuth_id": 2,
       "kps": {"0": [100, 120], "1": null, "2": [210.5, 99], "3": [300, 150]}}
      """;

  static final String TRG_ANN =
      """
      {"filename": "2010_001152.jpg", "category": "aeroplane",
       "image_width": 400, "image_height": 300, "image_depth": 3, "pose": "Frontal",
       "truncated": 1, "occluded": 0, "difficult": 0, "bndbox": [50, 60, 350, 250],
       "azimuth_id": 0,
       "kps": {"3": [320, 140], "2": [200, 90], "1": [150, 100], "0": null}}
      """;

  static final String PAIR =
      """
      {"pair_id": 1, "filename": "000001-2008_006167-2010_001152:aeroplane",
       "src_imname": "2008_006167.jpg", "trg_imname": "2010_001152.jpg",
       "src_imsize": [500, 333, 3], "trg_imsize": [400, 300, 3],
       "src_bndbox": [12, 40, 480, 300], "trg_bndbox": [50, 60, 350, 250],
       "category": "aeroplane", "src_pose": "Left", "trg_pose": "Frontal",
       "src_kps": [[210.5, 99], [300, 150]], "trg_kps": [[200, 90], [320, 140]],
       "kps_ids": ["2", "3"], "mirror": 0, "viewpoint_variation": 1, "scale_variation": 0,
       "truncation": 2, "occlusion": 1}
      """;

  static final String NAME = "000001-2008_006167-2010_001152:aeroplane";

  private DataRoot fixture() throws IOException {
    LocalDataSink s = new LocalDataSink(dir);
    s.write("ImageAnnotation/aeroplane/2008_006167.json", DataRoot.utf8(SRC_ANN));
    s.write("ImageAnnotation/aeroplane/2010_001152.json", DataRoot.utf8(TRG_ANN));
    s.write("PairAnnotation/test/" + NAME + ".json", DataRoot.utf8(PAIR));
    // Last line without a newline, a blank line in between.
    s.write("Layout/large/test.txt",
        DataRoot.utf8(NAME + "\n\n000002-2010_001152-2008_006167:aeroplane"));
    s.write("JPEGImages/aeroplane/2008_006167.jpg", new byte[] {1});
    s.write("JPEGImages/aeroplane/2010_001152.jpg", new byte[] {1});
    s.write("JPEGImages/aeroplane/notes.txt", new byte[] {1});
    return new LocalDataRoot(dir);
  }

  @Test
  void readsLayoutPairAndImageAnnotations() throws IOException {
    SpairReader r = new SpairReader(fixture());
    List<SpairPairName> names = r.pairNames(SpairSplit.TEST);
    assertEquals(2, names.size(), "last line without newline is kept");
    assertEquals(NAME, names.get(0).toString());
    assertEquals(2, names.get(1).id());
    SpairPair p = r.readPair(SpairSplit.TEST, names.get(0));
    assertEquals(1, p.pairId());
    assertEquals(List.of("2", "3"), p.kpsIds());
    assertArrayEquals(new double[] {210.5, 99}, p.srcKps()[0]);
    assertArrayEquals(new double[] {320, 140}, p.trgKps()[1]);
    assertArrayEquals(new int[] {500, 333, 3}, p.srcImsize());
    assertArrayEquals(new double[] {50, 60, 350, 250}, p.trgBndbox());
    assertEquals(2, p.truncation());
    SpairImageAnnotation a = r.readImageAnnotation("aeroplane", "2010_001152");
    assertEquals(4, a.keypointCount());
    assertNull(a.keypoint(0), "keys out of order are placed by id");
    assertArrayEquals(new double[] {150, 100}, a.keypoint(1));
    assertTrue(a.truncated());
    assertEquals("Frontal", a.pose());
    assertEquals(List.of("aeroplane"), r.categories());
    assertEquals(List.of("2008_006167", "2010_001152"), r.imageIds("aeroplane"));
  }

  @Test
  void makeKeepsKeypointsVisibleInBothAndCombinesFlags() {
    SpairImageAnnotation src = SpairReader.parseImageAnnotation(SRC_ANN, "src");
    SpairImageAnnotation trg = SpairReader.parseImageAnnotation(TRG_ANN, "trg");
    SpairPair made = SpairPairs.make(1, src, trg, false);
    SpairPair expected = SpairReader.parsePair(PAIR, "pair");
    assertSamePair(expected, made);
    // Keypoint 1 is invisible in the source, 0 in the target: both left out.
    assertEquals(List.of("2", "3"), made.kpsIds());
    assertEquals(2, made.truncation(), "target only");
    assertEquals(1, made.occlusion(), "source only");
  }

  @Test
  void variationThresholds() {
    assertEquals(0, SpairPairs.viewpointVariation(10, 40));
    assertEquals(0, SpairPairs.viewpointVariation(350, 15), "wraps around 360");
    assertEquals(1, SpairPairs.viewpointVariation(0, 31));
    assertEquals(1, SpairPairs.viewpointVariation(0, 90));
    assertEquals(2, SpairPairs.viewpointVariation(0, 91));
    assertEquals(2, SpairPairs.viewpointVariation(0, 180));
    assertEquals(0, SpairPairs.scaleVariation(new double[] {0, 0, 100, 100},
        new double[] {0, 0, 140, 140}));
    assertEquals(1, SpairPairs.scaleVariation(new double[] {0, 0, 100, 100},
        new double[] {0, 0, 50, 50}));
    assertEquals(2, SpairPairs.scaleVariation(new double[] {0, 0, 100, 100},
        new double[] {10, 10, 30, 30}));
    assertEquals(0, SpairPairs.azimuthBin(10));
    assertEquals(0, SpairPairs.azimuthBin(-20));
    assertEquals(1, SpairPairs.azimuthBin(22.5));
    assertEquals(7, SpairPairs.azimuthBin(320));
    assertEquals(0, SpairPairs.azimuthBin(359));
    assertEquals(0, SpairPairs.combineFlags(false, false));
    assertEquals(1, SpairPairs.combineFlags(true, false));
    assertEquals(2, SpairPairs.combineFlags(false, true));
    assertEquals(3, SpairPairs.combineFlags(true, true));
  }

  static void assertSamePair(SpairPair x, SpairPair y) {
    assertEquals(x.pairId(), y.pairId());
    assertEquals(x.filename(), y.filename());
    assertEquals(x.srcImname(), y.srcImname());
    assertEquals(x.trgImname(), y.trgImname());
    assertEquals(x.category(), y.category());
    assertArrayEquals(x.srcImsize(), y.srcImsize());
    assertArrayEquals(x.trgImsize(), y.trgImsize());
    assertArrayEquals(x.srcBndbox(), y.srcBndbox());
    assertArrayEquals(x.trgBndbox(), y.trgBndbox());
    assertEquals(x.srcPose(), y.srcPose());
    assertEquals(x.trgPose(), y.trgPose());
    assertTrue(Arrays.deepEquals(x.srcKps(), y.srcKps()));
    assertTrue(Arrays.deepEquals(x.trgKps(), y.trgKps()));
    assertEquals(x.kpsIds(), y.kpsIds());
    assertEquals(x.mirror(), y.mirror());
    assertEquals(x.viewpointVariation(), y.viewpointVariation());
    assertEquals(x.scaleVariation(), y.scaleVariation());
    assertEquals(x.truncation(), y.truncation());
    assertEquals(x.occlusion(), y.occlusion());
  }

  @Test
  void writerThenReaderRoundTrips() throws IOException {
    SpairImageAnnotation src = SpairReader.parseImageAnnotation(SRC_ANN, "src");
    SpairImageAnnotation trg = SpairReader.parseImageAnnotation(TRG_ANN, "trg");
    SpairPair pair = SpairPairs.make(7, src, trg, 10, 200, true);
    SpairWriter w = new SpairWriter(new LocalDataSink(dir));
    w.writeImageAnnotation(src);
    w.writeImageAnnotation(trg);
    w.writePair(SpairSplit.VAL, pair);
    w.writeLayout(SpairSplit.VAL, List.of(pair.name()));
    SpairReader r = new SpairReader(new LocalDataRoot(dir));
    List<SpairPairName> names = r.pairNames(SpairSplit.VAL);
    assertEquals(List.of(pair.name()), names);
    assertEquals("000007-2008_006167-2010_001152:aeroplane", names.get(0).toString());
    SpairPair back = r.readPair(SpairSplit.VAL, names.get(0));
    assertSamePair(pair, back);
    assertEquals(1, back.mirror());
    assertEquals(2, back.viewpointVariation());
    SpairImageAnnotation srcBack = r.readImageAnnotation("aeroplane", "2008_006167");
    assertEquals(src.keypointCount(), srcBack.keypointCount());
    for (int i = 0; i < src.keypointCount(); i++) {
      assertArrayEquals(src.keypoint(i), srcBack.keypoint(i));
    }
    assertArrayEquals(src.bndbox(), srcBack.bndbox());
    assertEquals(src.azimuthId(), srcBack.azimuthId());
    assertEquals(src.occluded(), srcBack.occluded());
    assertFalse(srcBack.truncated());
    assertArrayEquals(SpairWriter.pairJson(pair), SpairWriter.pairJson(back), "deterministic");
  }

  @Test
  void badNamesAreRefused() throws IOException {
    LocalDataSink s = new LocalDataSink(dir);
    s.write("Layout/large/trn.txt", DataRoot.utf8(NAME + "\n000002-../x-2008_1:aeroplane\n"));
    SpairReader r = new SpairReader(new LocalDataRoot(dir));
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> r.pairNames(SpairSplit.TRN));
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("trn.txt:2"), e.getMessage());
    assertThrows(DataFormatException.class,
        () -> SpairPairName.parse("000001-/etc/passwd-b:cat", "x", 1));
    assertThrows(DataFormatException.class, () -> SpairPairName.parse("1-a-b:cat", "x", 1));
    assertThrows(IllegalArgumentException.class, () -> r.readImageAnnotation("..", "x"));
    assertThrows(IllegalArgumentException.class, () -> r.imageIds("../.."));
    DataFormatException img =
        assertThrows(DataFormatException.class,
            () -> SpairReader.parsePair(PAIR.replace("\"2008_006167.jpg\"", "\"../2008_006167.jpg\""),
                "pair.json"));
    assertTrue(img.getMessage().contains("field 'src_imname'"), img.getMessage());
    DataFormatException abs =
        assertThrows(DataFormatException.class,
            () -> SpairReader.parseImageAnnotation(
                SRC_ANN.replace("\"2008_006167.jpg\"", "\"/tmp/x.jpg\""), "ann.json"));
    assertTrue(abs.getMessage().contains("field 'filename'"), abs.getMessage());
  }

  @Test
  void malformedJsonAndFieldsAreErrors() {
    DataFormatException syntax =
        assertThrows(DataFormatException.class,
            () -> SpairReader.parsePair(PAIR.replace("\"pair_id\": 1,", "\"pair_id\": 1"), "p.json"));
    assertEquals(1, syntax.line());
    assertTrue(syntax.getMessage().contains("malformed JSON"), syntax.getMessage());
    DataFormatException ids =
        assertThrows(DataFormatException.class,
            () -> SpairReader.parsePair(PAIR.replace("[\"2\", \"3\"]", "[\"2\"]"), "p.json"));
    assertTrue(ids.getMessage().contains("field 'kps_ids'"), ids.getMessage());
    DataFormatException kps =
        assertThrows(DataFormatException.class,
            () -> SpairReader.parseImageAnnotation(SRC_ANN.replace("\"3\": [300, 150]",
                "\"7\": [300, 150]"), "a.json"));
    assertTrue(kps.getMessage().contains("field 'kps'"), kps.getMessage());
    DataFormatException pt =
        assertThrows(DataFormatException.class,
            () -> SpairReader.parseImageAnnotation(SRC_ANN.replace("[100, 120]", "[100]"), "a.json"));
    assertTrue(pt.getMessage().contains("kps.0"), pt.getMessage());
    DataFormatException box =
        assertThrows(DataFormatException.class,
            () -> SpairReader.parsePair(PAIR.replace("[12, 40, 480, 300]", "[12, 40, 480]"),
                "p.json"));
    assertTrue(box.getMessage().contains("field 'src_bndbox'"), box.getMessage());
  }
}
