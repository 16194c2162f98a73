package org.semcycle.io;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Normalises paths that data sets give relative to their root (annotation files name images,
 * masks, models). A path that is absolute or climbs out of the root is refused, so no reader
 * ever opens a file outside the data set it was pointed at.
 */
public final class RelativePaths {
  private RelativePaths() {}

  /**
   * Returns {@code path} with '.', empty segments and inner '..' resolved, '/' separated.
   *
   * @param source file that named the path (for the error message)
   * @throws DataFormatException if the path is absolute, has a drive letter or escapes the root
   */
  public static String normalize(String path, String source) {
    if (path == null || path.isBlank()) {
      throw new DataFormatException(source, "empty path");
    }
    String p = path.replace('\\', '/');
    if (isAbsolute(p)) {
      throw new DataFormatException(source, "absolute path not allowed: '" + path + "'");
    }
    if (p.indexOf('\0') >= 0) {
      throw new DataFormatException(source, "path contains a NUL character");
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String seg : p.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (parts.isEmpty()) {
          throw new DataFormatException(source, "path escapes the data-set root: '" + path + "'");
        }
        parts.removeLast();
      } else {
        parts.addLast(seg);
      }
    }
    if (parts.isEmpty()) {
      throw new DataFormatException(source, "path names the root itself: '" + path + "'");
    }
    return String.join("/", parts);
  }

  /**
   * Joins a relative directory and a name given relative to it. An absolute name is returned as
   * it is, so that {@link #normalize} refuses it (joined, "/x" would silently become "dir//x").
   */
  public static String join(String dir, String name) {
    if (name != null && isAbsolute(name.replace('\\', '/'))) {
      return name;
    }
    return dir == null || dir.isEmpty() ? name : dir + "/" + name;
  }

  private static boolean isAbsolute(String p) {
    return p.startsWith("/") || p.matches("^[A-Za-z]:.*") || p.contains("://");
  }
}
