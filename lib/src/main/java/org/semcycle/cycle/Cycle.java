package org.semcycle.cycle;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.semcycle.cycle.crop.CropSampler;
import org.semcycle.cycle.crop.ObjectCrop;
import org.semcycle.cycle.viewpoint.ViewpointFitter;
import org.semcycle.embedding.TransferredKeypoint;
import org.semcycle.geometry.Mesh;
import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Viewpoint;

/**
 * The 2D-3D-2D cycle over a batch of images, for a set of ablation settings: crop -> SketchNet ->
 * VoxelNet -> marching cubes -> ViewNet -> silhouette fine-tuning -> keypoint transfer ->
 * projection with visibility. The networks run once per batch (one forward pass each); what
 * several settings of one image share (the predicted sketch, mesh, transfer, fit) is computed
 * once. A setting that fails for an image (no object found, missing ground truth) is reported
 * with its reason, never dropped.
 */
public final class Cycle {
  /** Stage names, as reported in {@link CycleResult#stageMillis()} and the timings table. */
  public static final List<String> STAGES =
      List.of("crop", "sketch", "voxel", "mesh", "view", "finetune", "transfer", "project");

  /**
   * Settings of the cycle.
   *
   * @param margin crop side / object box side
   * @param silhouetteThreshold SketchNet silhouette threshold (reference 0.3)
   * @param iso marching-cubes probability (reference 0.1)
   * @param viewpoint the viewpoint stage (nominal fov, fitting size, fitter)
   * @param transfer the keypoint transfer stage
   */
  public record Options(double margin, float silhouetteThreshold, double iso,
      ViewpointStage viewpoint, TransferStage transfer) {}

  /** One image's results: one per setting that succeeded, and the reason for each that failed. */
  public record Outcome(CycleImage image, List<CycleResult> results,
      Map<CycleSetting, String> failures) {}

  private final CycleNets nets;
  private final Options options;

  public Cycle(CycleNets nets, Options options) {
    this.nets = nets;
    this.options = options;
  }

  public Options options() {
    return options;
  }

  /** Runs every setting on every image of the batch. */
  public List<Outcome> run(List<CycleImage> images, Set<CycleSetting> settings) {
    int s = nets.imageSize();
    List<Work> work = new ArrayList<>();
    for (CycleImage im : images) {
      work.add(new Work(im, settings));
    }
    findBoxes(work, s);
    timed(work, "crop", w -> {
      w.crop = ObjectCrop.aroundBox(w.box, options.margin(), s);
      w.rgb = CropSampler.rgb(w.image.image(), w.crop);
    });
    boolean anyPredSketch = settings.stream().anyMatch(c -> !c.gtSketch());
    if (anyPredSketch) {
      batched(work, "sketch", ws -> {
        List<SketchMaps> out = SketchStage.predict(nets.sketch(), rgbs(ws));
        for (int i = 0; i < ws.size(); i++) {
          ws.get(i).sketches.put("pred", out.get(i));
        }
      });
    }
    if (settings.stream().anyMatch(CycleSetting::gtSketch)) {
      timed(work, "crop", w -> {
        if (w.image.truth() != null && w.image.truth().hasSketch()) {
          w.sketches.put("true", SketchStage.fromTruth(w.image.truth(), w.crop));
        }
      });
    }
    predictShapes(work, settings);
    predictViews(work, settings);
    List<Outcome> outcomes = new ArrayList<>();
    for (Work w : work) {
      List<CycleResult> results = new ArrayList<>();
      for (CycleSetting c : settings) {
        if (w.failures.containsKey(c)) {
          continue;
        }
        try {
          results.add(runSetting(w, c));
        } catch (RuntimeException e) {
          w.failures.put(c, e.getMessage() == null ? e.toString() : e.getMessage());
        }
      }
      outcomes.add(new Outcome(w.image, results, w.failures));
    }
    return outcomes;
  }

  // ---- batched network stages ------------------------------------------------------------

  /** Images without a given box: SketchNet on the whole image (square, edge-padded). */
  private void findBoxes(List<Work> work, int s) {
    List<Work> need = work.stream().filter(w -> w.box == null && w.alive()).toList();
    if (need.isEmpty()) {
      return;
    }
    batched(need, "crop", ws -> {
      List<float[]> whole = new ArrayList<>();
      List<ObjectCrop> crops = new ArrayList<>();
      for (Work w : ws) {
        int iw = w.image.image().getWidth();
        int ih = w.image.image().getHeight();
        ObjectCrop c = ObjectCrop.aroundBox(new double[] {0, 0, iw - 1, ih - 1}, 1.0, s);
        crops.add(c);
        whole.add(CropSampler.rgb(w.image.image(), c));
      }
      List<SketchMaps> maps = SketchStage.predict(nets.sketch(), whole);
      for (int i = 0; i < ws.size(); i++) {
        double[] b = ObjectCrop.maskBox(maps.get(i).mask(options.silhouetteThreshold()), s, s);
        if (b == null) {
          ws.get(i).failAll("no object found: SketchNet's silhouette of the whole image is empty");
        } else {
          ObjectCrop c = crops.get(i);
          ws.get(i).box = new double[] {c.toOriginalX(b[0]), c.toOriginalY(b[1]),
              c.toOriginalX(b[2]), c.toOriginalY(b[3])};
        }
      }
    });
  }

