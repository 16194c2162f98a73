package org.semcycle.evaluation;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.semcycle.benchmarks.BenchmarkFormat;
import org.semcycle.benchmarks.BenchmarkKeypoint;
import org.semcycle.benchmarks.ImageGroundTruth;
import org.semcycle.benchmarks.BenchmarkLayout;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;
import org.semcycle.datasets.pfpascal.PfPascalAnnotation;
import org.semcycle.datasets.pfpascal.PfPascalLayout;
import org.semcycle.datasets.pfpascal.PfPascalPair;
import org.semcycle.datasets.pfpascal.PfPascalReader;
import org.semcycle.datasets.pfpascal.VocClasses;
import org.semcycle.datasets.pix3d.Pix3dReader;
import org.semcycle.datasets.pix3d.Pix3dRecord;
import org.semcycle.datasets.spair.SpairImageAnnotation;
import org.semcycle.datasets.spair.SpairLayout;
import org.semcycle.datasets.spair.SpairPair;
import org.semcycle.datasets.spair.SpairPairName;
import org.semcycle.datasets.spair.SpairReader;
import org.semcycle.datasets.spair.SpairSplit;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.DataRoot;
import org.semcycle.io.ImageHeader;

/**
 * Reads an evaluation set with the data set's own reader into flat {@link GroundTruthRow}s: every
 * visible (labelled) keypoint of every image, and of every test pair's target. Keypoint indices go
 * through the {@link KeypointIdMap} (unmapped ones are not scored); categories are ours ({@link
 * CategoryNames}).
 *
 * <ul>
 *   <li>Pix3D ({@code pix3d.json}): single images only; a keypoint's position is the mean over the
 *       annotators that labelled it ({@code [-1, -1]} = not labelled); the index is the entry's
 *       position, or, where the model folder holds the synthetic sets' sidecar {@code
 *       3d_keypoints_ids.txt}, the semantic id it lists.
 *   <li>SPair-71k: every {@code ImageAnnotation/<cat>/<id>.json} (non-null {@code kps}), and every
 *       pair of the split list (target keypoints {@code trg_kps} with {@code kps_ids}, {@code
 *       trg_imsize}, {@code trg_bndbox}, {@code viewpoint_variation}).
 *   <li>PF-PASCAL: the {@code P/Annotations/<class>/<id>.mat} of every image the test pair list
 *       names (finite rows; image size from the JPEG header of {@code P/JPEGImages/<id>.jpg}; the
 *       release annotates its training and validation images in the same folders, and infer
 *       lists only the test pairs' images), P the release's {@code
 *       PF-dataset-PASCAL}, the root itself or the folder of the pair list's images ({@link
 *       PfPascalLayout}), and every row of {@code test_pairs.csv}: its target keypoints (the
 *       CSV's XB/YB) get the indices visible in both images' annotations (found beside each
 *       image, {@link PfPascalLayout#annotationOf}), in index order, which must be as many as
 *       the row has.
 * </ul>
 *
 * A missing index file (pix3d.json, the split list, test_pairs.csv) raises a {@link
 * DataFormatException} naming it; a record that cannot be read becomes a {@link
 * GroundTruthReject} whose reason names the file.
 */
public final class GroundTruthExtractor {
  /** The rows, rejects and visibility truth of one set. */
  public record Result(List<GroundTruthRow> rows, List<GroundTruthReject> rejects,
      List<VisibilityTruth> visibility) {
    Result() {
      this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }
  }

  /** Pix3D sidecar of the synthetic sets: semantic id per line of 3d_keypoints.txt. */
  public static final String PIX3D_IDS = "3d_keypoints_ids.txt";

  private final KeypointIdMap ids;
  private final CategoryNames names;
  private final SpairSplit split;
  private final KeypointVocabulary vocabulary;

