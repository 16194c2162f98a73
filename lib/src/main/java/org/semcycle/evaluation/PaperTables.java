package org.semcycle.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The paper's table shapes from aggregated {@link PckRow}s, at one alpha, averaged per keypoint
 * (as the paper), over the unit the paper scores (single-image predictions: images; pair-mode
 * predictions: pairs). Rows are runs ({@code method / setting}, with {@code (pairs)} for
 * pair-mode predictions); columns tau x data set in the paper's order (PF-PASCAL, SPair-71k,
 * Pix3D). A cell without data is "-".
 *
 * <ul>
 *   <li>table1: method comparison (setting full), chair;
 *   <li>table2: viewpoint ablations of cycle-3d (full, no-vp-from-rgb, no-finetune), chair;
 *   <li>table3: ground-truth substitution (full, gt-2.5d, gt-3d, gt-viewpoint, gt-semantic,
 *       all-gt), chair;
 *   <li>table4 / table5: table1's shape on car / airplane; {@code table1-<cat>} for any other
 *       category present;
 *   <li>viewpoint: every run on SPair's pairs split by viewpoint variation (easy, medium, hard),
 *       every category.
 * </ul>
 */
public final class PaperTables {
  /** Data sets in the paper's column order. */
  public static final List<String> DATASETS = List.of("pfpascal", "spair", "pix3d");

  /** Ablation settings of table 2. */
  public static final List<String> VIEWPOINT_ABLATIONS = List.of("full", "no-vp-from-rgb", "no-finetune");

  /** Settings of table 3. */
  public static final List<String> GT_SUBSTITUTION =
      List.of("full", "gt-2.5d", "gt-3d", "gt-viewpoint", "gt-semantic", "all-gt");

  /** Every setting, in docs/TABLES.md's order (others sort after, by name). */
  public static final List<String> SETTINGS = List.of(
      "full", "no-vp-from-rgb", "no-finetune", "gt-2.5d", "gt-3d", "gt-viewpoint", "gt-semantic", "all-gt");

  public static final String CYCLE = "cycle-3d";

  private static final List<String> TAUS = List.of("img", "bbox");
  private static final List<String> VIEWPOINTS = List.of("easy", "medium", "hard");

  private PaperTables() {}

  /** A run: method, setting and protocol. */
  public record Run(String method, String setting, String protocol) {
    public String label() {
      return method + " / " + setting + ("pair".equals(protocol) ? " (pairs)" : "");
    }
  }

  /** Every table of this class that has at least one row. */
  public static List<TextTable> all(List<PckRow> rows, double alpha) {
    List<TextTable> out = new ArrayList<>();
    Set<String> categories = new LinkedHashSet<>();
    rows.stream().map(PckRow::category).filter(c -> !PckRow.ALL.equals(c)).sorted().forEach(categories::add);
    add(out, runs("table1", "Table 1: method comparison, chair", rows, "chair", alpha, r -> r.setting().equals("full")));
    add(out, runs("table2", "Table 2: viewpoint ablations, chair", rows, "chair", alpha,
        r -> r.method().equals(CYCLE) && VIEWPOINT_ABLATIONS.contains(r.setting())));
    add(out, runs("table3", "Table 3: ground-truth substitution, chair", rows, "chair", alpha,
        r -> r.method().equals(CYCLE) && GT_SUBSTITUTION.contains(r.setting())));
    add(out, runs("table4", "Table 4: method comparison, car", rows, "car", alpha, r -> r.setting().equals("full")));
    add(out, runs("table5", "Table 5: method comparison, airplane", rows, "airplane", alpha, r -> r.setting().equals("full")));
    for (String c : categories) {
      if (!List.of("chair", "car", "airplane").contains(c)) {
        add(out, runs("table1-" + c, "Method comparison, " + c, rows, c, alpha, r -> r.setting().equals("full")));
      }
    }
    add(out, viewpoint(rows, alpha));
    return out;
  }

  private static void add(List<TextTable> out, TextTable t) {
    if (!t.rows().isEmpty()) {
      out.add(t);
    }
  }

