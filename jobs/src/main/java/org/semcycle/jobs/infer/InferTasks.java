package org.semcycle.jobs.infer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.semcycle.benchmarks.BenchmarkCategory;
import org.semcycle.benchmarks.BenchmarkLayout;
import org.semcycle.datasets.pfpascal.PfPascalLayout;
import org.semcycle.datasets.pfpascal.PfPascalPair;
import org.semcycle.datasets.pfpascal.PfPascalReader;
import org.semcycle.datasets.pfpascal.VocClasses;
import org.semcycle.datasets.pix3d.Pix3dReader;
import org.semcycle.datasets.pix3d.Pix3dRecord;
import org.semcycle.datasets.spair.SpairLayout;
import org.semcycle.datasets.spair.SpairReader;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.DataRoot;

/**
 * The driver's listing of an evaluation set's images, read with the data set's own reader. An
 * image of a category the keypoint vocabulary lacks is a reject (with the reason), not a task.
 */
public final class InferTasks {
  private InferTasks() {}

  /** Tasks and listing rejects (reason per image id). */
  public record Listing(List<InferTask> tasks, Map<String, String> rejects) {}

  public static final List<String> DATASETS = List.of("pix3d", "spair", "pfpascal");

  public static Listing list(String dataset, DataRoot root, List<BenchmarkCategory> categories) {
    return switch (dataset.toLowerCase(Locale.ROOT)) {
      case "pix3d" -> pix3d(root, categories);
      case "spair" -> spair(root, categories);
      case "pfpascal" -> pfpascal(root, categories);
      default -> throw new IllegalArgumentException(
          "unknown data set '" + dataset + "'; one of " + DATASETS);
    };
  }

  static Listing pix3d(DataRoot root, List<BenchmarkCategory> cats) {
    List<InferTask> tasks = new ArrayList<>();
    Map<String, String> rejects = new LinkedHashMap<>();
    Pix3dReader.Index index = new Pix3dReader(root).readRecords(Pix3dReader.INDEX);
    for (int i = 0; i < index.rejects().size(); i++) {
      rejects.put("/record" + i, index.rejects().get(i).getMessage());
    }
    for (Pix3dRecord r : index.records()) {
      String id = stem(r.img());
      BenchmarkCategory c = find(cats, r.category(), x -> x.name());
      if (c == null) {
        rejects.put(r.category() + "/" + id, "category '" + r.category() + "' is not in the keypoint vocabulary");
        continue;
      }
      double[] box = r.bbox() == null ? null : r.bbox().clone();
      tasks.add(new InferTask("pix3d", c.name(), c.synset(), id, r.img(), box, null, 0));
    }
    return new Listing(tasks, rejects);
  }

  static Listing spair(DataRoot root, List<BenchmarkCategory> cats) {
    SpairReader reader = new SpairReader(root);
    List<InferTask> tasks = new ArrayList<>();
    Map<String, String> rejects = new LinkedHashMap<>();
    for (String cat : reader.categories()) {
      BenchmarkCategory c = find(cats, cat, BenchmarkCategory::spairName);
      for (String id : reader.imageIds(cat)) {
        if (c == null) {
          rejects.put(cat + "/" + id, "category '" + cat + "' is not in the keypoint vocabulary");
          continue;
        }
        tasks.add(new InferTask("spair", c.name(), c.synset(), id, SpairLayout.image(cat, id),
            null, SpairLayout.imageAnnotation(cat, id), 0));
      }
    }
    return new Listing(tasks, rejects);
  }

