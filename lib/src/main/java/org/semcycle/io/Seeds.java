package org.semcycle.io;

import java.nio.charset.StandardCharsets;

/**
 * Derives independent seeds from a base seed and stable keys (synset, model id, view index), so
 * that results never depend on partitioning, thread count or processing order.
 */
public final class Seeds {
  private Seeds() {}

  /** SplitMix64 finaliser: a good 64-bit mixing function. */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A seed for the base seed and the given keys (strings or numbers). */
  public static long mix(long base, Object... keys) {
    long h = mix64(base + 0x9e3779b97f4a7c15L);
    for (Object k : keys) {
      long v;
      if (k instanceof Number n) {
        v = n.longValue();
      } else {
        v = 1125899906842597L;
        for (byte b : String.valueOf(k).getBytes(StandardCharsets.UTF_8)) {
          v = 31 * v + b;
        }
      }
      h = mix64(h ^ mix64(v + 0x9e3779b97f4a7c15L));
    }
    return h;
  }
}
