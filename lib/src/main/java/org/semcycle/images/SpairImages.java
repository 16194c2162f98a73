package org.semcycle.images;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.semcycle.benchmarks.BenchmarkCategory;
import org.semcycle.datasets.spair.SpairLayout;
import org.semcycle.datasets.spair.SpairPairName;
import org.semcycle.datasets.spair.SpairReader;
import org.semcycle.datasets.spair.SpairSplit;
import org.semcycle.evaluation.PairIds;
import org.semcycle.io.DataRoot;

/** SPair-71k's images (boxes in their image annotations) and its test pairs. */
public final class SpairImages implements ImageSet {
  @Override
  public String name() {
    return "spair";
  }

  @Override
  public Listing list(DataRoot root, List<BenchmarkCategory> cats) {
    SpairReader reader = new SpairReader(root);
    List<ImageTask> tasks = new ArrayList<>();
    Map<String, String> rejects = new LinkedHashMap<>();
    for (String cat : reader.categories()) {
      BenchmarkCategory c = ImageSet.find(cats, cat, BenchmarkCategory::spairName);
      for (String id : reader.imageIds(cat)) {
        if (c == null) {
          rejects.put(cat + "/" + id, "category '" + cat + "' is not in the keypoint vocabulary");
          continue;
        }
        tasks.add(new ImageTask(name(), c.name(), c.synset(), id, SpairLayout.image(cat, id), null,
            SpairLayout.imageAnnotation(cat, id), 0));
      }
    }
    return new Listing(tasks, rejects);
  }

  @Override
  public List<ImagePair> pairs(DataRoot root, List<BenchmarkCategory> cats) {
    List<ImagePair> out = new ArrayList<>();
    if (!ImageSet.hasPairList(root, SpairLayout.layout(SpairSplit.TEST))) {
      return out;
    }
    for (SpairPairName n : new SpairReader(root).pairNames(SpairSplit.TEST)) {
      BenchmarkCategory c = ImageSet.find(cats, n.category(), BenchmarkCategory::spairName);
      if (c != null) {
        out.add(new ImagePair(name(), c.name(), PairIds.spair(n), SpairLayout.image(n.category(), n.srcImageId()),
            SpairLayout.image(n.category(), n.trgImageId()), null, null, null,
            SpairLayout.pairAnnotation(SpairSplit.TEST, n), 0));
      }
    }
    return out;
  }

  @Override
  public double[] box(DataRoot root, ImageTask t) {
    if (t.box() != null || t.boxSource() == null) {
      return t.box();
    }
    return SpairReader.parseImageAnnotation(root.readUtf8(t.boxSource()), root.describe(t.boxSource())).bndbox();
  }
}