  static Listing pfpascal(DataRoot root, List<BenchmarkCategory> cats) {
    PfPascalReader reader = new PfPascalReader(root);
    Map<String, InferTask> byImage = new LinkedHashMap<>();
    Map<String, String> rejects = new LinkedHashMap<>();
    var index = reader.readPairsEach(BenchmarkLayout.PFPASCAL_TEST_PAIRS);
    for (int i = 0; i < index.rejects().size(); i++) {
      rejects.put("/pairs-line" + i, index.rejects().get(i).getMessage());
    }
    for (var entry : index.pairs()) {
      PfPascalPair p = entry.pair();
      String cls = VocClasses.NAMES.get(p.classId() - 1);
      BenchmarkCategory c = find(cats, cls, x -> x.vocClass() == null ? "" : x.vocClass());
      for (String img : new String[] {p.sourceImage(), p.targetImage()}) {
        String id = stem(img);
        if (c == null) {
          rejects.put(cls + "/" + id, "class '" + cls + "' is not in the keypoint vocabulary");
          continue;
        }
        if (byImage.containsKey(img)) {
          continue;
        }
        try {
          byImage.put(img, new InferTask("pfpascal", c.name(), c.synset(), id, img, null,
              PfPascalLayout.annotationOf(img, cls), p.classId()));
        } catch (IllegalArgumentException e) {
          rejects.put(cls + "/" + id, new DataFormatException(
              root.describe(BenchmarkLayout.PFPASCAL_TEST_PAIRS), entry.row() + 2, e.getMessage()).getMessage());
        }
      }
    }
    return new Listing(new ArrayList<>(byImage.values()), rejects);
  }

  /**
   * The pairs of a pair benchmark (SPair test split, PF-PASCAL test pairs) for pair mode and the
   * 2D baseline; none (with a message) when the set has no pair list.
   */
  public static List<PairTask> pairs(String dataset, DataRoot root, List<BenchmarkCategory> cats) {
    List<PairTask> out = new ArrayList<>();
    if (!dataset.equals("spair") && !dataset.equals("pfpascal")) {
      return out;
    }
    String list = dataset.equals("spair")
        ? SpairLayout.layout(org.semcycle.datasets.spair.SpairSplit.TEST)
        : BenchmarkLayout.PFPASCAL_TEST_PAIRS;
    if (!root.exists(list)) {
      System.err.println("infer: " + root.describe(list) + " not found: no pairs from this set"
          + " (pair mode and the 2D baseline skip it; its images are still predicted)");
      return out;
    }
    if (dataset.equals("spair")) {
      for (org.semcycle.datasets.spair.SpairPairName n
          : new SpairReader(root).pairNames(org.semcycle.datasets.spair.SpairSplit.TEST)) {
        BenchmarkCategory c = find(cats, n.category(), BenchmarkCategory::spairName);
        if (c != null) {
          out.add(new PairTask("spair", c.name(), org.semcycle.evaluation.PairIds.spair(n),
              SpairLayout.image(n.category(), n.srcImageId()),
              SpairLayout.image(n.category(), n.trgImageId()), null, null, null,
              SpairLayout.pairAnnotation(org.semcycle.datasets.spair.SpairSplit.TEST, n), 0));
        }
      }
    } else if (dataset.equals("pfpascal")) {
      for (var entry : new PfPascalReader(root).readPairsEach(BenchmarkLayout.PFPASCAL_TEST_PAIRS).pairs()) {
        int i = entry.row();
        PfPascalPair p = entry.pair();
        String cls = VocClasses.NAMES.get(p.classId() - 1);
        BenchmarkCategory c = find(cats, cls, x -> x.vocClass() == null ? "" : x.vocClass());
        if (c != null) {
          out.add(new PairTask("pfpascal", c.name(), org.semcycle.evaluation.PairIds.pfPascal(i, p),
              p.sourceImage(), p.targetImage(), null, null, p.sourceKps(), cls, p.classId()));
        }
      }
    }
    return out;
  }

  private static BenchmarkCategory find(List<BenchmarkCategory> cats, String name,
      java.util.function.Function<BenchmarkCategory, String> key) {
    for (BenchmarkCategory c : cats) {
      if (key.apply(c).equals(name)) {
        return c;
      }
    }
    return null;
  }

  /** File name without folder and extension. */
  public static String stem(String path) {
    String n = path.substring(path.lastIndexOf('/') + 1);
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
