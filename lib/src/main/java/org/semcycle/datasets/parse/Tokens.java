package org.semcycle.datasets.parse;

import java.util.ArrayList;
import java.util.List;

/** Splits a line into whitespace-separated tokens (spaces and tabs), without regular expressions. */
public final class Tokens {
  private Tokens() {}

  /** The tokens of a line; empty for a blank line. */
  public static List<String> split(String line) {
    List<String> out = new ArrayList<>(8);
    int n = line.length();
    int i = 0;
    while (i < n) {
      while (i < n && isSpace(line.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSpace(line.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(line.substring(start, i));
      }
    }
    return out;
  }

  /** The rest of a line after its first token, trimmed; empty if none. */
  public static String rest(String line) {
    String t = line.strip();
    int i = 0;
    while (i < t.length() && !isSpace(t.charAt(i))) {
      i++;
    }
    return t.substring(i).strip();
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\f' || c == '\u000B' || c == '\r';
  }
}
