package org.semcycle.datasets.parse;

import java.util.Locale;
import org.semcycle.io.DataFormatException;

/**
 * Number parsing for text formats that is stricter than {@link Double#parseDouble}: only plain
 * decimal literals ({@code [+-]digits[.digits][(e|E)[+-]digits]}) are numbers; Java's extras
 * ("1d", "0x1p3", "Infinity") are not. Non-finite values (nan, inf, or an overflow such as
 * 1e999) are reported as such. Errors name the file and line.
 */
public final class StrictNumbers {
  private StrictNumbers() {}

  /** True when {@code s} is a plain decimal literal. */
  public static boolean isDecimal(String s) {
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exp = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        exp++;
      }
      if (exp == 0) {
        return false;
      }
    }
    return i == n;
  }

  /** True when {@code s} is an optionally signed run of decimal digits. */
  public static boolean isInteger(String s) {
    int i = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
    if (i == s.length()) {
      return false;
    }
    for (; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when a token looks like a number cut short ("0.", "1e", "1e-", "-"): used on a last
   * line without newline to call the file truncated.
   */
  public static boolean looksCut(String s) {
    if (s.isEmpty()) {
      return false;
    }
    char c = s.charAt(s.length() - 1);
    return c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-' || c == '/';
  }

  /** Parses a finite decimal; {@code what} names the value in the message. */
  public static double parseFinite(String token, String file, int line, String what) {
    String low = token.toLowerCase(Locale.ROOT);
    if (low.contains("nan") || low.contains("inf")) {
      throw new DataFormatException(file, line, what + " is not finite: '" + token + "'");
    }
    if (!isDecimal(token)) {
      throw new DataFormatException(file, line, what + " is not a number: '" + token + "'");
    }
    double v = Double.parseDouble(token);
    if (!Double.isFinite(v)) {
      throw new DataFormatException(file, line, what + " is not finite: '" + token + "'");
    }
    return v;
  }

  /** Parses an int; {@code what} names the value in the message. */
  public static int parseInt(String token, String file, int line, String what) {
    if (!isInteger(token)) {
      throw new DataFormatException(file, line, what + " is not an integer: '" + token + "'");
    }
    try {
      return Integer.parseInt(token.startsWith("+") ? token.substring(1) : token);
    } catch (NumberFormatException e) {
      throw new DataFormatException(file, line, what + " is out of range: '" + token + "'");
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
