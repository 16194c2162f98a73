package org.semcycle.cycle;

import java.util.List;
import ai.djl.ndarray.types.DataType;
import org.semcycle.cycle.crop.ObjectCrop;
import org.semcycle.cycle.nets.ViewEstimate;
import org.semcycle.cycle.viewpoint.SketchAgreement;
import org.semcycle.cycle.viewpoint.SoftRasterizer;
import org.semcycle.cycle.viewpoint.SoftSilhouetteRenderer;
import org.semcycle.cycle.viewpoint.ViewpointFitter;
import org.semcycle.geometry.Mesh;
import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Intrinsics;
import org.semcycle.rendering.camera.Viewpoint;
import org.semcycle.viewpoint.AzimuthDecoding;

/**
 * Stage 4: the crop's camera. ViewNet gives azimuth and elevation; distance and principal-point
 * offset are first set so that the mesh's projected box matches the silhouette's box, then
 * (optionally) all are fine-tuned against the silhouette with the differentiable soft
 * rasteriser ({@link ViewpointFitter}) at a lower resolution ({@code fitSize}; the viewpoint's
 * offsets are fractions of the image, so it carries over to the crop's size): the plain-Java
 * {@link SoftRasterizer} with analytic gradients for {@code GradientStrategy.ANALYTIC} (the
 * default), the DJL {@link SoftSilhouetteRenderer} for the DJL strategies. The crop camera is
 * a look-at camera of the nominal field of view (the training renders'); {@link #toOriginal}
 * maps it to the original image's pixels.
 *
 * @param fov nominal horizontal field of view of the crop camera, degrees
 * @param referenceDistance distance used to measure the mesh's projected size
 * @param fitSize silhouette size for fine-tuning (the crop size must be a multiple of it)
 * @param maxFaces face budget of the soft rasteriser
 * @param fitter fine-tuning settings
 * @param starts azimuth offsets (degrees) of the fits started from the initial viewpoint, e.g.
 *     {@code [0, 180]} to also try the front-back mirror ViewNet most often confuses
 * @param agreement how the fits (and the initial viewpoint) are compared: the soft IoU, less the
 *     weighted disagreement with the sketches' depth and normals; the best wins
 * @param azimuths how ViewNet's azimuth distribution gives the initial azimuth, and whether its
 *     second mode adds a start
 */