  /** Runs (filtered) x (tau, data set) at one category, averaged per keypoint. */
  public static TextTable runs(
      String name, String title, List<PckRow> rows, String category, double alpha, Predicate<Run> keep) {
    List<PckRow> sel = rows.stream()
        .filter(r -> r.category().equals(category) && headline(r, alpha) && r.viewpoint() == null)
        .toList();
    List<String> header = new ArrayList<>(List.of("run"));
    List<String[]> cols = new ArrayList<>();
    for (String tau : TAUS) {
      for (String ds : DATASETS) {
        header.add(String.format(Locale.ROOT, "PCK@%.2f %s %s", alpha, tau, ds));
        cols.add(new String[] {tau, ds});
      }
    }
    List<List<String>> body = new ArrayList<>();
    for (Run run : runsOf(sel)) {
      if (!keep.test(run)) {
        continue;
      }
      List<String> line = new ArrayList<>(List.of(run.label()));
      for (String[] col : cols) {
        line.add(cell(sel, run, col[0], col[1], null));
      }
      body.add(line);
    }
    return new TextTable(name, title + String.format(Locale.ROOT, " (PCK@%.2f, averaged per keypoint)", alpha), header, body);
  }

  /** Every run x (tau, viewpoint) on the data sets with viewpoint rows, every category. */
  public static TextTable viewpoint(List<PckRow> rows, double alpha) {
    List<PckRow> sel = rows.stream()
        .filter(r -> r.category().equals(PckRow.ALL) && r.viewpoint() != null && r.keypointId() == null
            && Math.abs(r.alpha() - alpha) < 1e-9 && r.averaging().equals(PckRow.PER_KEYPOINT))
        .toList();
    List<String> datasets = sel.stream().map(PckRow::dataset).distinct().sorted().toList();
    List<String> header = new ArrayList<>(List.of("run"));
    List<String[]> cols = new ArrayList<>();
    for (String ds : datasets) {
      for (String tau : TAUS) {
        for (String vp : VIEWPOINTS) {
          header.add(String.format(Locale.ROOT, "%s %s %s", ds, tau, vp));
          cols.add(new String[] {tau, ds, vp});
        }
      }
    }
    List<List<String>> body = new ArrayList<>();
    for (Run run : runsOf(sel)) {
      List<String> line = new ArrayList<>(List.of(run.label()));
      for (String[] col : cols) {
        line.add(cell(sel, run, col[0], col[1], col[2]));
      }
      body.add(line);
    }
    return new TextTable("viewpoint",
        String.format(Locale.ROOT, "PCK@%.2f by viewpoint variation (pairs, every category, averaged per keypoint)", alpha),
        header, body);
  }

  /** Per-keypoint averaging, all keypoints, the paper's unit for the protocol, at alpha. */
  static boolean headline(PckRow r, double alpha) {
    return r.keypointId() == null
        && Math.abs(r.alpha() - alpha) < 1e-9
        && r.averaging().equals(PckRow.PER_KEYPOINT)
        && r.unit().equals(PckRow.headlineUnit(r.protocol()));
  }

  private static String cell(List<PckRow> sel, Run run, String tau, String ds, String vp) {
    for (PckRow r : sel) {
      if (r.method().equals(run.method()) && r.setting().equals(run.setting()) && r.protocol().equals(run.protocol())
          && r.tau().equals(tau) && r.dataset().equals(ds) && (vp == null || vp.equals(r.viewpoint()))) {
        return String.format(Locale.ROOT, "%.3f", r.pck());
      }
    }
    return "-";
  }

  /** Distinct runs: cycle-3d first, then by method; settings in {@link #SETTINGS} order; single before pair. */
  public static List<Run> runsOf(List<PckRow> rows) {
    Set<Run> runs = new LinkedHashSet<>();
    for (PckRow r : rows) {
      runs.add(new Run(r.method(), r.setting(), r.protocol()));
    }
    List<Run> out = new ArrayList<>(runs);
    out.sort(Comparator.comparing((Run r) -> !r.method().equals(CYCLE))
        .thenComparing(Run::method)
        .thenComparing(r -> SETTINGS.contains(r.setting()) ? SETTINGS.indexOf(r.setting()) : SETTINGS.size())
        .thenComparing(Run::setting)
        .thenComparing(Run::protocol, Comparator.comparing(p -> !p.equals("single"))));
    return out;
  }
}
