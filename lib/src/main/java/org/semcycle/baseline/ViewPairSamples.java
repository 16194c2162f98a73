package org.semcycle.baseline;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.semcycle.cycle.crop.CropSampler;
import org.semcycle.cycle.crop.ObjectCrop;
import org.semcycle.io.Seeds;
import org.semcycle.rendering.ImageCodec;
import org.semcycle.training.ArraySamples;
import org.semcycle.training.views.RenderedSample;

/**
 * The 2D-2D baseline's training samples from the render job's views: pairs of views of one
 * model, each view cropped around its silhouette's box exactly as {@link Baseline2dMatcher}
 * crops its inputs ({@link ObjectCrop#aroundBox} with the reference margin, {@link CropSampler}),
 * with ground-truth correspondences ({@link PixelCorrespondences}) mapped into the crops and
 * rounded to crop pixels. Layout of {@link Dense2dTask}: inputs [rgb A (3,S,S), rgb B
 * (3,S,S)]; labels [pairs (K,4), valid (K)].
 *
 * <p>Every view is an A view; its B partners are the model's other views in an order seeded by
 * (seed, view), the first {@code pairsPerView} that share at least {@code minCorrespondences}
 * visible points with it. Views of models with a single view, and views without a partner,
 * are counted as skipped.
 *
 * @param imageSize S, the crop side (the net's input)
 * @param correspondences K per pair (padding marked invalid when fewer are visible)
 * @param pairsPerView B partners per A view
 * @param minCorrespondences a pair with fewer is not used
 * @param depthTolerance see {@link PixelCorrespondences}
 */
public record ViewPairSamples(
    int imageSize, int correspondences, int pairsPerView, int minCorrespondences, double depthTolerance) {

  /**
   * What was built: the samples (null when no pair could be formed), how many pairs, how many
   * views found no partner, and the mean number of correspondences per pair.
   */
  public record Built(ArraySamples samples, int pairs, int skippedViews, double meanCorrespondences) {}

  public ViewPairSamples {
    if (imageSize <= 0 || correspondences <= 0 || pairsPerView <= 0 || minCorrespondences <= 0) {
      throw new IllegalArgumentException("image size, correspondences, pairs per view and minimum must be positive");
    }
  }

  /** A decoded, cropped view. */
  private record View(String source, DepthView depth, ObjectCrop crop, float[] rgbCrop) {}

  /** Builds the pairs of the given views (any order; grouped by {@link RenderedSample#model()}). */
  public Built build(List<RenderedSample> rows, long seed, DataType type) {
    Map<String, List<RenderedSample>> byModel = new LinkedHashMap<>();
    for (RenderedSample r : rows) {
      byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r);
    }
    PixelCorrespondences geometry = new PixelCorrespondences(depthTolerance);
    int k = correspondences;
    int p = imageSize * imageSize;
    List<float[]> rgbA = new ArrayList<>();
    List<float[]> rgbB = new ArrayList<>();
    List<float[]> pairs = new ArrayList<>();
    List<float[]> valid = new ArrayList<>();
    int skipped = 0;
    long found = 0;
    for (List<RenderedSample> group : byModel.values()) {
      List<View> views = new ArrayList<>();
      for (RenderedSample r : group) {
        View v = decode(r);
        if (v == null) {
          skipped++;
        } else {
          views.add(v);
        }
      }
      for (int i = 0; i < views.size(); i++) {
        View a = views.get(i);
        int[] order = partners(views.size(), i, Seeds.mix(seed, "dense2d-partners", a.source()));
        int made = 0;
        for (int j = 0; j < order.length && made < pairsPerView; j++) {
          View b = views.get(order[j]);
          float[] pr = new float[4 * k];
          float[] va = new float[k];
          int n = correspond(geometry, a, b, Seeds.mix(seed, "dense2d-pixels", a.source(), b.source()), pr, va);
          if (n < minCorrespondences) {
            continue;
          }
          rgbA.add(a.rgbCrop());
          rgbB.add(b.rgbCrop());
          pairs.add(pr);
          valid.add(va);
          found += n;
          made++;
        }
        if (made == 0) {
          skipped++;
        }
      }
    }
    int n = pairs.size();
    if (n == 0) {
      return new Built(null, 0, skipped, 0);
    }
    ArraySamples samples = new ArraySamples(n)
        .withDataType(type)
        .input("rgb_a", new Shape(3, imageSize, imageSize), concat(rgbA, 3 * p))
        .input("rgb_b", new Shape(3, imageSize, imageSize), concat(rgbB, 3 * p))
        .label("pairs", new Shape(k, 4), concat(pairs, 4 * k))
        .label("valid", new Shape(k), concat(valid, k));
    return new Built(samples, n, skipped, found / (double) n);
  }

  private View decode(RenderedSample r) {
    DepthView d = DepthView.of(r);
    double[] box = ObjectCrop.maskBox(d.mask(), d.width(), d.height());
    if (box == null) {
      return null;
    }
    ObjectCrop crop = ObjectCrop.aroundBox(box, ObjectCrop.REFERENCE_MARGIN, imageSize);
    float[] rgb = ImageCodec.decodeRgb(r.rgbPng(), r.source() + " rgb").toChw();
    float[] rgbCrop = CropSampler.planes(rgb, d.width(), d.height(), 3, crop, CropSampler.Mode.AREA);
    return new View(r.source(), d, crop, rgbCrop);
  }

  /**
   * Fills pairs/valid with up to K correspondences in crop pixels (distinct A crop pixels, both
   * ends inside their crops) and returns how many.
   */
  private int correspond(PixelCorrespondences geometry, View a, View b, long seed, float[] pairs, float[] valid) {
    int k = valid.length;
    Set<Integer> used = new HashSet<>();
    int n = 0;
    for (PixelCorrespondences.Pair q : geometry.sample(a.depth(), b.depth(), 4 * k, seed)) {
      long ax = Math.round(a.crop().toCropX(q.ax()));
      long ay = Math.round(a.crop().toCropY(q.ay()));
      long bx = Math.round(b.crop().toCropX(q.bx()));
      long by = Math.round(b.crop().toCropY(q.by()));
      if (!inside(ax) || !inside(ay) || !inside(bx) || !inside(by) || !used.add((int) (ay * imageSize + ax))) {
        continue;
      }
      pairs[4 * n] = ax;
      pairs[4 * n + 1] = ay;
      pairs[4 * n + 2] = bx;
      pairs[4 * n + 3] = by;
      valid[n] = 1;
      if (++n == k) {
        break;
      }
    }
    return n;
  }

  private boolean inside(long v) {
    return v >= 0 && v < imageSize;
  }

  private static int[] partners(int n, int self, long seed) {
    int[] o = new int[n - 1];
    for (int i = 0, j = 0; i < n; i++) {
      if (i != self) {
        o[j++] = i;
      }
    }
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = o.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = o[i];
      o[i] = o[j];
      o[j] = t;
    }
    return o;
  }

  private static float[] concat(List<float[]> parts, int per) {
    float[] out = new float[parts.size() * per];
    for (int i = 0; i < parts.size(); i++) {
      System.arraycopy(parts.get(i), 0, out, i * per, per);
    }
    return out;
  }
}
