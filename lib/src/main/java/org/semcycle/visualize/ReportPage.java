package org.semcycle.visualize;

import java.util.List;
import org.semcycle.evaluation.TextTable;

/**
 * A self-contained HTML page built section by section: headings, paragraphs, {@link TextTable}s
 * and figures (image paths relative to the page). A script in the page marks every {@code <img>}
 * once the page has loaded: {@code data-loaded="yes"} when it decoded ({@code naturalWidth > 0}),
 * {@code "no"} otherwise, and sets {@code data-images-checked} on the body, so a headless
 * browser's DOM dump proves what rendered.
 */
public final class ReportPage {
  private final StringBuilder body = new StringBuilder();
  private final String title;

  public ReportPage(String title) {
    this.title = title;
    body.append("<h1>").append(escape(title)).append("</h1>\n");
  }

  public ReportPage heading(String text) {
    body.append("<h2>").append(escape(text)).append("</h2>\n");
    return this;
  }

  public ReportPage subheading(String text) {
    body.append("<h3>").append(escape(text)).append("</h3>\n");
    return this;
  }

  public ReportPage paragraph(String text) {
    body.append("<p>").append(escape(text)).append("</p>\n");
    return this;
  }

  /** Preformatted text (e.g. JSON). */
  public ReportPage pre(String text) {
    body.append("<pre>").append(escape(text)).append("</pre>\n");
    return this;
  }

  /** A table with its title as caption; numeric cells right-aligned. */
  public ReportPage table(TextTable t) {
    body.append("<table class=\"pck\" data-table=\"").append(escape(t.name())).append("\">\n");
    if (t.title() != null) {
      body.append("<caption>").append(escape(t.title())).append("</caption>\n");
    }
    body.append("<thead><tr>");
    for (String h : t.header()) {
      body.append("<th>").append(escape(h)).append("</th>");
    }
    body.append("</tr></thead>\n<tbody>\n");
    for (List<String> r : t.rows()) {
      body.append("<tr>");
      for (int i = 0; i < r.size(); i++) {
        body.append(i == 0 ? "<td>" : "<td class=\"num\">").append(escape(r.get(i))).append("</td>");
      }
      body.append("</tr>\n");
    }
    body.append("</tbody></table>\n");
    return this;
  }

  /** Figures in a row: relative image paths and captions (same length). */
  public ReportPage figures(List<String> paths, List<String> captions) {
    if (paths.size() != captions.size()) {
      throw new IllegalArgumentException(paths.size() + " images, " + captions.size() + " captions");
    }
    body.append("<div class=\"figures\">\n");
    for (int i = 0; i < paths.size(); i++) {
      body.append("<figure><img src=\"").append(escape(paths.get(i))).append("\" alt=\"")
          .append(escape(captions.get(i))).append("\"><figcaption>").append(escape(captions.get(i)))
          .append("</figcaption></figure>\n");
    }
    body.append("</div>\n");
    return this;
  }

  /** The whole page. */
  public String html() {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
        + "</title>\n<style>\n"
        + "body{font-family:sans-serif;margin:2em;max-width:1400px}\n"
        + "table.pck{border-collapse:collapse;margin:1em 0}\n"
        + "table.pck td,table.pck th{border:1px solid #bbb;padding:3px 8px}\n"
        + "table.pck td.num{text-align:right;font-family:monospace}\n"
        + "caption{text-align:left;font-weight:bold;padding:4px 0}\n"
        + ".figures{display:flex;flex-wrap:wrap;gap:12px}\n"
        + "figure{margin:0}figcaption{font-size:12px;max-width:420px}\n"
        + "img{max-width:720px}\n"
        + "</style>\n<script>\n"
        + "window.addEventListener('load', function () {\n"
        + "  var imgs = document.getElementsByTagName('img');\n"
        + "  for (var i = 0; i < imgs.length; i++) {\n"
        + "    imgs[i].setAttribute('data-loaded', imgs[i].complete && imgs[i].naturalWidth > 0 ? 'yes' : 'no');\n"
        + "  }\n"
        + "  document.body.setAttribute('data-images-checked', String(imgs.length));\n"
        + "});\n"
        + "</script>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
  }

  /** HTML text escaping. */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
