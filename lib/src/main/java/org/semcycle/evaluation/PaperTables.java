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
 * Pix3D), then the ground-truth keypoints of the row's cells without a prediction ({@code
 * missing}: a defect of the run) and of images or pairs the run rejected ({@code rejected}). A
 * cell without data is "-".
 *
 * <ul>
 *   <li>table1: method comparison (setting full), chair;
 *   <li>table2: viewpoint ablations of cycle-3d (full, no-vp-from-rgb, no-finetune), chair;
 *   <li>table3: ground-truth substitution (full, gt-2.5d, gt-3d, gt-viewpoint, gt-semantic,
 *       all-gt), chair;
 *   <li>table4 / table5: table1's shape on car / airplane; {@code table1-<cat>} for any other
 *       category present;
 *   <li>what makes an image hard ({@link #HARDNESS}): {@code condition}, Pix3D images by
 *       condition (clean, truncated, occluded) per category; {@code viewpoint}, {@code scale},
 *       {@code truncation}, {@code occlusion}, SPair's pairs by each of their flags, every
 *       category; {@code ambiguity}, the keypoints whose reflection partner is visible too: PCK
 *       on them and the flip rate (predicted at the partner, not at the keypoint), per category,
 *       on pairs where the set has pairs (so cycle and 2D baseline score the same units).
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

  /** The tables of what makes an image hard (and {@code visibility}, made beside these). */
  public static final List<String> HARDNESS = List.of(PckRow.CONDITION, PckRow.VIEWPOINT, PckRow.SCALE,
      PckRow.TRUNCATION, PckRow.OCCLUSION, PckRow.AMBIGUITY, "visibility");

  public static final String CYCLE = "cycle-3d";

  private static final List<String> TAUS = List.of("img", "bbox");

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
    add(out, condition(rows, alpha, categories));
    for (String flag : List.of(PckRow.VIEWPOINT, PckRow.SCALE, PckRow.TRUNCATION, PckRow.OCCLUSION)) {
      add(out, pairFlag(rows, alpha, flag));
    }
    add(out, ambiguity(rows, alpha, categories));
    return out;
  }

  private static void add(List<TextTable> out, TextTable t) {
    if (!t.rows().isEmpty()) {
      out.add(t);
    }
  }

  /** Runs (filtered) x (tau, data set) at one category, averaged per keypoint, with their missing and rejected keypoints. */
  public static TextTable runs(
      String name, String title, List<PckRow> rows, String category, double alpha, Predicate<Run> keep) {
    List<PckRow> sel = rows.stream()
        .filter(r -> r.category().equals(category) && headline(r, alpha) && r.overall())
        .toList();
    List<String> header = new ArrayList<>(List.of("run"));
    List<String[]> cols = new ArrayList<>();
    for (String tau : TAUS) {
      for (String ds : DATASETS) {
        header.add(String.format(Locale.ROOT, "PCK@%.2f %s %s", alpha, tau, ds));
        cols.add(new String[] {tau, ds});
      }
    }
    header.add("missing");
    header.add("rejected");
    List<List<String>> body = new ArrayList<>();
    for (Run run : runsOf(sel)) {
      if (!keep.test(run)) {
        continue;
      }
      List<String> line = new ArrayList<>(List.of(run.label()));
      for (String[] col : cols) {
        line.add(cell(sel, run, col[0], col[1], PckRow.ALL, false));
      }
      List<PckRow> counted = sel.stream().filter(r -> r.tau().equals("img") && matches(r, run)).toList();
      line.add(Long.toString(counted.stream().mapToLong(PckRow::missing).sum()));
      line.add(Long.toString(counted.stream().mapToLong(PckRow::rejected).sum()));
      body.add(line);
    }
    return new TextTable(name, title + String.format(Locale.ROOT, " (PCK@%.2f, averaged per keypoint)", alpha), header, body);
  }

  /** Pix3D images by condition: (category, run) x (tau, clean / truncated / occluded). */
  static TextTable condition(List<PckRow> rows, double alpha, Set<String> categories) {
    List<PckRow> sel = rows.stream()
        .filter(r -> r.breakdown().equals(PckRow.CONDITION) && r.dataset().equals("pix3d") && r.unit().equals("image")
            && r.keypointId() == null && at(r, alpha) && r.averaging().equals(PckRow.PER_KEYPOINT))
        .toList();
    List<String> subsets = PckRow.subsets(PckRow.CONDITION);
    List<String> header = new ArrayList<>(List.of("category", "run"));
    for (String tau : TAUS) {
      for (String sub : subsets) {
        header.add(tau + " " + sub);
      }
    }
    for (String sub : subsets) {
      header.add("keypoints " + sub);
    }
    List<List<String>> body = new ArrayList<>();
    for (String cat : withAll(categories)) {
      List<PckRow> c = sel.stream().filter(r -> r.category().equals(cat)).toList();
      for (Run run : runsOf(c)) {
        List<String> line = new ArrayList<>(List.of(cat, run.label()));
        for (String tau : TAUS) {
          for (String sub : subsets) {
            line.add(cell(c, run, tau, "pix3d", sub, false));
          }
        }
        for (String sub : subsets) {
          line.add(c.stream().filter(r -> matches(r, run) && r.tau().equals("img") && r.subset().equals(sub))
              .map(r -> Long.toString(r.keypoints())).findFirst().orElse("0"));
        }
        body.add(line);
      }
    }
    return new TextTable(PckRow.CONDITION, String.format(Locale.ROOT,
        "PCK@%.2f on Pix3D images by condition (clean: neither truncated nor occluded; averaged per keypoint)", alpha),
        header, body);
  }

  /** Every run x (data set, tau, subset) on the pairs of the sets carrying the flag, every category. */
  static TextTable pairFlag(List<PckRow> rows, double alpha, String flag) {
    List<PckRow> sel = rows.stream()
        .filter(r -> r.category().equals(PckRow.ALL) && r.breakdown().equals(flag) && r.keypointId() == null
            && at(r, alpha) && r.averaging().equals(PckRow.PER_KEYPOINT))
        .toList();
    List<String> datasets = sel.stream().map(PckRow::dataset).distinct().sorted().toList();
    List<String> header = new ArrayList<>(List.of("run"));
    List<String[]> cols = new ArrayList<>();
    for (String ds : datasets) {
      for (String tau : TAUS) {
        for (String sub : PckRow.subsets(flag)) {
          header.add(String.format(Locale.ROOT, "%s %s %s", ds, tau, sub));
          cols.add(new String[] {tau, ds, sub});
        }
      }
    }
    List<List<String>> body = new ArrayList<>();
    for (Run run : runsOf(sel)) {
      List<String> line = new ArrayList<>(List.of(run.label()));
      for (String[] col : cols) {
        line.add(cell(sel, run, col[0], col[1], col[2], false));
      }
      body.add(line);
    }
    return new TextTable(flag, String.format(Locale.ROOT,
        "PCK@%.2f by SPair's %s flag (pairs, every category, averaged per keypoint)", alpha, flagName(flag)),
        header, body);
  }

  private static String flagName(String flag) {
    return switch (flag) {
      case PckRow.VIEWPOINT -> "viewpoint_variation";
      case PckRow.SCALE -> "scale_variation";
      default -> flag;
    };
  }

  /**
   * Ambiguous keypoints: (category, run) x (data set, tau, PCK / flip rate), on pairs where the
   * set has pairs, else on images.
   */
  static TextTable ambiguity(List<PckRow> rows, double alpha, Set<String> categories) {
    List<PckRow> sel = rows.stream()
        .filter(r -> r.breakdown().equals(PckRow.AMBIGUITY) && r.subset().equals("ambiguous") && r.keypointId() == null
            && at(r, alpha) && r.averaging().equals(PckRow.PER_KEYPOINT))
        .toList();
    Set<String> withPairs = new java.util.HashSet<>();
    sel.stream().filter(r -> r.unit().equals("pair")).forEach(r -> withPairs.add(r.dataset()));
    sel = sel.stream().filter(r -> r.unit().equals(withPairs.contains(r.dataset()) ? "pair" : "image")).toList();
    List<String> datasets = DATASETS.stream().filter(ds -> rows.stream().anyMatch(r -> r.dataset().equals(ds))).toList();
    List<String> header = new ArrayList<>(List.of("category", "run"));
    for (String ds : datasets) {
      for (String tau : TAUS) {
        header.add(ds + " " + tau + " PCK");
        header.add(ds + " " + tau + " flip");
      }
    }
    List<List<String>> body = new ArrayList<>();
    for (String cat : withAll(categories)) {
      List<PckRow> c = sel.stream().filter(r -> r.category().equals(cat)).toList();
      for (Run run : runsOf(c)) {
        List<String> line = new ArrayList<>(List.of(cat, run.label()));
        for (String ds : datasets) {
          for (String tau : TAUS) {
            line.add(cell(c, run, tau, ds, "ambiguous", false));
            line.add(cell(c, run, tau, ds, "ambiguous", true));
          }
        }
        body.add(line);
      }
    }
    return new TextTable(PckRow.AMBIGUITY, String.format(Locale.ROOT,
        "PCK@%.2f and flip rate on ambiguous keypoints (reflection partner visible too; flip: within alpha tau of the"
            + " partner and not of the keypoint; pairs where the set has them; averaged per keypoint)", alpha),
        header, body);
  }

  private static List<String> withAll(Set<String> categories) {
    List<String> out = new ArrayList<>(List.of(PckRow.ALL));
    out.addAll(categories);
    return out;
  }

  private static boolean at(PckRow r, double alpha) {
    return Math.abs(r.alpha() - alpha) < 1e-9;
  }

  /** Per-keypoint averaging, all keypoints, the paper's unit for the protocol, at alpha. */
  static boolean headline(PckRow r, double alpha) {
    return r.keypointId() == null
        && at(r, alpha)
        && r.averaging().equals(PckRow.PER_KEYPOINT)
        && r.unit().equals(PckRow.headlineUnit(r.protocol()));
  }

  private static boolean matches(PckRow r, Run run) {
    return r.method().equals(run.method()) && r.setting().equals(run.setting()) && r.protocol().equals(run.protocol());
  }

  private static String cell(List<PckRow> sel, Run run, String tau, String ds, String subset, boolean flip) {
    for (PckRow r : sel) {
      if (matches(r, run) && r.tau().equals(tau) && r.dataset().equals(ds) && r.subset().equals(subset)) {
        double v = flip ? r.flipRate() : r.pck();
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
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
