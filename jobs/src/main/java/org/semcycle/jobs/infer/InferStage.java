package org.semcycle.jobs.infer;

import ai.djl.Device;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Row;
import org.semcycle.benchmarks.ImageGroundTruth;
import org.semcycle.cycle.Cycle;
import org.semcycle.cycle.CycleImage;
import org.semcycle.cycle.CycleNets;
import org.semcycle.cycle.CycleResult;
import org.semcycle.cycle.CycleSetting;
import org.semcycle.cycle.CycleTruth;
import org.semcycle.cycle.PairTransfer;
import org.semcycle.cycle.PredictedKeypoint;
import org.semcycle.datasets.keypointnet.ModelAnnotation;
import org.semcycle.datasets.pfpascal.PfPascalReader;
import org.semcycle.datasets.shapenet.ObjReader;
import org.semcycle.datasets.spair.SpairReader;
import org.semcycle.embedding.KeypointDatabase;
import org.semcycle.embedding.KeypointRecord;
import org.semcycle.embedding.KeypointTransfer;
import org.semcycle.embedding.TransferredKeypoint;
import org.semcycle.geometry.Mesh;
import org.semcycle.io.ImageLoader;
import org.semcycle.jobs.RenderJob;
import org.semcycle.networks.DjlRuntime;
import org.semcycle.rendering.FloatImage;
import org.semcycle.rendering.ImageCodec;
import org.semcycle.spark.HadoopDataRoot;
import org.semcycle.spark.dl.Batches;
import org.semcycle.spark.dl.ExecutorModels;
import org.semcycle.spark.dl.LocalModelCopies;
import org.semcycle.spark.dl.TaskDevice;

/**
 * The infer job's executor side: a partition of images through the cycle in batches. The nets
 * are loaded once per executor JVM and device ({@link ExecutorModels}), the keypoint database
 * once per JVM; images, boxes and ground truth are read here, next to the data. Every image
 * yields, per setting, either its keypoint rows or a reject row with the reason.
 */
