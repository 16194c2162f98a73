package org.semcycle.io;

/**
 * Bad input: names the file, the line where there is one, and the problem.
 * Message form: {@code <file>:<line>: <problem>} or {@code <file>: <problem>}.
 */
public class DataFormatException extends RuntimeException {
  private final String file;
  private final int line;
  private final String problem;

  public DataFormatException(String file, int line, String problem) {
    this(file, line, problem, null);
  }

  public DataFormatException(String file, String problem) {
    this(file, -1, problem, null);
  }

  public DataFormatException(String file, int line, String problem, Throwable cause) {
    super(format(file, line, problem), cause);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  private static String format(String file, int line, String problem) {
    return line > 0 ? file + ":" + line + ": " + problem : file + ": " + problem;
  }

  /** The file that holds the bad input, as the data root describes it. */
  public String file() {
    return file;
  }

  /** 1-based line number, or -1 when the format has no lines. */
  public int line() {
    return line;
  }

  /** The problem alone, without file and line. */
  public String problem() {
    return problem;
  }
}
