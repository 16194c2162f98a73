package org.semcycle.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.semcycle.datasets.pfpascal.PfPascalCsv;
import org.semcycle.datasets.pfpascal.PfPascalPair;
import org.semcycle.datasets.pfpascal.PfPascalWriter;
import org.semcycle.datasets.pfpascal.VocClasses;
import org.semcycle.datasets.pix3d.Pix3dRecord;
import org.semcycle.datasets.pix3d.Pix3dWriter;
import org.semcycle.datasets.spair.SpairPair;
import org.semcycle.datasets.spair.SpairPairName;
import org.semcycle.datasets.spair.SpairPairs;
import org.semcycle.datasets.spair.SpairSplit;
import org.semcycle.datasets.spair.SpairWriter;
import org.semcycle.io.DataSink;

/**
 * Writes the index files of the evaluation sets from every image's {@link EvaluationRecord}
 * (driver side): {@code pix3d/pix3d.json} (records sorted by image id), SPair's {@code
 * PairAnnotation/test/<name>.json} and {@code Layout/large/test.txt}, and PF-PASCAL's {@code
 * test_pairs.csv} (naming {@code PF-dataset-PASCAL/JPEGImages/<id>.jpg}, as released). Pairs
 * come from {@link BenchmarkPairs} per category (sorted by name), numbered from 1 across
 * categories; SPair and PF-PASCAL share them (PF-PASCAL keeps those of categories with a VOC
 * class). Keypoints of a pair are the ones visible in both images ({@link SpairPairs#make},
 * azimuths in degrees, no mirroring).
 */
public final class BenchmarkIndex {
  private BenchmarkIndex() {}

  /** What the index files hold. */
  public record Counts(
      int images, int pix3dRecords, int spairPairs, int pfpascalImages, int pfpascalPairs,
      Map<String, Integer> imagesPerCategory) {}

  public static Counts write(DataSink out, BenchmarkSpec spec, List<EvaluationRecord> records) throws IOException {
    List<EvaluationRecord> sorted = new ArrayList<>(records);
    sorted.sort(Comparator.comparing(EvaluationRecord::imageId));
    Map<String, List<EvaluationRecord>> byCategory = new TreeMap<>();
    for (EvaluationRecord r : sorted) {
      byCategory.computeIfAbsent(r.category().name(), k -> new ArrayList<>()).add(r);
    }
    Map<String, Integer> perCategory = new TreeMap<>();
    byCategory.forEach((k, v) -> perCategory.put(k, v.size()));
    int pix3d = 0;
    if (spec.formats().contains(BenchmarkFormat.PIX3D)) {
      List<Pix3dRecord> recs = new ArrayList<>();
      for (EvaluationRecord r : sorted) {
        recs.add(BenchmarkFiles.pix3dRecord(r));
      }
      new Pix3dWriter(out.under(BenchmarkFormat.PIX3D.dir())).writeIndex(recs);
      pix3d = recs.size();
    }
    boolean spair = spec.formats().contains(BenchmarkFormat.SPAIR);
    boolean pf = spec.formats().contains(BenchmarkFormat.PFPASCAL);
    List<SpairPairName> names = new ArrayList<>();
    List<PfPascalPair> pfPairs = new ArrayList<>();
    if (spair || pf) {
      SpairWriter spairWriter = new SpairWriter(out.under(BenchmarkFormat.SPAIR.dir()));
      int id = 1;
      for (Map.Entry<String, List<EvaluationRecord>> e : byCategory.entrySet()) {
        for (BenchmarkPairs.Pair p : BenchmarkPairs.sample(spec.seed(), e.getKey(), e.getValue(), spec.pairsPerCategory())) {
          SpairPair sp = pair(id++, p);
          if (spair) {
            spairWriter.writePair(SpairSplit.TEST, sp);
            names.add(sp.name());
          }
          BenchmarkCategory c = p.source().category();
          if (pf && BenchmarkFiles.included(BenchmarkFormat.PFPASCAL, c)) {
            pfPairs.add(PfPascalPair.test(
                BenchmarkLayout.pfPascalImage(p.source()),
                BenchmarkLayout.pfPascalImage(p.target()),
                VocClasses.id(c.vocClass()),
                sp.srcKps(),
                sp.trgKps()));
          }
        }
      }
      if (spair) {
        spairWriter.writeLayout(SpairSplit.TEST, names);
      }
      if (pf) {
        new PfPascalWriter(out.under(BenchmarkFormat.PFPASCAL.dir()))
            .writePairs(BenchmarkLayout.PFPASCAL_TEST_PAIRS, pfPairs, PfPascalCsv.Kind.TEST);
      }
    }
    int pfImages = 0;
    if (pf) {
      for (EvaluationRecord r : sorted) {
        pfImages += BenchmarkFiles.included(BenchmarkFormat.PFPASCAL, r.category()) ? 1 : 0;
      }
    }
    return new Counts(sorted.size(), pix3d, names.size(), pfImages, pfPairs.size(), perCategory);
  }

  /** SPair's pair of two records (keypoints visible in both, by semantic id). */
  public static SpairPair pair(int id, BenchmarkPairs.Pair p) {
    return SpairPairs.make(
        id,
        BenchmarkFiles.spairAnnotation(p.source()),
        BenchmarkFiles.spairAnnotation(p.target()),
        p.source().azimuth(),
        p.target().azimuth(),
        false);
  }
}
