package org.semcycle.datasets.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.semcycle.io.DataFormatException;

class TextFormatsTest {
  @Test
  void strictDecimals() {
    for (String ok : new String[] {"0", "-1", "+2.5", "0.", ".5", "1e3", "-1.25E-07"}) {
      assertTrue(StrictNumbers.isDecimal(ok), ok);
    }
    for (String no : new String[] {"", "-", ".", "1e", "1e+", "1d", "0x10", "NaN", "Infinity", "1,5", "1.2.3"}) {
      assertFalse(StrictNumbers.isDecimal(no), no);
    }
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> StrictNumbers.parseInt("99999999999", "f", 3, "index"));
    assertEquals("f:3: index is out of range: '99999999999'", e.getMessage());
  }

  @Test
  void numberTextIsCompactAndWithinTolerance() {
    assertEquals("0", NumberText.format(-1e-10));
    assertEquals("-0.5", NumberText.format(-0.5));
    assertEquals("3", NumberText.format(3.0));
    assertEquals("0.00000001", NumberText.format(1e-8));
    assertEquals("1.0E9", NumberText.format(1e9));
    SplittableRandom rng = new SplittableRandom(5);
    for (int i = 0; i < 10000; i++) {
      double v = rng.nextDouble(-1000, 1000) * Math.pow(10, -rng.nextInt(6));
      String s = NumberText.format(v);
      assertTrue(StrictNumbers.isDecimal(s), s);
      assertTrue(Math.abs(Double.parseDouble(s) - v) <= 5.1e-9, v + " -> " + s);
      float f = (float) v;
      assertEquals(f, Float.parseFloat(NumberText.plainFloat(f)), "exact float " + f);
    }
    assertEquals("0.00012", NumberText.plainFloat(1.2e-4f));
    assertEquals("2", NumberText.plainFloat(2f));
  }

  @Test
  void linesAndTokens() {
    TextLines t = new TextLines("a b\r\n\n c\td ");
    assertTrue(t.next());
    assertEquals("a b", t.line());
    assertFalse(t.lastWithoutNewline());
    assertTrue(t.next());
    assertEquals("", t.line());
    assertTrue(t.next());
    assertEquals(3, t.number());
    assertTrue(t.lastWithoutNewline());
    assertEquals(List.of("c", "d"), Tokens.split(t.line()));
    assertEquals("d", Tokens.rest(t.line()));
    assertFalse(t.next());
  }
}