  /**
   * @param vocabulary the keypoint vocabulary whose reflection pairs mark ambiguous keypoints;
   *     null for none
   */
  public GroundTruthExtractor(KeypointIdMap ids, CategoryNames names, SpairSplit split,
      KeypointVocabulary vocabulary) {
    this.ids = ids;
    this.names = names;
    this.split = split;
    this.vocabulary = vocabulary;
  }

  /** Which set a folder holds, from its index files; null when none. */
  public static BenchmarkFormat detect(DataRoot root) {
    if (root.exists(Pix3dReader.INDEX)) {
      return BenchmarkFormat.PIX3D;
    }
    if (!root.list("ImageAnnotation").isEmpty() || !root.list("Layout/large").isEmpty()) {
      return BenchmarkFormat.SPAIR;
    }
    if (root.exists(BenchmarkLayout.PFPASCAL_TEST_PAIRS)) {
      return BenchmarkFormat.PFPASCAL;
    }
    for (String base : PfPascalLayout.BASES) {
      if (!root.list(PfPascalLayout.annotationsDir(base)).isEmpty()) {
        return BenchmarkFormat.PFPASCAL;
      }
    }
    return null;
  }

  /** The ground truth of one set. */
  public Result extract(BenchmarkFormat format, DataRoot root) {
    Result r = switch (format) {
      case PIX3D -> pix3d(root);
      case SPAIR -> spair(root);
      case PFPASCAL -> pfPascal(root);
    };
    List<GroundTruthRow> withPartners = partners(r.rows());
    r.rows().clear();
    r.rows().addAll(withPartners);
    visibility(format, root, r);
    return r;
  }

  /**
   * Each row with its reflection partner's position in the target image, where the partner is
   * labelled there: looked up among the target image's own rows (every set lists each image's
   * labelled keypoints, pair targets included).
   */
  private List<GroundTruthRow> partners(List<GroundTruthRow> rows) {
    if (vocabulary == null) {
      return new ArrayList<>(rows);
    }
    Map<String, double[]> labelled = new HashMap<>();
    for (GroundTruthRow g : rows) {
      if (g.pairId() == null) {
        labelled.put(g.category() + "/" + g.imageId() + "#" + g.keypointId(), new double[] {g.x(), g.y()});
      }
    }
    List<GroundTruthRow> out = new ArrayList<>(rows.size());
    for (GroundTruthRow g : rows) {
      int partner = vocabulary.categories().contains(g.category())
          ? vocabulary.category(g.category()).mirrorOf(g.keypointId()) : -1;
      double[] p = partner < 0 ? null : labelled.get(g.category() + "/" + g.imageId() + "#" + partner);
      out.add(p == null ? g : g.withPartner(p[0], p[1]));
    }
    return out;
  }

