package org.semcycle.datasets.parse;

/**
 * A cursor over the lines of a text file, 1-based line numbers, with LF or CRLF endings. It
 * tells whether the current line is the last one and lacks a final newline: the readers use that
 * to recognise a file cut short in the middle of a line.
 */
public final class TextLines {
  private final String text;
  private int pos;
  private int number;
  private String line;
  private boolean lastWithoutNewline;

  public TextLines(String text) {
    this.text = text;
  }

  /** Advances to the next line; false at the end of the text. */
  public boolean next() {
    if (pos >= text.length()) {
      line = null;
      return false;
    }
    int nl = text.indexOf('\n', pos);
    int end = nl < 0 ? text.length() : nl;
    lastWithoutNewline = nl < 0;
    int stop = end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end;
    line = text.substring(pos, stop);
    pos = nl < 0 ? text.length() : nl + 1;
    number++;
    return true;
  }

  /** The current line without its line ending. */
  public String line() {
    return line;
  }

  /** 1-based number of the current line. */
  public int number() {
    return number;
  }

  /** True when the current line is the last one and no newline ends it. */
  public boolean lastWithoutNewline() {
    return lastWithoutNewline;
  }
}
