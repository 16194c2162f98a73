package org.semcycle.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random keypoint embeddings shaped like a trained embedder's: id centres {@code c_j ~ N(0,
 * 0.25^2 I)} (about 2.8 apart in 64 dimensions), and each model's row of id j at {@code c_j + A_j
 * z_m + e} with a per-model latent {@code z_m ~ N(0, I_8)} mapped by a per-id matrix {@code A_j}
 * (entries {@code N(0, 0.06^2 / 8)}, so the model spread is about 0.06 per dimension and of
 * intrinsic dimension 8) and row noise {@code e ~ N(0, 0.02^2 I)}. Queries are the points of one
 * unseen model: half near its keypoints (twice the row noise), half background between two id
 * centres.
 */
final class ClusteredEmbeddings {
  static final String SYNSET = "00000000";
  private static final int LATENT = 8;
  private static final double CENTRE = 0.25;
  private static final double SPREAD = 0.06;
  private static final double NOISE = 0.02;

  private final int ids;
  private final int models;
  private final int dim;
  private final double[] centres;
  private final double[] maps;
  private final long seed;

  private ClusteredEmbeddings(int ids, int models, int dim, long seed) {
    this.ids = ids;
    this.models = models;
    this.dim = dim;
    this.seed = seed;
    SplittableRandom r = new SplittableRandom(seed);
    centres = new double[ids * dim];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = CENTRE * r.nextGaussian();
    }
    maps = new double[ids * dim * LATENT];
    for (int i = 0; i < maps.length; i++) {
      maps[i] = SPREAD / Math.sqrt(LATENT) * r.nextGaussian();
    }
  }

  static ClusteredEmbeddings of(int ids, int models, int dim, long seed) {
    return new ClusteredEmbeddings(ids, models, dim, seed);
  }

  /** One row per (model, id), model after model. */
  List<KeypointRecord> records() {
    SplittableRandom r = new SplittableRandom(seed + 1);
    List<KeypointRecord> out = new ArrayList<>(ids * models);
    float[] xyz = new float[3];
    double[] z = new double[LATENT];
    for (int m = 0; m < models; m++) {
      String model = "m" + m;
      latent(r, z);
      for (int j = 0; j < ids; j++) {
        out.add(new KeypointRecord(SYNSET, model, j, xyz, row(j, z, NOISE, r)));
      }
    }
    return out;
  }

  /** {@code n} packed query embeddings of one unseen model. */
  float[] queries(int n, long querySeed) {
    SplittableRandom r = new SplittableRandom(querySeed);
    double[] z = new double[LATENT];
    latent(r, z);
    float[] out = new float[n * dim];
    for (int p = 0; p < n; p++) {
      float[] e;
      if (p % 2 == 0) {
        e = row(r.nextInt(ids), z, 2 * NOISE, r);
      } else {
        int a = r.nextInt(ids);
        int b = r.nextInt(ids);
        double t = r.nextDouble();
        e = new float[dim];
        for (int d = 0; d < dim; d++) {
          e[d] = (float) ((1 - t) * centres[a * dim + d] + t * centres[b * dim + d]
              + 0.1 * r.nextGaussian());
        }
      }
      System.arraycopy(e, 0, out, p * dim, dim);
    }
    return out;
  }

  private static void latent(SplittableRandom r, double[] z) {
    for (int l = 0; l < z.length; l++) {
      z[l] = r.nextGaussian();
    }
  }

  private float[] row(int j, double[] z, double noise, SplittableRandom r) {
    float[] e = new float[dim];
    for (int d = 0; d < dim; d++) {
      double v = centres[j * dim + d];
      for (int l = 0; l < LATENT; l++) {
        v += maps[(j * dim + d) * LATENT + l] * z[l];
      }
      e[d] = (float) (v + noise * r.nextGaussian());
    }
    return e;
  }
}
