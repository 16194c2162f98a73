package org.semcycle.datasets.parse;

/**
 * Deterministic, compact decimal text for coordinates written to text formats: 8 decimals
 * with trailing zeros removed (absolute error at most 5e-9), or Java's exact
 * {@link Double#toString} for magnitudes of 1e9 and more; and floats in their exact shortest
 * form without exponent. Never uses the locale.
 */
public final class NumberText {
  private static final double SCALE = 1e8;

  private NumberText() {}

  /** Appends {@code v} (finite) to {@code sb}. */
  public static StringBuilder append(StringBuilder sb, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("not finite: " + v);
    }
    if (Math.abs(v) >= 1e9) {
      return sb.append(Double.toString(v));
    }
    long r = Math.round(v * SCALE);
    if (r == 0) {
      return sb.append('0');
    }
    if (r < 0) {
      sb.append('-');
      r = -r;
    }
    long whole = r / 100_000_000L;
    long frac = r % 100_000_000L;
    sb.append(whole);
    if (frac != 0) {
      String f = Long.toString(frac);
      sb.append('.');
      for (int i = f.length(); i < 8; i++) {
        sb.append('0');
      }
      int end = f.length();
      while (f.charAt(end - 1) == '0') {
        end--;
      }
      sb.append(f, 0, end);
    }
    return sb;
  }

  /**
   * A float as the shortest text that reads back to the same float (Java's
   * {@link Float#toString}), written without exponent ("0.00012" rather than "1.2E-4").
   */
  public static String plainFloat(float v) {
    if (!Float.isFinite(v)) {
      throw new IllegalArgumentException("not finite: " + v);
    }
    String s = Float.toString(v);
    if (s.indexOf('E') < 0) {
      return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
    String p = new java.math.BigDecimal(s).stripTrailingZeros().toPlainString();
    return p;
  }

  /** {@code v} as text, see {@link #append}. */
  public static String format(double v) {
    return append(new StringBuilder(16), v).toString();
  }
}
