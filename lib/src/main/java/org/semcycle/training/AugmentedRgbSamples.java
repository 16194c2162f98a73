package org.semcycle.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;

/**
 * The reference's photometric augmentation of RGB inputs (PIPELINE.md stage 1, as
 * fb.resnet.torch / MarrNet): colour jitter of brightness, contrast and saturation (each a blend
 * with black, the image's mean grey, or the pixel's grey by a factor 1 + U(-j, j), in a random
 * order), then AlexNet-style PCA lighting noise (rgb += V (alpha * lambda), alpha ~ N(0, s^2),
 * with the ImageNet eigenvalues lambda and eigenvectors V), clamped to [0, 1].
 *
 * <p>Wraps an {@link ArraySamples} and changes only its input field named {@code "rgb"} (layout
 * (3, S, S), values in [0, 1]); other inputs and all labels pass through unchanged. Each sample's
 * draw is seeded by {@code Seeds.mix(seed, "rgb-augment", sample, draw)}, where draw counts how
 * often this wrapper has served that sample: the same sequence of batches gives the same pixels,
 * and every epoch sees a fresh draw. Hand-written (a few lines of arithmetic per pixel).
 */
public final class AugmentedRgbSamples implements SampleSource {
  /** Field name of the augmented input. */
  public static final String FIELD = "rgb";

  private static final float[] EIGVAL = {0.2175f, 0.0188f, 0.0045f};
  private static final float[][] EIGVEC = {
    {-0.5675f, 0.7192f, 0.4009f},
    {-0.5808f, -0.0045f, -0.8140f},
    {-0.5836f, -0.6948f, 0.4203f}
  };

  /**
   * Augmentation strengths.
   *
   * @param brightness jitter amplitude j of the brightness factor (reference 0.4)
   * @param contrast jitter amplitude of the contrast factor (0.4)
   * @param saturation jitter amplitude of the saturation factor (0.4)
   * @param lighting standard deviation of the PCA lighting coefficients (0.1)
   */
  public record Options(float brightness, float contrast, float saturation, float lighting) {
    /** The reference's strengths: 0.4, 0.4, 0.4, 0.1. */
    public static Options reference() {
      return new Options(0.4f, 0.4f, 0.4f, 0.1f);
    }
  }

  private final ArraySamples source;
  private final int field;
  private final Options options;
  private final DrawSeeds draws;

  /** Augments source's "rgb" input (which must exist) with the given strengths and seed. */
  public AugmentedRgbSamples(ArraySamples source, Options options, long seed) {
    this.source = source;
    this.field = source.inputIndex(FIELD);
    if (field < 0) {
      throw new IllegalArgumentException("the samples have no input named '" + FIELD + "'");
    }
    this.options = options;
    this.draws = new DrawSeeds(seed, "rgb-augment", source.size());
  }

  @Override
  public int size() {
    return source.size();
  }

  @Override
  public void startEpoch(int epoch) {
    source.startEpoch(epoch);
    draws.startEpoch(epoch);
  }

  @Override
  public Batch batch(NDManager manager, int[] indices) {
    Batch b = source.batch(manager, indices);
    NDArray rgb = b.inputs().get(field);
    float[] pixels = ArraySamples.read(rgb);
    int per = pixels.length / indices.length;
    for (int i = 0; i < indices.length; i++) {
      augment(pixels, i * per, per / 3, draws.next(indices[i]));
    }
    ArraySamples.write(rgb, pixels); // the batch's own fresh array: changed in place
    return b;
  }

  /** Augments one (3, P) image in place, starting at offset, with P pixels per channel. */
  void augment(float[] x, int offset, int p, SplittableRandom r) {
    int[] order = {0, 1, 2};
    for (int i = 2; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (int op : order) {
      switch (op) {
        case 0 -> {
          float a = factor(r, options.brightness());
          for (int k = 0; k < 3 * p; k++) {
            x[offset + k] *= a;
          }
        }
        case 1 -> {
          float a = factor(r, options.contrast());
          double mean = 0;
          for (int k = 0; k < p; k++) {
            mean += grey(x, offset, p, k);
          }
          float m = (float) (mean / p) * (1 - a);
          for (int k = 0; k < 3 * p; k++) {
            x[offset + k] = x[offset + k] * a + m;
          }
        }
        default -> {
          float a = factor(r, options.saturation());
          for (int k = 0; k < p; k++) {
            float g = grey(x, offset, p, k) * (1 - a);
            for (int c = 0; c < 3; c++) {
              int at = offset + c * p + k;
              x[at] = x[at] * a + g;
            }
          }
        }
      }
    }
    float[] alpha = new float[3];
    for (int j = 0; j < 3; j++) {
      alpha[j] = (float) (gaussian(r) * options.lighting()) * EIGVAL[j];
    }
    for (int c = 0; c < 3; c++) {
      float shift = EIGVEC[c][0] * alpha[0] + EIGVEC[c][1] * alpha[1] + EIGVEC[c][2] * alpha[2];
      for (int k = 0; k < p; k++) {
        int at = offset + c * p + k;
        x[at] = Math.min(1f, Math.max(0f, x[at] + shift));
      }
    }
  }

  private static float factor(SplittableRandom r, float amplitude) {
    return 1f + (float) ((2 * r.nextDouble() - 1) * amplitude);
  }

  private static float grey(float[] x, int offset, int p, int k) {
    return 0.299f * x[offset + k] + 0.587f * x[offset + p + k] + 0.114f * x[offset + 2 * p + k];
  }

  private static double gaussian(SplittableRandom r) {
    // Box-Muller written out so that the draws do not depend on the JDK's nextGaussian algorithm.
    double u = 1 - r.nextDouble();
    double v = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
