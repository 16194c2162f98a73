package org.semcycle.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.cycle.crop.ObjectCrop;
import org.semcycle.networks.DjlRuntime;
import org.semcycle.training.ModelFiles;

/**
 * The matcher end to end with an untrained net on noise images (every pixel distinct, so the
 * descriptors are too): identical pairs return the keypoints, a translated target returns them
 * translated (the crop maps back to original pixels), several threads agree with one.
 */
class Baseline2dMatcherTest {
  static final int S = 32;

  static BufferedImage noise(int w, int h, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        im.setRGB(x, y, r.nextInt(1 << 24));
      }
    }
    return im;
  }

  /** The image placed at (dx, dy) on a larger canvas of other noise. */
  static BufferedImage shifted(BufferedImage src, int dx, int dy) {
    BufferedImage out = noise(src.getWidth() + dx + 5, src.getHeight() + dy + 5, 99);
    for (int y = 0; y < src.getHeight(); y++) {
      for (int x = 0; x < src.getWidth(); x++) {
        out.setRGB(x + dx, y + dy, src.getRGB(x, y));
      }
    }
    return out;
  }

  /** Keypoints on crop pixel centres of the box's crop (so the source descriptor is exact). */
  static double[][] keypoints(double[] box, int n) {
    ObjectCrop c = ObjectCrop.aroundBox(box, ObjectCrop.REFERENCE_MARGIN, S);
    SplittableRandom r = new SplittableRandom(4);
    double[][] k = new double[n][];
    for (int i = 0; i < n; i++) {
      int cx = 6 + r.nextInt(S - 12), cy = 6 + r.nextInt(S - 12);
      k[i] = new double[] {c.toOriginalX(cx), c.toOriginalY(cy)};
    }
    return k;
  }

  /**
   * Keypoints (crop pixel centres) whose descriptor under this random net is non-zero and not
   * shared with any other pixel of the crop: a ReLU net leaves some pixels with a zero
   * descriptor, which matches nothing in particular.
   */
  static double[][] distinctive(Baseline2dMatcher matcher, BufferedImage src, double[] box, int n) {
    ObjectCrop c = ObjectCrop.aroundBox(box, ObjectCrop.REFERENCE_MARGIN, S);
    float[] d = matcher.descriptors(org.semcycle.cycle.crop.CropSampler.rgb(src, c))[0];
    int dim = d.length / (S * S);
    SplittableRandom r = new SplittableRandom(4);
    List<double[]> out = new ArrayList<>();
    for (int tries = 0; out.size() < n && tries < 10_000; tries++) {
      int cx = 6 + r.nextInt(S - 12), cy = 6 + r.nextInt(S - 12);
      int p = cy * S + cx;
      double norm = 0;
      for (int k = 0; k < dim; k++) {
        norm += d[k * S * S + p] * d[k * S * S + p];
      }
      boolean unique = norm > 1e-6;
      for (int q = 0; unique && q < S * S; q++) {
        if (q == p) {
          continue;
        }
        double diff = 0;
        for (int k = 0; k < dim; k++) {
          double e = d[k * S * S + p] - d[k * S * S + q];
          diff += e * e;
        }
        unique = diff > 1e-8;
      }
      if (unique) {
        out.add(new double[] {c.toOriginalX(cx), c.toOriginalY(cy)});
      }
    }
    return out.toArray(new double[0][]);
  }

  @Test
  void identicalAndTranslatedPairs(@TempDir Path dir) throws Exception {
    DjlRuntime.engine();
    DenseDescriptorNet.Options o = new DenseDescriptorNet.Options(S, 4, 16);
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(5);
      DenseDescriptorNet net = new DenseDescriptorNet(o);
      net.initialize(m, DataType.FLOAT32, net.inputShape(1));
      ModelFiles.save(net, o, dir, Baseline2dMatcher.NAME);
    }
    BufferedImage src = noise(60, 50, 1);
    double[] box = {12, 8, 40.5, 37}; // crop scale 1.55 original pixels per crop pixel
    try (Baseline2dMatcher matcher = Baseline2dMatcher.load(dir)) {
      double[][] kps = distinctive(matcher, src, box, 12);
      List<MatchedKeypoint> same = matcher.match(src, box, kps, src, box);
      for (int i = 0; i < kps.length; i++) {
        MatchedKeypoint k = same.get(i);
        assertTrue(Math.hypot(k.x() - kps[i][0], k.y() - kps[i][1]) <= 1,
            "keypoint " + i + " at " + k.x() + ", " + k.y());
        assertTrue(k.confidence() > 0.99 && k.confidence() <= 1, "confidence " + k.confidence());
      }
      int dx = 17, dy = 9;
      double[] moved = {box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy};
      List<MatchedKeypoint> translated = matcher.match(src, box, kps, shifted(src, dx, dy), moved);
      for (int i = 0; i < kps.length; i++) {
        assertEquals(kps[i][0] + dx, translated.get(i).x(), 1, "x of " + i);
        assertEquals(kps[i][1] + dy, translated.get(i).y(), 1, "y of " + i);
      }
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        List<Future<List<MatchedKeypoint>>> runs = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
          runs.add(pool.submit(() -> matcher.match(src, box, kps, src, box)));
        }
        for (Future<List<MatchedKeypoint>> f : runs) {
          assertEquals(same, f.get(), "a worker thread gives the same matches");
        }
      } finally {
        pool.shutdown();
      }
    }
  }
}
