package org.semcycle.jobs.infer;

import ai.djl.Device;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.semcycle.cycle.Cycle;
import org.semcycle.cycle.CycleImage;
import org.semcycle.cycle.CycleNets;
import org.semcycle.cycle.CycleResult;
import org.semcycle.cycle.CycleSetting;
import org.semcycle.cycle.PairTransfer;
import org.semcycle.cycle.PredictedKeypoint;
import org.semcycle.datasets.keypointnet.AnnotationIndex;
import org.semcycle.embedding.KeypointDatabase;
import org.semcycle.embedding.KeypointRecord;
import org.semcycle.embedding.KeypointTransfer;
import org.semcycle.images.CycleInputs;
import org.semcycle.images.ImagePair;
import org.semcycle.images.ImageSet;
import org.semcycle.images.ImageTask;
import org.semcycle.images.TruthSource;
import org.semcycle.networks.DjlRuntime;
import org.semcycle.rendering.camera.Viewpoint;
import org.semcycle.spark.HadoopDataRoot;
import org.semcycle.spark.JobOutput;
import org.semcycle.spark.dl.ExecutorModels;
import org.semcycle.spark.dl.LocalModelCopies;
import org.semcycle.spark.dl.TaskDevice;

/**
 * The infer job's executor side: a partition's images, streamed in batches through the cycle
 * (batch -> cycle -> rows), and the pairs of pair mode. A batch holds images of one category:
 * the nets are those of the category when the models folder has per-category ones ({@code
 * MODELS/<category>/sketch/} ...), else the shared ones ({@code MODELS/sketch/} ...), loaded once
 * per executor JVM and device ({@link ExecutorModels}); the keypoint database once per JVM.
 * Images, boxes and ground truth are read here, next to the data, by the set's lib reader ({@link
 * CycleInputs}). Every image yields, per setting, its keypoint rows or a reject row with the
 * reason.
 */
