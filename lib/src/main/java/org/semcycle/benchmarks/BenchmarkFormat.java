package org.semcycle.benchmarks;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The evaluation-set layouts the benchmark stage writes, each in its own folder under OUT. */
public enum BenchmarkFormat {
  /** Pix3D: {@code pix3d/pix3d.json}, {@code img/}, {@code mask/}, {@code model/}. */
  PIX3D("pix3d"),
  /** SPair-71k: {@code spair/JPEGImages/}, {@code ImageAnnotation/}, {@code PairAnnotation/test/}... */
  SPAIR("spair"),
  /** PF-PASCAL: {@code pfpascal/test_pairs.csv}, {@code PF-dataset-PASCAL/{JPEGImages,Annotations}/}. */
  PFPASCAL("pfpascal");

  private final String dir;

  BenchmarkFormat(String dir) {
    this.dir = dir;
  }

  /** The set's folder below the output root (also the name used in configuration). */
  public String dir() {
    return dir;
  }

  public static BenchmarkFormat parse(String s) {
    for (BenchmarkFormat f : values()) {
      if (f.dir.equals(s.trim().toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("benchmark format must be pix3d, spair or pfpascal, got '" + s + "'");
  }

  /** Parses names such as {@code [pix3d, spair]}; an empty list is an error. */
  public static Set<BenchmarkFormat> parseAll(Iterable<String> names) {
    EnumSet<BenchmarkFormat> out = EnumSet.noneOf(BenchmarkFormat.class);
    for (String n : names) {
      for (String part : n.split(",")) {
        if (!part.isBlank()) {
          out.add(parse(part));
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no benchmark format given (pix3d, spair, pfpascal)");
    }
    return out;
  }
}
