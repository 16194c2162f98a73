package org.semcycle.embedding;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.semcycle.io.Seeds;
import org.semcycle.training.ArraySamples;
import org.semcycle.training.Batch;
import org.semcycle.training.DrawSeeds;
import org.semcycle.training.SampleSource;

/**
 * Labelled point clouds for {@link EmbedTask}: each model's points with per-point ids. With
 * augmentation on, every batch draws fresh noise, dropout and resampling
 * ({@link PointAugment}), seeded by (seed, epoch, sample, draw number: {@link DrawSeeds}), so runs
 * repeat exactly, resumed or not.
 * Clouds are normalised to box centre and max extent after augmentation.
 */
public final class EmbedSamples implements SampleSource {
  private final List<float[]> clouds;
  private final List<int[]> labels;
  private final PointAugment augment;
  private final int points;
  private final DrawSeeds draws;

  /**
   * @param augment null for none (validation); then every cloud must have {@code points} points
   */
  public EmbedSamples(List<float[]> clouds, List<int[]> labels, int points, PointAugment augment, long seed) {
    if (clouds.size() != labels.size()) {
      throw new IllegalArgumentException("clouds and labels differ in number");
    }
    this.clouds = List.copyOf(clouds);
    this.labels = List.copyOf(labels);
    this.points = points;
    this.augment = augment;
    this.draws = new DrawSeeds(seed, "augment", this.clouds.size());
  }

  @Override
  public int size() {
    return clouds.size();
  }

  @Override
  public void startEpoch(int epoch) {
    draws.startEpoch(epoch);
  }

  @Override
  public synchronized Batch batch(NDManager manager, int[] indices) {
    float[] xyz = new float[indices.length * points * 3];
    float[] ids = new float[indices.length * points];
    for (int b = 0; b < indices.length; b++) {
      int i = indices[b];
      float[] c = clouds.get(i);
      int[] l = labels.get(i);
      if (augment != null) {
        PointAugment.Cloud a = augment.apply(c, l, draws.next(i).nextLong());
        c = a.xyz();
        l = a.labels();
      }
      if (c.length != points * 3) {
        throw new IllegalArgumentException("cloud " + i + " has " + c.length / 3 + " points, expected " + points);
      }
      System.arraycopy(PointNormalizer.normalise(c), 0, xyz, b * points * 3, points * 3);
      for (int p = 0; p < points; p++) {
        ids[b * points + p] = l[p];
      }
    }
    return new Batch(
        new NDList(ArraySamples.owned(manager, xyz, new Shape(indices.length, points, 3), DataType.FLOAT32)),
        new NDList(ArraySamples.owned(manager, ids, new Shape(indices.length, points), DataType.FLOAT32)),
        indices.length);
  }
}