final class InferStage implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<String, KeypointDatabase> DATABASES = new ConcurrentHashMap<>();

  /** What one image (or pair) produced. */
  record Result(ImageTask task, List<Row> predictions, List<Row> viewpoints, List<Row> timings, List<Row> rejects)
      implements Serializable {
    /** A result without viewpoint rows (pairs, rejects). */
    Result(ImageTask task, List<Row> predictions, List<Row> timings, List<Row> rejects) {
      this(task, predictions, List.of(), timings, rejects);
    }
  }

  private final Map<String, HadoopDataRoot> setRoots;
  private final Map<String, ImageSet> sets;
  private final HadoopDataRoot models;
  private final HadoopDataRoot shapes;
  private final HadoopDataRoot keypoints;
  private final Map<String, String> classBySynset;
  private final String kpdbLocation;
  private final List<KeypointRecord> kpdbRows;
  private final InferSettings settings;
  private final InferPictures pictures;

  InferStage(Map<String, HadoopDataRoot> setRoots, Map<String, ImageSet> sets, HadoopDataRoot models,
      HadoopDataRoot shapes, HadoopDataRoot keypoints, Map<String, String> classBySynset, String kpdbLocation,
      List<KeypointRecord> kpdbRows, InferSettings settings, InferPictures pictures) {
    this.setRoots = setRoots;
    this.sets = sets;
    this.models = models;
    this.shapes = shapes;
    this.keypoints = keypoints;
    this.classBySynset = classBySynset;
    this.kpdbLocation = kpdbLocation;
    this.kpdbRows = kpdbRows;
    this.settings = settings;
    this.pictures = pictures;
  }

  /** A partition's images as a stream of results, one batch of one category at a time. */
  Iterator<Result> apply(Iterator<ImageTask> tasks) {
    Readers readers = new Readers(settings.settings().stream().anyMatch(CycleSetting::needsGroundTruth));
    return new Iterator<>() {
      private final Deque<Result> ready = new ArrayDeque<>();
      private ImageTask pending;

      @Override
      public boolean hasNext() {
        while (ready.isEmpty() && (pending != null || tasks.hasNext())) {
          ready.addAll(batch(nextBatch(), readers));
        }
        return !ready.isEmpty();
      }

      @Override
      public Result next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.poll();
      }

      private List<ImageTask> nextBatch() {
        List<ImageTask> b = new ArrayList<>();
        while (b.size() < settings.batchSize() && (pending != null || tasks.hasNext())) {
          ImageTask t = pending != null ? pending : tasks.next();
          pending = null;
          if (!b.isEmpty() && !b.get(0).category().equals(t.category())) {
            pending = t;
            break;
          }
          b.add(t);
        }
        return b;
      }
    };
  }

  /** One batch of one category through the cycle. */
  private List<Result> batch(List<ImageTask> batch, Readers readers) {
    List<Result> out = new ArrayList<>();
    List<ImageTask> ok = new ArrayList<>();
    List<CycleImage> images = new ArrayList<>();
    for (ImageTask t : batch) {
      try {
        images.add(readers.inputs(t.dataset()).load(t));
        ok.add(t);
      } catch (RuntimeException e) {
        out.add(new Result(t, List.of(), List.of(), List.of(InferTables.reject(t, null, JobOutput.reason(e)))));
      }
    }
    if (ok.isEmpty()) {
      return out;
    }
    CycleNets nets;
    try {
      nets = nets(ok.get(0).category());
    } catch (RuntimeException e) {
      for (ImageTask t : ok) {
        out.add(new Result(t, List.of(), List.of(), List.of(InferTables.reject(t, null, JobOutput.reason(e)))));
      }
      return out;
    }
    List<Cycle.Outcome> outcomes = cycle(nets).run(images, settings.settings());
    for (int i = 0; i < ok.size(); i++) {
      out.add(rows(ok.get(i), images.get(i), outcomes.get(i), nets));
    }
    return out;
  }

  /**
   * Pair mode: both images of each pair through the cycle (the pair settings only), then the
   * source keypoints transferred through the two meshes ({@link PairTransfer}).
   */
  Iterator<Result> applyPairs(Iterator<ImagePair> pairs) {
    Readers readers = new Readers(settings.pairSettings().stream().anyMatch(CycleSetting::needsGroundTruth));
    Map<String, String> synsetOf = new HashMap<>();
    classBySynset.forEach((syn, cls) -> synsetOf.put(cls, syn));
    PairTransfer pt = new PairTransfer(settings.points(), settings.seed(), settings.temperature());
    List<Result> out = new ArrayList<>();
    while (pairs.hasNext()) {
      ImagePair p = pairs.next();
      String syn = synsetOf.get(p.category());
      ImageTask trg = p.target(syn, null);
      try {
        ImagePair.Resolved r = p.resolve(setRoots.get(p.dataset()));
        CycleInputs in = readers.inputs(p.dataset());
        CycleNets nets = nets(p.category());
        List<Cycle.Outcome> o = cycle(nets).run(List.of(in.load(p.source(syn, r.sourceBox())),
            in.load(p.target(syn, r.targetBox()))), settings.pairSettings());
        List<PairTransfer.SourceKeypoint> kps = p.sourceKeypoints(r, settings.keypointIds());
        List<Row> preds = new ArrayList<>();
        List<Row> rejects = new ArrayList<>();
        for (CycleSetting c : settings.pairSettings()) {
          CycleResult a = find(o.get(0), c);
          CycleResult b = find(o.get(1), c);
          if (a == null || b == null) {
            String why = a == null ? "source: " + o.get(0).failures().get(c) : "target: " + o.get(1).failures().get(c);
            rejects.add(InferTables.pairReject(p.dataset(), p.category(), trg.imageId(), p.pairId(),
                InferTables.CYCLE, c.label(), why));
            continue;
          }
          for (PredictedKeypoint k : pt.transfer(nets.embedder(), a, kps, b)) {
            preds.add(InferTables.prediction(trg, p.pairId(), InferTables.CYCLE, c.label(), k));
          }
        }
        out.add(new Result(trg, preds, List.of(), rejects));
      } catch (RuntimeException e) {
        out.add(new Result(trg, List.of(), List.of(), List.of(InferTables.pairReject(p.dataset(),
            p.category(), trg.imageId(), p.pairId(), InferTables.CYCLE, null, JobOutput.reason(e)))));
      }
    }
    return out.iterator();
  }

  private static CycleResult find(Cycle.Outcome o, CycleSetting c) {
    for (CycleResult r : o.results()) {
      if (r.setting() == c) {
        return r;
      }
    }
    return null;
  }

  private Result rows(ImageTask t, CycleImage image, Cycle.Outcome o, CycleNets nets) {
    List<Row> preds = new ArrayList<>();
    List<Row> views = new ArrayList<>();
    List<Row> times = new ArrayList<>();
    List<Row> rejects = new ArrayList<>();
    Viewpoint truth = image.truth() == null || image.truth().camera() == null ? null
        : image.truth().camera().extrinsics().viewpoint();
    for (CycleResult r : o.results()) {
      for (PredictedKeypoint k : r.keypoints()) {
        preds.add(InferTables.prediction(t, null, InferTables.CYCLE, r.setting().label(), k));
      }
      if (r.viewpoint() != null) {
        views.add(InferTables.viewpoint(t, r, truth));
      }
      r.stageMillis().forEach((stage, ms) -> times.add(InferTables.timing(t, null, r.setting().label(), stage, ms)));
    }
    o.failures().forEach((setting, reason) -> rejects.add(InferTables.reject(t, setting.label(), reason)));
    if (pictures != null && settings.visualize().contains(t.key())) {
      pictures.draw(t, o, nets.embedder(), settings.points(), settings.seed());
    }
    return new Result(t, preds, views, times, rejects);
  }

  /** The sets' readers of one partition, sharing a truth source (its meshes cache). */
  private final class Readers {
    private final TruthSource truth;
    private final Map<String, CycleInputs> inputs = new HashMap<>();

    Readers(boolean withTruth) {
      truth = withTruth ? new TruthSource(shapes, keypoints == null ? null
          : new AnnotationIndex(keypoints, classBySynset)) : null;
    }

    CycleInputs inputs(String dataset) {
      return inputs.computeIfAbsent(dataset, d -> new CycleInputs(sets.get(d), setRoots.get(d), truth,
          settings.givenBox(), settings.maxPixels()));
    }
  }

  // ---- nets and database ------------------------------------------------------------------

  private Cycle cycle(CycleNets nets) {
    KeypointDatabase db = DATABASES.computeIfAbsent(kpdbLocation, k -> KeypointDatabase.of(kpdbRows));
    return new Cycle(nets, settings.cycleOptions(new KeypointTransfer(db, settings.transfer())));
  }

  /**
   * The nets of a category: each from {@code MODELS/<category>/<net>/} when the models folder has
   * it, else from {@code MODELS/<net>/} (shared by every category, as the embedder always is).
   */
  private CycleNets nets(String category) {
    DjlRuntime.inferenceMode();
    DjlRuntime.threadsForThisThread(settings.torchThreads());
    Device device = TaskDevice.current();
    boolean own = !models.under(category).list("").isEmpty();
    Function<String, HadoopDataRoot> folder = n -> {
      HadoopDataRoot mine = models.under(category + "/" + n);
      return own && !mine.list("").isEmpty() ? mine : models.under(n);
    };
    String key = models.root() + (own ? "#" + category : "") + "#" + settings.voxelNet();
    return ExecutorModels.get(key, device, d -> load(folder, d));
  }

  private CycleNets load(Function<String, HadoopDataRoot> folder, Device d) {
    try {
      return CycleNets.load(name -> local(folder.apply(name)), settings.voxelNet(), d);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the cycle's nets from " + models.root() + ": " + e.getMessage(), e);
    }
  }

  private static Path local(HadoopDataRoot sub) {
    return sub.list("").isEmpty() ? null : LocalModelCopies.local(sub);
  }
}
