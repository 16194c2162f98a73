package org.semcycle.datasets.keypointnet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.semcycle.datasets.parse.TextLines;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.DataRoot;
import org.semcycle.io.DataSink;

/**
 * KeypointNet's {@code splits/{train,val,test}.txt}: one {@code synset-modelId} a line (synset
 * 8 digits, the model id after the first '-', no spaces). Blank lines and surrounding spaces are
 * ignored, a last line without newline is kept, LF or CRLF. A malformed line is an error naming
 * the line.
 */
public final class Splits {
  /** The split names KeypointNet ships. */
  public static final List<String> NAMES = List.of("train", "val", "test");

  private static final Pattern LINE = Pattern.compile("(\\d{8})-(\\S+)");

  private Splits() {}

  /** {@code splits/<name>.txt} for a split name of {@link #NAMES}. */
  public static String path(String name) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("unknown split '" + name + "', expected one of " + NAMES);
    }
    return "splits/" + name + ".txt";
  }

  public static List<SplitEntry> read(DataRoot root, String relPath) {
    return parse(root.readUtf8(relPath), root.describe(relPath));
  }

  public static List<SplitEntry> parse(String text, String source) {
    List<SplitEntry> out = new ArrayList<>();
    TextLines lines = new TextLines(text);
    while (lines.next()) {
      String s = lines.line().strip();
      if (s.isEmpty()) {
        continue;
      }
      var m = LINE.matcher(s);
      if (!m.matches()) {
        throw new DataFormatException(source, lines.number(),
            "expected '<8-digit synset>-<model id>', found '" + s + "'");
      }
      out.add(new SplitEntry(m.group(1), m.group(2)));
    }
    return out;
  }

  /** One line per entry, each ending with a newline. */
  public static String toText(List<SplitEntry> entries) {
    StringBuilder sb = new StringBuilder();
    for (SplitEntry e : entries) {
      sb.append(e.key()).append('\n');
    }
    return sb.toString();
  }

  public static void write(DataSink sink, String relPath, List<SplitEntry> entries) throws IOException {
    sink.write(relPath, DataRoot.utf8(toText(entries)));
  }
}
