package org.semcycle.jobs.infer;

import org.semcycle.spark.JobOutput;
import ai.djl.Device;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.semcycle.baseline.Baseline2dMatcher;
import org.semcycle.baseline.KeypointMatcher;
import org.semcycle.baseline.MatchedKeypoint;
import org.semcycle.cycle.PairTransfer;
import org.semcycle.evaluation.KeypointIdMap;
import org.semcycle.images.ImagePair;
import org.semcycle.images.ImageTask;
import org.semcycle.io.ImageLoader;
import org.semcycle.jobs.RenderJob;
import org.semcycle.networks.DjlRuntime;
import org.semcycle.spark.HadoopDataRoot;
import org.semcycle.spark.dl.ExecutorModels;
import org.semcycle.spark.dl.LocalModelCopies;

/**
 * The direct 2D-2D baseline on a pair benchmark (method {@code baseline-2d}, setting {@code
 * full}): each labelled source keypoint matched into the target by the dense descriptor net
 * ({@link Baseline2dMatcher}), loaded once per executor JVM. Rows carry the source keypoints'
 * semantic ids ({@link ImagePair#sourceKeypoints}). Each pair yields its rows or a reject with
 * the reason.
 */
final class PairBaselineStage implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String METHOD = "baseline-2d";

  private final Map<String, HadoopDataRoot> setRoots;
  private final HadoopDataRoot model;
  private final long maxPixels;
  private final KeypointIdMap ids;
  private final int torchThreads;

  PairBaselineStage(Map<String, HadoopDataRoot> setRoots, HadoopDataRoot model, long maxPixels,
      KeypointIdMap ids, int torchThreads) {
    this.setRoots = setRoots;
    this.model = model;
    this.maxPixels = maxPixels;
    this.ids = ids;
    this.torchThreads = torchThreads;
  }

  Iterator<InferStage.Result> apply(Iterator<ImagePair> tasks) {
    DjlRuntime.inferenceMode();
    DjlRuntime.threadsForThisThread(torchThreads);
    return apply(tasks, ExecutorModels.get(model.root(), Device.cpu(), d -> load()));
  }

  /** The pairs through {@code matcher}. */
  Iterator<InferStage.Result> apply(Iterator<ImagePair> tasks, KeypointMatcher matcher) {
    List<InferStage.Result> out = new ArrayList<>();
    while (tasks.hasNext()) {
      ImagePair t = tasks.next();
      ImageTask target = t.target(null, null);
      try {
        out.add(new InferStage.Result(target, match(matcher, t, target), List.of(), List.of()));
      } catch (RuntimeException e) {
        Row reject = InferTables.pairReject(t.dataset(), t.category(), target.imageId(), t.pairId(),
            METHOD, "full", JobOutput.reason(e));
        out.add(new InferStage.Result(target, List.of(), List.of(), List.of(reject)));
      }
    }
    return out.iterator();
  }

  private List<Row> match(KeypointMatcher matcher, ImagePair t, ImageTask target) {
    HadoopDataRoot root = setRoots.get(t.dataset());
    ImagePair.Resolved r = t.resolve(root);
    BufferedImage src = ImageLoader.load(root, t.sourceImage(), maxPixels);
    BufferedImage trg = ImageLoader.load(root, t.targetImage(), maxPixels);
    List<PairTransfer.SourceKeypoint> kps = t.sourceKeypoints(r, ids);
    double[][] xy = new double[kps.size()][];
    for (int i = 0; i < xy.length; i++) {
      xy[i] = new double[] {kps.get(i).x(), kps.get(i).y()};
    }
    List<MatchedKeypoint> m = matcher.match(src, r.sourceBox(), xy, trg, r.targetBox());
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < m.size(); i++) {
      MatchedKeypoint k = m.get(i);
      rows.add(RowFactory.create(t.dataset(), t.category(), target.imageId(), t.pairId(), METHOD,
          "full", kps.get(i).id(), k.x(), k.y(), true, k.confidence()));
    }
    return rows;
  }

  private Baseline2dMatcher load() {
    try {
      return Baseline2dMatcher.load(LocalModelCopies.local(model));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the 2D baseline at " + model.root(), e);
    }
  }
}