  /** Every keypoint of each image's model with its visibility, from {@code semcycle_gt} where the set has it. */
  private static void visibility(BenchmarkFormat format, DataRoot root, Result r) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (GroundTruthRow g : r.rows()) {
      String rel = ImageGroundTruth.path(g.category(), g.imageId());
      if (!seen.add(rel) || !root.exists(rel)) {
        continue;
      }
      try {
        for (BenchmarkKeypoint k : ImageGroundTruth.read(root, rel).keypoints()) {
          r.visibility().add(new VisibilityTruth(format.dir(), g.category(), g.imageId(), k.semanticId(), k.visible()));
        }
      } catch (DataFormatException | IllegalArgumentException | UncheckedIOException e) {
        r.rejects().add(new GroundTruthReject(format.dir(), g.category(), g.imageId(), null, e.getMessage()));
      }
    }
  }

  private Result pix3d(DataRoot root) {
    String ds = BenchmarkFormat.PIX3D.dir();
    Result out = new Result();
    if (!root.exists(Pix3dReader.INDEX)) {
      throw new DataFormatException(root.describe(Pix3dReader.INDEX), "file not found (a Pix3D set needs it)");
    }
    Pix3dReader reader = new Pix3dReader(root);
    Map<String, int[]> sidecars = new HashMap<>();
    for (Pix3dRecord r : reader.readIndex()) {
      String imageId = PairIds.imageId(r.img());
      String cat = names.ours(r.category());
      try {
        int[] semantic = pix3dIds(root, r, sidecars);
        double[][][] kps = r.keypoints2d();
        double tauImg = Pck.tauImg(r.width(), r.height());
        double tauBox = Pck.tauBbox(r.bbox());
        List<GroundTruthRow> rows = new ArrayList<>();
        for (int m = 0; m < r.keypointCount(); m++) {
          double sx = 0;
          double sy = 0;
          int n = 0;
          for (double[][] annotator : kps) {
            if (Pix3dRecord.isLabelled(annotator[m])) {
              sx += annotator[m][0];
              sy += annotator[m][1];
              n++;
            }
          }
          int index = semantic != null ? semantic[m] : m;
          Integer id = ids.semanticId(ds, cat, index);
          if (n > 0 && id != null) {
            rows.add(new GroundTruthRow(ds, cat, imageId, null, id, sx / n, sy / n, tauImg, tauBox, r.img(),
                UnitConditions.image(r.truncated(), r.occluded() || r.slightlyOccluded())));
          }
        }
        out.rows().addAll(dedupe(rows));
      } catch (DataFormatException | IllegalArgumentException | UncheckedIOException e) {
        out.rejects().add(new GroundTruthReject(ds, cat, imageId, null,
            root.describe(Pix3dReader.INDEX) + " record " + r.img() + ": " + e.getMessage()));
      }
    }
    return out;
  }

  private static int[] pix3dIds(DataRoot root, Pix3dRecord r, Map<String, int[]> cache) {
    if (r.keypoints3d() == null) {
      return null;
    }
    int slash = r.keypoints3d().lastIndexOf('/');
    String rel = (slash < 0 ? "" : r.keypoints3d().substring(0, slash + 1)) + PIX3D_IDS;
    if (!cache.containsKey(rel)) {
      cache.put(rel, root.exists(rel) ? parseIds(root.readUtf8(rel), root.describe(rel)) : null);
    }
    int[] out = cache.get(rel);
    if (out != null && out.length != r.keypointCount()) {
      throw new DataFormatException(root.describe(rel), out.length + " ids for " + r.keypointCount()
          + " 2D keypoints of " + r.img());
    }
    return out;
  }

  private static int[] parseIds(String text, String source) {
    List<Integer> out = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String s = lines[i].strip();
      if (!s.isEmpty()) {
        try {
          out.add(Integer.parseInt(s));
        } catch (NumberFormatException e) {
          throw new DataFormatException(source, i + 1, "not a semantic id: '" + s + "'");
        }
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private Result spair(DataRoot root) {
    String ds = BenchmarkFormat.SPAIR.dir();
    Result out = new Result();
    SpairReader reader = new SpairReader(root);
    for (String spairCat : root.list("ImageAnnotation")) {
      if (!SpairPairName.isValidId(spairCat)) {
        continue;
      }
      String cat = names.ours(spairCat);
      for (String file : root.list("ImageAnnotation/" + spairCat)) {
        if (!file.endsWith(".json")) {
          continue;
        }
        String imageId = file.substring(0, file.length() - 5);
        try {
          SpairImageAnnotation a = reader.readImageAnnotation(spairCat, imageId);
          double tauImg = Pck.tauImg(a.imageWidth(), a.imageHeight());
          double tauBox = Pck.tauBbox(a.bndbox());
          List<GroundTruthRow> rows = new ArrayList<>();
          for (int i = 0; i < a.keypointCount(); i++) {
            double[] p = a.keypoint(i);
            Integer id = ids.semanticId(ds, cat, i);
            if (p != null && id != null) {
              rows.add(new GroundTruthRow(ds, cat, a.imageId(), null, id, p[0], p[1], tauImg, tauBox,
                  SpairLayout.image(spairCat, a.imageId()), UnitConditions.image(a.truncated(), a.occluded())));
            }
          }
          out.rows().addAll(dedupe(rows));
        } catch (DataFormatException | IllegalArgumentException | UncheckedIOException e) {
          out.rejects().add(new GroundTruthReject(ds, cat, imageId, null, e.getMessage()));
        }
      }
    }
    String layout = SpairLayout.layout(split);
    if (!root.exists(layout)) {
      throw new DataFormatException(root.describe(layout), "file not found (the SPair " + split.dir()
          + " pair list)");
    }
    for (SpairPairName name : reader.pairNames(split)) {
      String cat = names.ours(name.category());
      try {
        SpairPair p = reader.readPair(split, name);
        int[] size = p.trgImsize();
        double tauImg = Pck.tauImg(size[0], size[1]);
        double tauBox = Pck.tauBbox(p.trgBndbox());
        double[][] trg = p.trgKps();
        List<GroundTruthRow> rows = new ArrayList<>();
        int[] pairIds = p.keypointIds();
        for (int k = 0; k < p.keypointCount(); k++) {
          Integer id = ids.semanticId(ds, cat, pairIds[k]);
          if (id != null && Double.isFinite(trg[k][0]) && Double.isFinite(trg[k][1])) {
            rows.add(new GroundTruthRow(ds, cat, name.trgImageId(), PairIds.spair(name), id, trg[k][0], trg[k][1],
                tauImg, tauBox, SpairLayout.image(name.category(), name.trgImageId()), UnitConditions.of(p)));
          }
        }
        out.rows().addAll(dedupe(rows));
      } catch (DataFormatException | IllegalArgumentException | UncheckedIOException e) {
        out.rejects().add(new GroundTruthReject(ds, cat, name.trgImageId(), PairIds.spair(name), e.getMessage()));
      }
    }
    return out;
  }

  private Result pfPascal(DataRoot root) {
    String ds = BenchmarkFormat.PFPASCAL.dir();
    Result out = new Result();
    String csv = BenchmarkLayout.PFPASCAL_TEST_PAIRS;
    if (!root.exists(csv)) {
      throw new DataFormatException(root.describe(csv), "file not found (the PF-PASCAL test pair list)");
    }
    PfPascalReader reader = new PfPascalReader(root);
    List<PfPascalPair> pairs = reader.readPairs(csv);
    Map<String, PfPascalAnnotation> annotations = new HashMap<>();
    Map<String, double[]> taus = new HashMap<>();
    Set<String> testImages = new HashSet<>();
    for (PfPascalPair p : pairs) {
      testImages.add(p.sourceImage());
      testImages.add(p.targetImage());
    }
    for (String base : pfPascalBases(pairs)) {
      for (String cls : root.list(PfPascalLayout.annotationsDir(base))) {
        if (!VocClasses.NAMES.contains(cls)) {
          continue;
        }
        String cat = names.ours(cls);
        for (String file : root.list(PfPascalLayout.annotationsDir(base) + "/" + cls)) {
          if (!file.endsWith(".mat")) {
            continue;
          }
          String imageId = file.substring(0, file.length() - 4);
          try {
            String image = PfPascalLayout.image(base, imageId);
            if (!testImages.contains(image)) {
              continue;
            }
            PfPascalAnnotation a = annotation(reader, annotations, image, cls);
            double[] tau = pfTaus(root, image, a, taus);
            List<GroundTruthRow> rows = new ArrayList<>();
            double[][] kps = a.kps();
            for (int i = 0; i < a.keypointCount(); i++) {
              Integer id = ids.semanticId(ds, cat, i);
              if (a.isVisible(i) && id != null) {
                rows.add(new GroundTruthRow(ds, cat, imageId, null, id, kps[i][0], kps[i][1], tau[0], tau[1],
                    image, UnitConditions.NONE));
              }
            }
            out.rows().addAll(dedupe(rows));
          } catch (DataFormatException | IllegalArgumentException | UncheckedIOException e) {
            out.rejects().add(new GroundTruthReject(ds, cat, imageId, null, e.getMessage()));
          }
        }
      }
    }
    for (int row = 0; row < pairs.size(); row++) {
      PfPascalPair p = pairs.get(row);
      String cls = p.className();
      String cat = names.ours(cls);
      String src = PairIds.imageId(p.sourceImage());
      String trg = PairIds.imageId(p.targetImage());
      String pairId = PairIds.pfPascal(row, p);
      try {
        if (!p.hasKeypoints()) {
          throw new DataFormatException(root.describe(csv), row + 2, "a test row needs XA;YA;XB;YB keypoints");
        }
        PfPascalAnnotation a = annotation(reader, annotations, p.sourceImage(), cls);
        PfPascalAnnotation b = annotation(reader, annotations, p.targetImage(), cls);
        List<Integer> both = new ArrayList<>();
        for (int i = 0; i < Math.min(a.keypointCount(), b.keypointCount()); i++) {
          if (a.isVisible(i) && b.isVisible(i)) {
            both.add(i);
          }
        }
        double[][] trgKps = p.targetKps();
        if (both.size() != trgKps.length) {
          throw new DataFormatException(root.describe(csv), row + 2, "the row has " + trgKps.length
              + " keypoints but " + both.size() + " are visible in both annotations of " + src + " and " + trg);
        }
        double[] tau = pfTaus(root, p.targetImage(), b, taus);
        List<GroundTruthRow> rows = new ArrayList<>();
        for (int k = 0; k < both.size(); k++) {
          Integer id = ids.semanticId(ds, cat, both.get(k));
          if (id != null) {
            rows.add(new GroundTruthRow(ds, cat, trg, pairId, id, trgKps[k][0], trgKps[k][1], tau[0], tau[1],
                p.targetImage(), UnitConditions.NONE));
          }
        }
        out.rows().addAll(dedupe(rows));
      } catch (DataFormatException | IllegalArgumentException | UncheckedIOException e) {
        out.rejects().add(new GroundTruthReject(ds, cat, trg, pairId, e.getMessage()));
      }
    }
    return out;
  }

  /**
   * The folders P whose {@code P/Annotations/} hold a PF-PASCAL set's annotations: both layouts'
   * ({@link PfPascalLayout#BASES}) and those of the pair list's image paths.
   */
  private static Set<String> pfPascalBases(List<PfPascalPair> pairs) {
    Set<String> out = new LinkedHashSet<>(PfPascalLayout.BASES);
    for (PfPascalPair p : pairs) {
      for (String image : List.of(p.sourceImage(), p.targetImage())) {
        try {
          out.add(PfPascalLayout.base(image));
        } catch (IllegalArgumentException e) {
          // not in a JPEGImages folder: the pair's rows report it
        }
      }
    }
    return out;
  }

  private static PfPascalAnnotation annotation(
      PfPascalReader reader, Map<String, PfPascalAnnotation> cache, String image, String cls) {
    String key = cls + "|" + image;
    PfPascalAnnotation a = cache.get(key);
    if (a == null) {
      a = reader.readAnnotationOf(image, cls);
      cache.put(key, a);
    }
    return a;
  }

  private static double[] pfTaus(DataRoot root, String image, PfPascalAnnotation a, Map<String, double[]> cache) {
    double[] t = cache.get(image);
    if (t == null) {
      ImageHeader h = ImageHeader.read(root, image);
      t = new double[] {Pck.tauImg(h.width(), h.height()), Pck.tauBbox(a.bbox())};
      cache.put(image, t);
    }
    return t;
  }

  /** One row per semantic id of a unit (the first), as a map may send two indices to one id. */
  private static List<GroundTruthRow> dedupe(List<GroundTruthRow> rows) {
    Map<Integer, GroundTruthRow> byId = new LinkedHashMap<>();
    for (GroundTruthRow r : rows) {
      byId.putIfAbsent(r.keypointId(), r);
    }
    return new ArrayList<>(byId.values());
  }
}
