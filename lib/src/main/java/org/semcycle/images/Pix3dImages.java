package org.semcycle.images;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.semcycle.benchmarks.BenchmarkCategory;
import org.semcycle.datasets.pix3d.Pix3dReader;
import org.semcycle.datasets.pix3d.Pix3dRecord;
import org.semcycle.io.DataRoot;

/** Pix3D's images ({@code pix3d.json}), each with the record's box; no pairs. */
public final class Pix3dImages implements ImageSet {
  @Override
  public String name() {
    return "pix3d";
  }

  @Override
  public Listing list(DataRoot root, List<BenchmarkCategory> cats) {
    List<ImageTask> tasks = new ArrayList<>();
    Map<String, String> rejects = new LinkedHashMap<>();
    Pix3dReader.Index index = new Pix3dReader(root).readRecords(Pix3dReader.INDEX);
    for (int i = 0; i < index.rejects().size(); i++) {
      rejects.put("/record" + i, index.rejects().get(i).getMessage());
    }
    for (Pix3dRecord r : index.records()) {
      String id = ImageTask.stem(r.img());
      BenchmarkCategory c = ImageSet.find(cats, r.category(), BenchmarkCategory::name);
      if (c == null) {
        rejects.put(r.category() + "/" + id, "category '" + r.category() + "' is not in the keypoint vocabulary");
        continue;
      }
      double[] box = r.bbox() == null ? null : r.bbox().clone();
      tasks.add(new ImageTask(name(), c.name(), c.synset(), id, r.img(), box, null, 0));
    }
    return new Listing(tasks, rejects);
  }
}
