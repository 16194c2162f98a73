package org.semcycle.datasets.keypointnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.LocalDataRoot;
import org.semcycle.io.LocalDataSink;

class SplitsTest {
  @Test
  void lastLineWithoutNewlineIsKeptAndBlanksIgnored() {
    String text = "03001627-1006be65e7bc937e9141f9b58470d646\r\n\n  02691156-10155655850468db78d106ce0a280f87  \n"
        + "02958343-1005ca47e516495512da0dbf3c68e847";
    List<SplitEntry> s = Splits.parse(text, "splits/train.txt");
    assertEquals(3, s.size());
    assertEquals(new SplitEntry("02691156", "10155655850468db78d106ce0a280f87"), s.get(1));
    assertEquals("02958343-1005ca47e516495512da0dbf3c68e847", s.get(2).key());
  }

  @Test
  void malformedLineNamesFileAndLine() {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> Splits.parse("03001627-aaa\n\n3001627-bbb\n", "splits/val.txt"));
    assertEquals(3, e.line());
    assertTrue(e.getMessage().startsWith("splits/val.txt:3: expected '<8-digit synset>-<model id>'"), e.getMessage());
    assertThrows(DataFormatException.class, () -> Splits.parse("03001627-a b\n", "s"));
    assertThrows(DataFormatException.class, () -> Splits.parse("03001627-\n", "s"));
  }

  @Test
  void roundTripsThroughWriter(@TempDir Path dir) throws Exception {
    List<SplitEntry> entries = List.of(new SplitEntry("03001627", "aaa"), new SplitEntry("02691156", "bbb"));
    Splits.write(new LocalDataSink(dir), Splits.path("test"), entries);
    assertEquals(entries, Splits.read(new LocalDataRoot(dir), "splits/test.txt"));
    assertEquals("03001627-aaa\n02691156-bbb\n", Splits.toText(entries));
    assertThrows(IllegalArgumentException.class, () -> Splits.path("dev"));
  }
}