public record ViewpointStage(double fov, double referenceDistance, int fitSize, int maxFaces,
    ViewpointFitter.Options fitter, List<Double> starts, SketchAgreement agreement, AzimuthDecoding azimuths) {

  public ViewpointStage {
    starts = List.copyOf(starts);
    if (starts.isEmpty()) {
      throw new IllegalArgumentException("the viewpoint fit needs at least one start (azimuth offset)");
    }
    if (agreement == null || azimuths == null) {
      throw new IllegalArgumentException("the viewpoint stage needs a sketch agreement (SILHOUETTE_ONLY for none)"
          + " and an azimuth decoding (REFERENCE for the reference's)");
    }
  }

  /** Fits from each start, compared by the soft IoU alone; the reference's azimuth decoding. */
  public ViewpointStage(double fov, double referenceDistance, int fitSize, int maxFaces,
      ViewpointFitter.Options fitter, List<Double> starts) {
    this(fov, referenceDistance, fitSize, maxFaces, fitter, starts, SketchAgreement.SILHOUETTE_ONLY,
        AzimuthDecoding.REFERENCE);
  }

  /** One fit, from the initial viewpoint itself. */
  public ViewpointStage(double fov, double referenceDistance, int fitSize, int maxFaces,
      ViewpointFitter.Options fitter) {
    this(fov, referenceDistance, fitSize, maxFaces, fitter, List.of(0.0));
  }

  /**
   * The initial viewpoint of a ViewNet estimate: its azimuth decoded by {@link #azimuths} (the
   * estimate's own where it has no distribution), as {@link #initial(double, double, Mesh,
   * float[], int)}.
   */
  public Viewpoint initial(ViewEstimate estimate, Mesh mesh, float[] mask, int size) {
    float[] p = estimate.azimuthProbabilities();
    double azimuth = p == null ? estimate.azimuth() : azimuths.decode(p);
    return initial(azimuth, estimate.elevation(), mesh, mask, size);
  }

  /** The extra starts (azimuths) a ViewNet estimate offers: its second mode, where it counts. */
  public List<Double> alternatives(ViewEstimate estimate) {
    float[] p = estimate.azimuthProbabilities();
    if (p == null) {
      return List.of();
    }
    var second = azimuths.secondMode(p);
    return second.isPresent() ? List.of(second.getAsDouble()) : List.of();
  }

  /**
   * The initial viewpoint: ViewNet's angles (elevation kept within +-89 degrees), distance and
   * offset from the silhouette's box.
   */
  public Viewpoint initial(double azimuth, double elevation, Mesh mesh, float[] mask, int size) {
    double el = Math.max(-89, Math.min(89, elevation));
    Viewpoint ref = Viewpoint.of(azimuth, el, referenceDistance);
    double[] sil = ObjectCrop.maskBox(mask, size, size);
    if (sil == null) {
      return ref;
    }
    double[] proj = projectedBox(mesh, ref, size);
    double extSil = Math.max(sil[2] - sil[0], sil[3] - sil[1]) + 1;
    double extProj = Math.max(proj[2] - proj[0], proj[3] - proj[1]) + 1;
    double d = referenceDistance * extProj / extSil;
    if (!(d > 0.05) || !Double.isFinite(d)) {
      return ref;
    }
    Viewpoint scaled = Viewpoint.of(azimuth, el, d);
    double[] p2 = projectedBox(mesh, scaled, size);
    double ox = ((sil[0] + sil[2]) / 2 - (p2[0] + p2[2]) / 2) / size;
    double oy = ((sil[1] + sil[3]) / 2 - (p2[1] + p2[3]) / 2) / size;
    return new Viewpoint(azimuth, el, d, 0, ox, oy);
  }

  /**
   * Fine-tunes {@code initial} against the target {@code silhouette} (size x size, in [0, 1]: a
   * {0, 1} mask or SketchNet's probabilities, {@link Cycle.FitTarget}), once
   * from each start (the initial viewpoint turned by each azimuth offset), keeping the fit of
   * the highest soft IoU. A fit is kept only when it agrees with the silhouette better than the
   * initial viewpoint: a poor target (an empty or broken predicted silhouette) must not drag a
   * sound start away.
   */
  public ViewpointFitter.Fit finetune(Mesh mesh, float[] silhouette, int size, Viewpoint initial) {
    return finetune(mesh, silhouette, size, initial, null, List.of());
  }

  /**
   * As {@link #finetune(Mesh, float[], int, Viewpoint)}, with fits also started at each of
   * {@code alternatives} (azimuths, degrees: e.g. ViewNet's second mode), the fits and the
   * initial viewpoint compared by {@link #agreement} with {@code sketch} (size x size; null or
   * weights 0: the soft IoU alone; the agreement counts the pixels where {@code silhouette} exceeds
   * 0.5).
   */
  public ViewpointFitter.Fit finetune(Mesh mesh, float[] silhouette, int size, Viewpoint initial, SketchMaps sketch,
      List<Double> alternatives) {
    List<Double> offsets = new java.util.ArrayList<>(starts);
    for (double az : alternatives) {
      offsets.add(az - initial.azimuth());
    }
    float[] target = downsample(silhouette, size, fitSize);
    ViewpointFitter fit = new ViewpointFitter(fitter);
    List<ViewpointFitter.Fit> fits = new java.util.ArrayList<>();
    float[] atStart;
    if (fitter.gradients() == ViewpointFitter.GradientStrategy.ANALYTIC) {
      SoftRasterizer r = new SoftRasterizer(mesh, fitSize, fitSize, fov, maxFaces);
      for (double offset : offsets) {
        fits.add(fit.fit(r, target, turned(initial, offset)));
      }
      atStart = r.render(initial, fitter.sigmaEnd());
    } else {
      SoftSilhouetteRenderer r =
          new SoftSilhouetteRenderer(mesh, fitSize, fitSize, fov, maxFaces, DataType.FLOAT32);
      for (double offset : offsets) {
        fits.add(fit.fit(r, target, turned(initial, offset)));
      }
      atStart = r.render(initial, fitter.sigmaEnd());
    }
    double start = ViewpointFitter.softIou(atStart, target);
    ViewpointFitter.Fit best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (ViewpointFitter.Fit f : fits) {
      double score = score(f.softIou(), mesh, f.viewpoint(), sketch, silhouette, size);
      if (best == null || score > bestScore) {
        best = f;
        bestScore = score;
      }
    }
    double startScore = score(start, mesh, initial, sketch, silhouette, size);
    return bestScore >= startScore ? best : new ViewpointFitter.Fit(initial, best.lossCurve(), start);
  }

  private double score(double softIou, Mesh mesh, Viewpoint vp, SketchMaps sketch, float[] mask, int size) {
    return sketch == null ? softIou
        : agreement.score(softIou, mesh, vp, fov, size, sketch.depth01(), sketch.normals(), mask);
  }

  private static Viewpoint turned(Viewpoint v, double azimuthOffset) {
    return azimuthOffset == 0 ? v : new Viewpoint(v.azimuth() + azimuthOffset, v.elevation(), v.distance(),
        v.inPlane(), v.offsetX(), v.offsetY());
  }

  /** The crop camera of a viewpoint, in the original image's pixels. */
  public Camera toOriginal(Viewpoint vp, ObjectCrop crop, int width, int height) {
    Camera c = Camera.lookAt(vp, crop.size(), crop.size(), fov);
    Intrinsics in = crop.toOriginal(c.intrinsics(), width, height);
    return new Camera(in, c.extrinsics());
  }

  private double[] projectedBox(Mesh mesh, Viewpoint vp, int size) {
    Camera c = Camera.lookAt(vp, size, size, fov);
    double[] out = new double[3];
    double x1 = Double.POSITIVE_INFINITY, y1 = x1, x2 = Double.NEGATIVE_INFINITY, y2 = x2;
    for (int i = 0; i < mesh.vertexCount(); i++) {
      var v = mesh.vertex(i);
      c.project(v.x(), v.y(), v.z(), out);
      if (out[2] > 0) {
        x1 = Math.min(x1, out[0]);
        y1 = Math.min(y1, out[1]);
        x2 = Math.max(x2, out[0]);
        y2 = Math.max(y2, out[1]);
      }
    }
    return new double[] {x1, y1, x2, y2};
  }

  /** Area mean of a size x size mask down to n x n (size a multiple of n), else nearest. */
  static float[] downsample(float[] mask, int size, int n) {
    if (n == size) {
      return mask.clone();
    }
    float[] out = new float[n * n];
    if (size % n == 0) {
      int k = size / n;
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          float s = 0;
          for (int dy = 0; dy < k; dy++) {
            for (int dx = 0; dx < k; dx++) {
              s += mask[(y * k + dy) * size + x * k + dx];
            }
          }
          out[y * n + x] = s / (k * k);
        }
      }
    } else {
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          int sx = Math.min(size - 1, (int) ((x + 0.5) * size / n));
          int sy = Math.min(size - 1, (int) ((y + 0.5) * size / n));
          out[y * n + x] = mask[sy * size + sx];
        }
      }
    }
    return out;
  }
}