  private void predictShapes(List<Work> work, Set<CycleSetting> settings) {
    int r = nets.voxel().options().resolution();
    for (String key : new String[] {"pred", "true"}) {
      boolean wanted = settings.stream().anyMatch(c -> !c.gtShape() && c.gtSketch() == key.equals("true"));
      if (!wanted) {
        continue;
      }
      List<Work> ws = work.stream().filter(w -> w.alive() && w.sketches.containsKey(key)).toList();
      batched(ws, "voxel", batch -> {
        List<float[]> in = new ArrayList<>();
        for (Work w : batch) {
          in.add(w.sketches.get(key).sketch4(options.silhouetteThreshold()));
        }
        List<float[]> logits = ShapeStage.voxels(nets.voxel(), in);
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).voxels.put(key, logits.get(i));
        }
      });
      for (Work w : ws) {
        String meshKey = "mesh:" + key;
        try {
          w.memo(meshKey, "mesh", () -> ShapeStage.mesh(w.voxels.get(key), r, options.iso()));
        } catch (RuntimeException e) {
          // Remembered by the memo: each setting that needs this mesh reports it (no object found).
        }
      }
    }
  }

  private void predictViews(List<Work> work, Set<CycleSetting> settings) {
    if (settings.stream().anyMatch(c -> !c.gtViewpoint() && !c.viewFromSketch())) {
      List<Work> ws = work.stream().filter(Work::alive).toList();
      batched(ws, "view", batch -> {
        List<double[]> v = ViewStage.predict(nets.view(), rgbs(batch));
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).views.put("rgb", v.get(i));
        }
      });
    }
    if (settings.contains(CycleSetting.NO_VP_FROM_RGB)) {
      if (nets.viewSketch() == null) {
        for (Work w : work) {
          w.failures.putIfAbsent(CycleSetting.NO_VP_FROM_RGB,
              "no ViewNet on sketches in the models folder (train --net view-sketch)");
        }
        return;
      }
      List<Work> ws = work.stream().filter(w -> w.alive() && w.sketches.containsKey("pred")).toList();
      batched(ws, "view", batch -> {
        List<float[]> in = new ArrayList<>();
        for (Work w : batch) {
          in.add(w.sketches.get("pred").sketch5(options.silhouetteThreshold()));
        }
        List<double[]> v = ViewStage.predict(nets.viewSketch(), in);
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).views.put("sketch", v.get(i));
        }
      });
    }
  }

  // ---- per image and setting -------------------------------------------------------------

  private CycleResult runSetting(Work w, CycleSetting c) {
    CycleTruth truth = w.image.truth();
    if (c.needsGroundTruth() && truth == null) {
      throw new IllegalStateException(c.label() + " needs ground truth, and this image has none");
    }
    Map<String, Double> ms = new LinkedHashMap<>();
    w.charge(ms, "crop");
    String sketchKey = c.gtSketch() ? "true" : "pred";
    SketchMaps sketch = w.sketches.get(sketchKey);
    if (sketch == null) {
      throw new IllegalStateException(c.gtSketch()
          ? "no true 2.5D maps for this image" : "no predicted 2.5D sketch for this image");
    }
    if (!c.gtSketch()) {
      w.charge(ms, "sketch");
    }
    Mesh mesh;
    String meshKey;
    if (c.gtShape()) {
      if (truth.mesh() == null) {
        throw new IllegalStateException("no true 3D model for this image");
      }
      mesh = truth.mesh();
      meshKey = "mesh:gt";
    } else {
      meshKey = "mesh:" + sketchKey;
      Object m = w.memoValue(meshKey);
      if (m instanceof RuntimeException e) {
        throw e;
      }
      mesh = (Mesh) m;
      w.charge(ms, "voxel");
      w.chargeKey(ms, meshKey, "mesh");
    }
    Camera camera;
    double fitIou = Double.NaN;
    if (c.gtViewpoint()) {
      if (truth.camera() == null) {
        throw new IllegalStateException("no true camera for this image");
      }
      camera = truth.camera();
    } else {
      String viewKey = c.viewFromSketch() ? "sketch" : "rgb";
      double[] azEl = w.views.get(viewKey);
      if (azEl == null) {
        throw new IllegalStateException("no viewpoint prediction (" + viewKey + ")");
      }
      w.charge(ms, "view");
      float[] mask = sketch.mask(options.silhouetteThreshold());
      int size = w.crop.size();
      String initKey = "init:" + meshKey + ":" + viewKey + ":" + sketchKey;
      Viewpoint init = w.memo(initKey, "finetune",
          () -> options.viewpoint().initial(azEl[0], azEl[1], mesh, mask, size));
      Viewpoint vp = init;
      if (c.finetune()) {
        String fitKey = "fit:" + meshKey + ":" + viewKey + ":" + sketchKey;
        ViewpointFitter.Fit fit = w.memo(fitKey, "finetune",
            () -> options.viewpoint().finetune(mesh, mask, size, init));
        w.chargeKey(ms, fitKey, "finetune");
        vp = fit.viewpoint();
        fitIou = fit.softIou();
      }
      w.chargeKey(ms, initKey, "finetune");
      int iw = w.image.image().getWidth();
      int ih = w.image.image().getHeight();
      camera = options.viewpoint().toOriginal(vp, w.crop, iw, ih);
    }
    List<TransferredKeypoint> kps;
    if (c.gtSemantic()) {
      if (truth.keypoints() == null) {
        throw new IllegalStateException("no true 3D keypoints for this image's model");
      }
      kps = truth.keypoints();
    } else {
      String tKey = "transfer:" + meshKey;
      kps = w.memo(tKey, "transfer",
          () -> options.transfer().keypoints(nets.embedder(), w.image.synset(), mesh));
      w.chargeKey(ms, tKey, "transfer");
    }
    long t0 = System.nanoTime();
    List<PredictedKeypoint> projected = ProjectionStage.project(camera, mesh, kps);
    ms.merge("project", (System.nanoTime() - t0) / 1e6, Double::sum);
    double total = ms.values().stream().mapToDouble(Double::doubleValue).sum();
    ms.put("total", total);
    return new CycleResult(c, projected, camera, mesh, w.crop, fitIou, ms);
  }

  // ---- helpers ---------------------------------------------------------------------------

  private static List<float[]> rgbs(List<Work> ws) {
    List<float[]> out = new ArrayList<>();
    for (Work w : ws) {
      out.add(w.rgb);
    }
    return out;
  }

  /** Runs {@code f} on each live image, charging its time to {@code stage}. */
  private static void timed(List<Work> work, String stage, java.util.function.Consumer<Work> f) {
    for (Work w : work) {
      if (!w.alive()) {
        continue;
      }
      long t0 = System.nanoTime();
      try {
        f.accept(w);
      } catch (RuntimeException e) {
        w.failAll(stage + ": " + e.getMessage());
      }
      w.stageTime.merge(stage, (System.nanoTime() - t0) / 1e6, Double::sum);
    }
  }

  /** Runs {@code f} once on the live images, sharing its time equally among them. */
  private static void batched(List<Work> work, String stage,
      java.util.function.Consumer<List<Work>> f) {
    List<Work> live = work.stream().filter(Work::alive).toList();
    if (live.isEmpty()) {
      return;
    }
    long t0 = System.nanoTime();
    try {
      f.accept(live);
    } catch (RuntimeException e) {
      for (Work w : live) {
        w.failAll(stage + " failed for the batch: " + e.getMessage());
      }
    }
    double each = (System.nanoTime() - t0) / 1e6 / live.size();
    for (Work w : live) {
      w.stageTime.merge(stage, each, Double::sum);
    }
  }

  /** One image's state through the batch. */
  private static final class Work {
    final CycleImage image;
    final Set<CycleSetting> settings;
    final Map<CycleSetting, String> failures = new LinkedHashMap<>();
    final Map<String, SketchMaps> sketches = new HashMap<>();
    final Map<String, float[]> voxels = new HashMap<>();
    final Map<String, double[]> views = new HashMap<>();
    final Map<String, Object> memo = new HashMap<>();
    final Map<String, Double> memoTime = new HashMap<>();
    final Map<String, Double> stageTime = new HashMap<>();
    double[] box;
    ObjectCrop crop;
    float[] rgb;

    Work(CycleImage image, Set<CycleSetting> settings) {
      this.image = image;
      this.settings = EnumSet.copyOf(settings);
      this.box = image.box() == null ? null : image.box().clone();
    }

    boolean alive() {
      return failures.size() < settings.size();
    }

    void failAll(String reason) {
      for (CycleSetting c : settings) {
        failures.putIfAbsent(c, reason);
      }
    }

    /** Computes once per image; a failure is remembered and rethrown to every setting. */
    @SuppressWarnings("unchecked")
    <T> T memo(String key, String stage, Supplier<T> f) {
      if (!memo.containsKey(key)) {
        long t0 = System.nanoTime();
        Object v;
        try {
          v = f.get();
        } catch (RuntimeException e) {
          v = e;
        }
        memo.put(key, v);
        memoTime.put(key, (System.nanoTime() - t0) / 1e6);
      }
      Object v = memo.get(key);
      if (v instanceof RuntimeException e) {
        throw e;
      }
      return (T) v;
    }

    Object memoValue(String key) {
      Object v = memo.get(key);
      return v == null ? new IllegalStateException("no " + key.replace(':', ' ')) : v;
    }

    void charge(Map<String, Double> ms, String stage) {
      ms.merge(stage, stageTime.getOrDefault(stage, 0.0), Double::sum);
    }

    void chargeKey(Map<String, Double> ms, String key, String stage) {
      ms.merge(stage, memoTime.getOrDefault(key, 0.0), Double::sum);
    }
  }
}
