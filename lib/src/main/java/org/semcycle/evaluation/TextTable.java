package org.semcycle.evaluation;

import java.util.ArrayList;
import java.util.List;

/** A small table of strings with a title, written as Markdown or CSV. */
public record TextTable(String name, String title, List<String> header, List<List<String>> rows) {
  public TextTable {
    header = List.copyOf(header);
    List<List<String>> copy = new ArrayList<>();
    for (List<String> r : rows) {
      if (r.size() != header.size()) {
        throw new IllegalArgumentException("row " + r + " has " + r.size() + " cells, header " + header.size());
      }
      copy.add(List.copyOf(r));
    }
    rows = List.copyOf(copy);
  }

  /** {@code ### title}, then a pipe table. */
  public String toMarkdown() {
    StringBuilder sb = new StringBuilder();
    if (title != null) {
      sb.append("### ").append(title).append("\n\n");
    }
    line(sb, header);
    List<String> rule = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      rule.add(i == 0 ? "---" : "---:");
    }
    line(sb, rule);
    for (List<String> r : rows) {
      line(sb, r);
    }
    return sb.toString();
  }

  /** RFC 4180 CSV with a header line. */
  public String toCsv() {
    StringBuilder sb = new StringBuilder();
    csv(sb, header);
    for (List<String> r : rows) {
      csv(sb, r);
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> cells) {
    sb.append('|');
    for (String c : cells) {
      sb.append(' ').append(c.replace("|", "\\|")).append(" |");
    }
    sb.append('\n');
  }

  private static void csv(StringBuilder sb, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      if (i > 0) {
        sb.append(',');
      }
      if (c.contains(",") || c.contains("\"") || c.contains("\n")) {
        sb.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(c);
      }
    }
    sb.append('\n');
  }
}
