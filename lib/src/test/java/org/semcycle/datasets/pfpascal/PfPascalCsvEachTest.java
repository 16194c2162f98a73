package org.semcycle.datasets.pfpascal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.semcycle.io.DataFormatException;

class PfPascalCsvEachTest {
  static final String CSV = "source_image,target_image,class,XA,YA,XB,YB\n"
      + "JPEGImages/a.jpg,JPEGImages/b.jpg,9,1;2,3;4,5;6,7;8\n"
      + "JPEGImages/a.jpg,JPEGImages/b.jpg,chair,1,2,3,4\n"
      + "JPEGImages/c.jpg,JPEGImages/d.jpg,9,1,2,3,4\n";

  @Test
  void aBadLineIsARejectNamingItsLineAndTheOthersKeepTheirRows() {
    PfPascalCsv.Index index = PfPascalCsv.parseEach(CSV, "pairs.csv");
    assertEquals(2, index.pairs().size());
    assertEquals(0, index.pairs().get(0).row());
    assertEquals(2, index.pairs().get(1).row());
    assertEquals(1, index.rejects().size());
    assertTrue(index.rejects().get(0).getMessage().contains("pairs.csv:3"), index.rejects().get(0).getMessage());
    DataFormatException e = assertThrows(DataFormatException.class, () -> PfPascalCsv.parse(CSV, "pairs.csv"));
    assertTrue(e.getMessage().contains("class is not an integer"), e.getMessage());
  }
}
