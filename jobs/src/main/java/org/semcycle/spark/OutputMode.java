package org.semcycle.spark;

import java.util.Locale;

/**
 * What a job does with an output folder that already holds a result: {@link #OVERWRITE} replaces
 * it, {@link #RESUME} keeps the shards already there and computes only the missing ones (see
 * {@link ShardedOutput}).
 */
public enum OutputMode {
  OVERWRITE,
  RESUME;

  /** "overwrite" or "resume" (any case). */
  public static OutputMode parse(String s) {
    if (s != null) {
      for (OutputMode m : values()) {
        if (m.name().equalsIgnoreCase(s.trim())) {
          return m;
        }
      }
    }
    throw new IllegalArgumentException("output mode must be overwrite or resume, not '" + s + "'");
  }

  /** The configured mode ({@code semcycle.output.mode}). */
  public static OutputMode of(com.typesafe.config.Config c) {
    return parse(c.getString("semcycle.output.mode"));
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
