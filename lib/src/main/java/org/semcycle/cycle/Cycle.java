package org.semcycle.cycle;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.semcycle.cycle.crop.CropSampler;
import org.semcycle.cycle.crop.ObjectCrop;
import org.semcycle.cycle.nets.ViewEstimate;
import org.semcycle.cycle.viewpoint.ViewpointFitter;
import org.semcycle.embedding.TransferredKeypoint;
import org.semcycle.geometry.Mesh;
import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Viewpoint;

/**
 * The 2D-3D-2D cycle over a batch of images, for a set of ablation settings: crop -> SketchNet ->
 * VoxelNet -> marching cubes -> ViewNet -> silhouette fine-tuning -> keypoint transfer ->
 * projection with visibility. The networks run once per batch (one forward pass each).
 *
 * <p>Each image keeps its intermediates in a typed record ({@link Intermediates}), each tagged by
 * where it came from: the sketches by {@link Origin}, the shape by {@link ShapeSource} (predicted
 * from the predicted or the true sketches, or the true model), the view estimate by {@link
 * ViewSource}, the viewpoint fit by all three, the transfer by the shape. A setting takes the
 * intermediates it names ({@link CycleSetting}) and computes nothing else; what several settings
 * of one image share is computed once. Each intermediate records the milliseconds it cost (a
 * batched net's time shared equally among the batch); a setting's stage times are those of the
 * intermediates it used. A setting that fails for an image (no object found, missing ground
 * truth) is reported with its reason, never dropped.
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
  /**
   * The cycle's settings.
   *
   * @param margin crop side over the box's longer side
   * @param silhouetteThreshold the sketch's silhouette probability at which a pixel is the object
   * @param iso marching cubes' level on the voxel probabilities
   * @param viewpoint the viewpoint stage
   * @param transfer the keypoint transfer stage
   * @param fitTarget what the viewpoint fit matches the mesh's soft silhouette to
   */
  public record Options(double margin, float silhouetteThreshold, double iso,
      ViewpointStage viewpoint, TransferStage transfer, FitTarget fitTarget) {
    public Options {
      if (fitTarget == null) {
        throw new IllegalArgumentException("the cycle needs a fit target (MASK or PROBABILITY)");
      }
    }

    /** The fit matched to the thresholded silhouette. */
    public Options(double margin, float silhouetteThreshold, double iso, ViewpointStage viewpoint,
        TransferStage transfer) {
      this(margin, silhouetteThreshold, iso, viewpoint, transfer, FitTarget.MASK);
    }
  }

  /** The silhouette the viewpoint fit is matched to. */
  public enum FitTarget {
    /** The sketch's silhouette thresholded at {@link Options#silhouetteThreshold()}: {0, 1}. */
    MASK,
    /** The sketch's silhouette probabilities (a true silhouette is {0, 1} either way). */
    PROBABILITY
  }

  /** One image's results: one per setting that succeeded, and the reason for each that failed. */
  public record Outcome(CycleImage image, List<CycleResult> results,
      Map<CycleSetting, String> failures) {}

  /** Where a shape came from: predicted from the sketches of an origin, or the true model. */
  public record ShapeSource(Origin shape, Origin sketch) {
    /** The true 3D model. */
    public static final ShapeSource TRUE = new ShapeSource(Origin.TRUE, null);

    static ShapeSource of(CycleSetting c) {
      return c.substitutes(CycleStage.SHAPE) ? TRUE : new ShapeSource(Origin.PREDICTED, c.sketchOrigin());
    }
  }

  /** What a viewpoint fit depends on: the shape, the view estimate and the sketch's silhouette. */
  record FitKey(ShapeSource shape, ViewSource view, Origin sketch) {}

  /** A computed intermediate (or the failure computing it raised) and what it cost. */
  record Timed<T>(T value, RuntimeException failure, double millis) {
    static <T> Timed<T> of(Supplier<T> f) {
      long t0 = System.nanoTime();
      try {
        T v = f.get();
        return new Timed<>(v, null, (System.nanoTime() - t0) / 1e6);
      } catch (RuntimeException e) {
        return new Timed<>(null, e, (System.nanoTime() - t0) / 1e6);
      }
    }

    T get() {
      if (failure != null) {
        throw failure;
      }
      return value;
    }
  }

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
    List<Intermediates> work = new ArrayList<>();
    for (CycleImage im : images) {
      work.add(new Intermediates(im, settings));
    }
    locate(work);
    perImage(work, w -> {
      long t0 = System.nanoTime();
      w.crop = ObjectCrop.aroundBox(w.box, options.margin(), nets.imageSize());
      w.rgb = CropSampler.rgb(w.image.image(), w.crop);
      w.cropMillis += (System.nanoTime() - t0) / 1e6;
    }, "crop");
    if (settings.stream().anyMatch(Cycle::needsPredictedSketch)) {
      batched(work, "sketch", nets.sketch()::predict, w -> w.rgb,
          (w, s) -> w.sketches.put(Origin.PREDICTED, s));
    }
    if (settings.stream().anyMatch(c -> needsSketch(c) && c.sketchOrigin() == Origin.TRUE)) {
      perImage(work, w -> {
        CycleTruth t = w.image.truth();
        if (t != null && t.hasSketch()) {
          w.sketches.put(Origin.TRUE, Timed.of(() -> SketchStage.fromTruth(t, w.crop)));
        }
      }, "crop");
    }
    predictShapes(work, settings);
    predictViews(work, settings);
    List<Outcome> outcomes = new ArrayList<>();
    for (Intermediates w : work) {
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

  // ---- what the settings need -------------------------------------------------------------

  /** The setting uses sketches: to predict the shape or as the silhouette the viewpoint is fitted to. */
  private static boolean needsSketch(CycleSetting c) {
    return !c.substitutes(CycleStage.SHAPE) || !c.substitutes(CycleStage.VIEWPOINT);
  }

  private static boolean needsPredictedSketch(CycleSetting c) {
    return needsSketch(c) && c.sketchOrigin() == Origin.PREDICTED || needsView(c, ViewSource.SKETCH);
  }

  private static boolean needsView(CycleSetting c, ViewSource v) {
    return !c.substitutes(CycleStage.VIEWPOINT) && c.viewSource() == v;
  }

  // ---- batched network stages ------------------------------------------------------------

  /** Images without a given box: SketchNet on the whole image (square, edge-padded). */
  private void locate(List<Intermediates> work) {
    int s = nets.imageSize();
    List<Intermediates> need = work.stream().filter(w -> w.box == null && w.alive()).toList();
    if (need.isEmpty()) {
      return;
    }
    Map<Intermediates, ObjectCrop> whole = new HashMap<>();
    for (Intermediates w : need) {
      whole.put(w, ObjectCrop.aroundBox(new double[] {0, 0, w.image.image().getWidth() - 1,
          w.image.image().getHeight() - 1}, 1.0, s));
    }
    batched(need, "crop", nets.sketch()::predict, w -> CropSampler.rgb(w.image.image(), whole.get(w)), (w, maps) -> {
      w.cropMillis += maps.millis();
      double[] b = ObjectCrop.maskBox(maps.get().mask(options.silhouetteThreshold()), s, s);
      if (b == null) {
        w.failAll("no object found: SketchNet's silhouette of the whole image is empty");
      } else {
        ObjectCrop c = whole.get(w);
        w.box = new double[] {c.toOriginalX(b[0]), c.toOriginalY(b[1]), c.toOriginalX(b[2]), c.toOriginalY(b[3])};
      }
    });
  }

  private void predictShapes(List<Intermediates> work, Set<CycleSetting> settings) {
    int r = nets.voxel().resolution();
    for (Origin sketch : Origin.values()) {
      boolean wanted = settings.stream()
          .anyMatch(c -> !c.substitutes(CycleStage.SHAPE) && c.sketchOrigin() == sketch);
      if (!wanted) {
        continue;
      }
      List<Intermediates> ws = work.stream()
          .filter(w -> w.alive() && w.sketches.containsKey(sketch) && w.sketches.get(sketch).failure() == null)
          .toList();
      batched(ws, "voxel", nets.voxel()::voxelLogits,
          w -> w.sketches.get(sketch).get().sketch4(options.silhouetteThreshold()),
          (w, logits) -> {
            w.voxels.put(sketch, logits);
            w.meshes.put(sketch, Timed.of(() -> ShapeStage.mesh(logits.get(), r, options.iso())));
          });
    }
  }

  private void predictViews(List<Intermediates> work, Set<CycleSetting> settings) {
    if (settings.stream().anyMatch(c -> needsView(c, ViewSource.RGB))) {
      batched(work, "view", nets.view()::predict, w -> w.rgb, (w, v) -> w.views.put(ViewSource.RGB, v));
    }
    if (settings.stream().anyMatch(c -> needsView(c, ViewSource.SKETCH))) {
      if (nets.viewSketch() == null) {
        for (Intermediates w : work) {
          settings.stream().filter(c -> needsView(c, ViewSource.SKETCH)).forEach(c -> w.failures.putIfAbsent(c,
              "no ViewNet on sketches in the models folder (train --net view-sketch)"));
        }
        return;
      }
      List<Intermediates> ws = work.stream().filter(w -> w.alive() && w.sketches.containsKey(Origin.PREDICTED))
          .toList();
      batched(ws, "view", nets.viewSketch()::predict,
          w -> w.sketches.get(Origin.PREDICTED).get().sketch5(options.silhouetteThreshold()),
          (w, v) -> w.views.put(ViewSource.SKETCH, v));
    }
  }

  // ---- per image and setting -------------------------------------------------------------

  private CycleResult runSetting(Intermediates w, CycleSetting c) {
    CycleTruth truth = w.image.truth();
    if (c.needsGroundTruth() && truth == null) {
      throw new IllegalStateException(c.label() + " needs ground truth, and this image has none");
    }
    StageMillis ms = new StageMillis();
    ms.add("crop", w.cropMillis);
    Origin sketchOrigin = c.sketchOrigin();
    SketchMaps sketch = null;
    if (needsSketch(c)) {
      Timed<SketchMaps> s = w.sketches.get(sketchOrigin);
      if (s == null) {
        throw new IllegalStateException(sketchOrigin == Origin.TRUE
            ? "no true 2.5D maps for this image" : "no predicted 2.5D sketch for this image");
      }
      ms.add(sketchOrigin == Origin.PREDICTED ? "sketch" : "crop", s.millis());
      sketch = s.get();
    }
    ShapeSource shape = ShapeSource.of(c);
    Mesh mesh;
    if (shape == ShapeSource.TRUE) {
      mesh = require(truth.mesh(), "no true 3D model for this image");
    } else {
      ms.add("voxel", require(w.voxels.get(sketchOrigin), "no predicted voxels for this image").millis());
      Timed<Mesh> m = w.meshes.get(sketchOrigin);
      ms.add("mesh", m.millis());
      mesh = m.get();
    }
    Camera camera;
    Viewpoint initial = null;
    Viewpoint viewpoint = null;
    double fitIou = Double.NaN;
    if (c.substitutes(CycleStage.VIEWPOINT)) {
      camera = require(truth.camera(), "no true camera for this image");
    } else {
      Timed<ViewEstimate> view = require(w.views.get(c.viewSource()),
          "no viewpoint prediction (" + c.viewSource().name().toLowerCase(java.util.Locale.ROOT) + ")");
      ms.add("view", view.millis());
      ViewEstimate estimate = view.get();
      float[] mask = sketch.mask(options.silhouetteThreshold());
      int size = w.crop.size();
      FitKey key = new FitKey(shape, c.viewSource(), sketchOrigin);
      Timed<Viewpoint> init = w.initial.computeIfAbsent(key,
          k -> Timed.of(() -> options.viewpoint().initial(estimate, mesh, mask, size)));
      ms.add("finetune", init.millis());
      initial = init.get();
      viewpoint = initial;
      if (c.finetune()) {
        Viewpoint start = initial;
        SketchMaps seen = sketch;
        float[] target = options.fitTarget() == FitTarget.PROBABILITY ? sketch.silhouette() : mask;
        Timed<ViewpointFitter.Fit> fit = w.fits.computeIfAbsent(key,
            k -> Timed.of(() -> options.viewpoint().finetune(mesh, target, size, start, seen,
                options.viewpoint().alternatives(estimate))));
        ms.add("finetune", fit.millis());
        viewpoint = fit.get().viewpoint();
        fitIou = fit.get().softIou();
      }
      camera = options.viewpoint().toOriginal(viewpoint, w.crop, w.image.image().getWidth(),
          w.image.image().getHeight());
    }
    List<TransferredKeypoint> kps;
    if (c.substitutes(CycleStage.SEMANTICS)) {
      kps = require(truth.keypoints(), "no true 3D keypoints for this image's model");
    } else {
      Timed<List<TransferredKeypoint>> t = w.transfers.computeIfAbsent(shape,
          k -> Timed.of(() -> options.transfer().keypoints(nets.embedder(), w.image.synset(), mesh)));
      ms.add("transfer", t.millis());
      kps = t.get();
    }
    Camera cam = camera;
    Timed<List<PredictedKeypoint>> projected = Timed.of(() -> ProjectionStage.project(cam, mesh, kps));
    ms.add("project", projected.millis());
    return new CycleResult(c, projected.get(), camera, mesh, w.box.clone(), w.crop, initial, viewpoint, fitIou,
        ms.withTotal());
  }

  private static <T> T require(T value, String reason) {
    if (value == null) {
      throw new IllegalStateException(reason);
    }
    return value;
  }

  // ---- helpers ---------------------------------------------------------------------------

  /** Runs {@code f} on each live image; a failure fails every setting of the image, named by the stage. */
  private static void perImage(List<Intermediates> work, Consumer<Intermediates> f, String stage) {
    for (Intermediates w : work) {
      if (!w.alive()) {
        continue;
      }
      try {
        f.accept(w);
      } catch (RuntimeException e) {
        w.failAll(stage + ": " + e.getMessage());
      }
    }
  }

  /**
   * Runs a net once on the live images' inputs and hands each image its output with an equal
   * share of the time; a failure of the call fails every setting of the batch's images.
   */
  private static <I, O> void batched(List<Intermediates> work, String stage,
      java.util.function.Function<List<I>, List<O>> net, java.util.function.Function<Intermediates, I> input,
      java.util.function.BiConsumer<Intermediates, Timed<O>> store) {
    List<Intermediates> live = work.stream().filter(Intermediates::alive).toList();
    if (live.isEmpty()) {
      return;
    }
    long t0 = System.nanoTime();
    List<O> out;
    try {
      List<I> in = new ArrayList<>();
      for (Intermediates w : live) {
        in.add(input.apply(w));
      }
      out = net.apply(in);
    } catch (RuntimeException e) {
      for (Intermediates w : live) {
        w.failAll(stage + " failed for the batch: " + e.getMessage());
      }
      return;
    }
    double each = (System.nanoTime() - t0) / 1e6 / live.size();
    for (int i = 0; i < live.size(); i++) {
      store.accept(live.get(i), new Timed<>(out.get(i), null, each));
    }
  }

  /** Milliseconds per stage of one setting's result, in {@link #STAGES} order, then the total. */
  private static final class StageMillis {
    private final Map<String, Double> ms = new LinkedHashMap<>();

    void add(String stage, double millis) {
      ms.merge(stage, millis, Double::sum);
    }

    Map<String, Double> withTotal() {
      Map<String, Double> out = new LinkedHashMap<>();
      for (String s : STAGES) {
        if (ms.containsKey(s)) {
          out.put(s, ms.get(s));
        }
      }
      out.put("total", ms.values().stream().mapToDouble(Double::doubleValue).sum());
      return out;
    }
  }

  /** One image's intermediates through the batch, each tagged by where it came from. */
  private static final class Intermediates {
    final CycleImage image;
    final Set<CycleSetting> settings;
    final Map<CycleSetting, String> failures = new LinkedHashMap<>();
    double[] box;
    ObjectCrop crop;
    float[] rgb;
    double cropMillis;
    final Map<Origin, Timed<SketchMaps>> sketches = new EnumMap<>(Origin.class);
    /** Voxel logits and their mesh, by the origin of the sketches they were predicted from. */
    final Map<Origin, Timed<float[]>> voxels = new EnumMap<>(Origin.class);
    final Map<Origin, Timed<Mesh>> meshes = new EnumMap<>(Origin.class);
    final Map<ViewSource, Timed<ViewEstimate>> views = new EnumMap<>(ViewSource.class);
    final Map<FitKey, Timed<Viewpoint>> initial = new HashMap<>();
    final Map<FitKey, Timed<ViewpointFitter.Fit>> fits = new HashMap<>();
    final Map<ShapeSource, Timed<List<TransferredKeypoint>>> transfers = new HashMap<>();

    Intermediates(CycleImage image, Set<CycleSetting> settings) {
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
  }
}