final class InferStage implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<String, KeypointDatabase> DATABASES = new ConcurrentHashMap<>();

  /** What one image produced. */
  record Result(InferTask task, List<Row> predictions, List<Row> timings, List<Row> rejects)
      implements Serializable {}

  private final Map<String, HadoopDataRoot> setRoots;
  private final HadoopDataRoot models;
  private final HadoopDataRoot shapes;
  private final HadoopDataRoot keypoints;
  private final Map<String, String> classBySynset;
  private final String kpdbLocation;
  private final List<KeypointRecord> kpdbRows;
  private final InferSettings settings;
  private final InferPictures pictures;

  InferStage(Map<String, HadoopDataRoot> setRoots, HadoopDataRoot models, HadoopDataRoot shapes,
      HadoopDataRoot keypoints, Map<String, String> classBySynset, String kpdbLocation,
      List<KeypointRecord> kpdbRows, InferSettings settings, InferPictures pictures) {
    this.setRoots = setRoots;
    this.models = models;
    this.shapes = shapes;
    this.keypoints = keypoints;
    this.classBySynset = classBySynset;
    this.kpdbLocation = kpdbLocation;
    this.kpdbRows = kpdbRows;
    this.settings = settings;
    this.pictures = pictures;
  }

  private CycleNets nets() {
    DjlRuntime.inferenceMode();
    Device device = TaskDevice.current();
    return ExecutorModels.get(models.root() + "#" + settings.voxelNet(), device, this::loadNets);
  }

  private Cycle cycle(CycleNets nets) {
    KeypointDatabase db = DATABASES.computeIfAbsent(kpdbLocation, k -> KeypointDatabase.of(kpdbRows));
    return new Cycle(nets, settings.cycleOptions(new KeypointTransfer(db, settings.transfer())));
  }

  /**
   * Pair mode: both images of each pair through the cycle (the pair settings only), then the
   * source keypoints transferred through the two meshes ({@link PairTransfer}).
   */
  Iterator<Result> applyPairs(Iterator<PairTask> pairs) {
    CycleNets nets = nets();
    Cycle cycle = cycle(nets);
    RenderJob.AnnotationCache annotations =
        keypoints == null ? null : new RenderJob.AnnotationCache(keypoints, classBySynset);
    Map<String, Mesh> meshes = new HashMap<>();
    Map<String, String> synsetOf = new HashMap<>();
    classBySynset.forEach((syn, cls) -> synsetOf.put(cls, syn));
    PairTransfer pt = new PairTransfer(settings.points(), settings.seed(), settings.temperature());
    List<Result> out = new ArrayList<>();
    while (pairs.hasNext()) {
      PairTask p = pairs.next();
      String syn = synsetOf.get(p.category());
      InferTask trg = new InferTask(p.dataset(), p.category(), syn,
          InferTasks.stem(p.targetImage()), p.targetImage(), null, null, p.vocClassId());
      try {
        HadoopDataRoot root = setRoots.get(p.dataset());
        PairTask.Resolved r = p.resolve(root);
        InferTask src = new InferTask(p.dataset(), p.category(), syn,
            InferTasks.stem(p.sourceImage()), p.sourceImage(), r.sourceBox(), null, p.vocClassId());
        InferTask trgBoxed = new InferTask(p.dataset(), p.category(), syn, trg.imageId(),
            p.targetImage(), r.targetBox(), null, p.vocClassId());
        List<Cycle.Outcome> o = cycle.run(List.of(image(src, annotations, meshes),
            image(trgBoxed, annotations, meshes)), settings.pairSettings());
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
            p.category(), trg.imageId(), p.pairId(), InferTables.CYCLE, null, RenderJob.reason(e)))));
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

  Iterator<Result> apply(Iterator<InferTask> tasks) {
    CycleNets nets = nets();
    Cycle cycle = cycle(nets);
    RenderJob.AnnotationCache annotations =
        keypoints == null ? null : new RenderJob.AnnotationCache(keypoints, classBySynset);
    Map<String, Mesh> meshes = new HashMap<>();
    List<Result> out = new ArrayList<>();
    Iterator<List<InferTask>> batches = Batches.of(tasks, settings.batchSize());
    while (batches.hasNext()) {
      List<InferTask> batch = batches.next();
      List<InferTask> ok = new ArrayList<>();
      List<CycleImage> images = new ArrayList<>();
      for (InferTask t : batch) {
        try {
          images.add(image(t, annotations, meshes));
          ok.add(t);
        } catch (RuntimeException e) {
          List<Row> rejects = new ArrayList<>();
          rejects.add(InferTables.reject(t, null, RenderJob.reason(e)));
          out.add(new Result(t, List.of(), List.of(), rejects));
        }
      }
      List<Cycle.Outcome> outcomes = cycle.run(images, settings.settings());
      for (int i = 0; i < ok.size(); i++) {
        out.add(rows(ok.get(i), outcomes.get(i), nets));
      }
    }
    return out.iterator();
  }

  private Result rows(InferTask t, Cycle.Outcome o, CycleNets nets) {
    List<Row> preds = new ArrayList<>();
    List<Row> times = new ArrayList<>();
    List<Row> rejects = new ArrayList<>();
    for (CycleResult r : o.results()) {
      for (PredictedKeypoint k : r.keypoints()) {
        preds.add(InferTables.prediction(t, null, InferTables.CYCLE, r.setting().label(), k));
      }
      r.stageMillis().forEach((stage, ms) -> times.add(InferTables.timing(t, null, r.setting().label(), stage, ms)));
    }
    o.failures().forEach((setting, reason) -> rejects.add(InferTables.reject(t, setting.label(), reason)));
    if (pictures != null && settings.visualize().contains(key(t))) {
      pictures.draw(t, o, nets.embedder(), settings.points(), settings.seed());
    }
    return new Result(t, preds, times, rejects);
  }

  /** Reads the image, its box and (when a setting needs it) its ground truth. */
  private CycleImage image(InferTask t, RenderJob.AnnotationCache annotations,
      Map<String, Mesh> meshes) {
    HadoopDataRoot root = setRoots.get(t.dataset());
    BufferedImage img = ImageLoader.load(root, t.imagePath(), settings.maxPixels());
    double[] box = !settings.givenBox() ? null : t.box() != null ? t.box() : readBox(root, t);
    CycleTruth truth = null;
    if (settings.settings().stream().anyMatch(CycleSetting::needsGroundTruth)) {
      truth = truth(root, t, annotations, meshes);
    }
    return new CycleImage(t.dataset() + "/" + t.imageId(), t.synset(), img, box, truth);
  }

  private static double[] readBox(HadoopDataRoot root, InferTask t) {
    return switch (t.dataset()) {
      case "spair" -> SpairReader.parseImageAnnotation(root.readUtf8(t.boxSource()),
          root.describe(t.boxSource())).bndbox();
      case "pfpascal" -> new PfPascalReader(root).readAnnotationOf(t.imagePath(), t.vocClassId()).bbox();
      default -> null;
    };
  }

  /**
   * The image's ground truth: camera and 2.5D maps from {@code semcycle_gt/}, the true mesh and
   * keypoints from the ShapeNet / KeypointNet roots when given. Missing parts stay null (the
   * settings that need them are rejected for this image with the reason).
   */
  private CycleTruth truth(HadoopDataRoot root, InferTask t, RenderJob.AnnotationCache annotations,
      Map<String, Mesh> meshes) {
    String rel = ImageGroundTruth.path(t.category(), t.imageId());
    if (!root.exists(rel)) {
      return null;
    }
    ImageGroundTruth g = ImageGroundTruth.read(root, rel);
    FloatImage depth = ImageCodec.decodeDepth(root.readBytes(g.depthPath(), 64L << 20),
        g.depthMin(), g.depthMax(), root.describe(g.depthPath()));
    FloatImage normals = ImageCodec.decodeNormals(root.readBytes(g.normalsPath(), 64L << 20),
        root.describe(g.normalsPath()));
    FloatImage sil = ImageCodec.decodeSilhouette(root.readBytes(g.silhouettePath(), 64L << 20),
        root.describe(g.silhouettePath()));
    Mesh mesh = null;
    if (shapes != null) {
      String obj = g.synset() + "/" + g.modelId() + "/models/model_normalized.obj";
      mesh = meshes.computeIfAbsent(obj, o -> shapes.exists(o) ? ObjReader.read(shapes, o) : null);
    }
    List<TransferredKeypoint> kps = null;
    if (annotations != null) {
      ModelAnnotation a = annotations.find(g.synset(), g.modelId());
      kps = a == null ? null : KeypointTransfer.groundTruth(a);
    }
    return new CycleTruth(g.camera(), mesh, kps, depth, normals, sil, g.depthMin(), g.depthMax());
  }

  private CycleNets loadNets(Device d) {
    try {
      return CycleNets.load(name -> localNet(name), settings.voxelNet(), d);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the cycle's nets from " + models.root(), e);
    }
  }

  private Path localNet(String name) {
    HadoopDataRoot sub = models.under(name);
    if (sub.list("").isEmpty()) {
      return null;
    }
    return LocalModelCopies.local(sub);
  }

  /** dataset/category/image id: how the driver names the images to draw. */
  static String key(InferTask t) {
    return t.dataset() + "/" + t.category() + "/" + t.imageId();
  }
}
