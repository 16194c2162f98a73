package org.semcycle.images;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.semcycle.benchmarks.BenchmarkCategory;
import org.semcycle.benchmarks.BenchmarkLayout;
import org.semcycle.datasets.pfpascal.PfPascalLayout;
import org.semcycle.datasets.pfpascal.PfPascalPair;
import org.semcycle.datasets.pfpascal.PfPascalReader;
import org.semcycle.datasets.pfpascal.VocClasses;
import org.semcycle.evaluation.PairIds;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.DataRoot;

/**
 * PF-PASCAL's images, as its test pair list names them (boxes in the MAT annotations beside each
 * image's {@code JPEGImages} folder), and its test pairs.
 */
public final class PfPascalImages implements ImageSet {
  @Override
  public String name() {
    return "pfpascal";
  }

  @Override
  public Listing list(DataRoot root, List<BenchmarkCategory> cats) {
    PfPascalReader reader = new PfPascalReader(root);
    Map<String, ImageTask> byImage = new LinkedHashMap<>();
    Map<String, String> rejects = new LinkedHashMap<>();
    var index = reader.readPairsEach(BenchmarkLayout.PFPASCAL_TEST_PAIRS);
    for (int i = 0; i < index.rejects().size(); i++) {
      rejects.put("/pairs-line" + i, index.rejects().get(i).getMessage());
    }
    for (var entry : index.pairs()) {
      PfPascalPair p = entry.pair();
      String cls = VocClasses.NAMES.get(p.classId() - 1);
      BenchmarkCategory c = ImageSet.find(cats, cls, x -> x.vocClass() == null ? "" : x.vocClass());
      for (String img : new String[] {p.sourceImage(), p.targetImage()}) {
        String id = ImageTask.stem(img);
        if (c == null) {
          rejects.put(cls + "/" + id, "class '" + cls + "' is not in the keypoint vocabulary");
          continue;
        }
        if (byImage.containsKey(img)) {
          continue;
        }
        try {
          byImage.put(img, new ImageTask(name(), c.name(), c.synset(), id, img, null,
              PfPascalLayout.annotationOf(img, cls), p.classId()));
        } catch (IllegalArgumentException e) {
          rejects.put(cls + "/" + id, new DataFormatException(
              root.describe(BenchmarkLayout.PFPASCAL_TEST_PAIRS), entry.row() + 2, e.getMessage()).getMessage());
        }
      }
    }
    return new Listing(new ArrayList<>(byImage.values()), rejects);
  }

  @Override
  public List<ImagePair> pairs(DataRoot root, List<BenchmarkCategory> cats) {
    List<ImagePair> out = new ArrayList<>();
    if (!ImageSet.hasPairList(root, BenchmarkLayout.PFPASCAL_TEST_PAIRS)) {
      return out;
    }
    for (var entry : new PfPascalReader(root).readPairsEach(BenchmarkLayout.PFPASCAL_TEST_PAIRS).pairs()) {
      PfPascalPair p = entry.pair();
      String cls = VocClasses.NAMES.get(p.classId() - 1);
      BenchmarkCategory c = ImageSet.find(cats, cls, x -> x.vocClass() == null ? "" : x.vocClass());
      if (c != null) {
        out.add(new ImagePair(name(), c.name(), PairIds.pfPascal(entry.row(), p), p.sourceImage(), p.targetImage(),
            null, null, p.sourceKps(), cls, p.classId()));
      }
    }
    return out;
  }

  @Override
  public double[] box(DataRoot root, ImageTask t) {
    if (t.box() != null) {
      return t.box();
    }
    return new PfPascalReader(root).readAnnotationOf(t.imagePath(), t.vocClassId()).bbox();
  }
}
