package org.semcycle.training.views;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.semcycle.training.ArraySamples;
import org.semcycle.training.Batch;
import org.semcycle.training.DrawSeeds;
import org.semcycle.training.SampleSource;

/**
 * Mirror augmentation of the voxel net's samples ({@link ViewSamples#voxel} layout: input
 * (4, S, S) depth and camera-frame normals, label (R, R, R) occupancy on axes x, y, z): with
 * probability 1/2 a sample is replaced by the same scene reflected in the object's Y-Z plane.
 * That reflection, with the camera reflected too (azimuth -> -azimuth), flips the image left to
 * right, negates the camera-frame normal's x, and mirrors the canonical grid along x, exactly,
 * for any shape (docs/CONVENTIONS.md: camera right r = (cos az, 0, -sin az) becomes -M r). The
 * pairs it makes are as true as the rendered ones, so the net sees each shape's mirror twin.
 *
 * <p>Each sample's coin is seeded by {@code Seeds.mix(seed, "mirror", sample, draw)}, draw
 * counting how often this wrapper has served that sample (the same scheme as the RGB
 * augmentation): reproducible, and a fresh coin every epoch.
 */
public final class MirroredVoxelSamples implements SampleSource {
  private final ArraySamples source;
  private final DrawSeeds draws;

  /** Mirrors samples of a voxel source (inputs [sketch], labels [occupancy]). */
  public MirroredVoxelSamples(ArraySamples source, long seed) {
    if (source.inputIndex("sketch") != 0) {
      throw new IllegalArgumentException("not a voxel source: its first input is not 'sketch'");
    }
    this.source = source;
    this.draws = new DrawSeeds(seed, "mirror", source.size());
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
    boolean[] flip = new boolean[indices.length];
    boolean any = false;
    for (int i = 0; i < indices.length; i++) {
      flip[i] = draws.next(indices[i]).nextBoolean();
      any |= flip[i];
    }
    if (!any) {
      return b;
    }
    // The batch's own fresh arrays: mirrored in place.
    mirrorSketches(b.inputs().head(), flip);
    mirrorGrids(b.labels().head(), flip);
    return b;
  }

  /** (N, 4, S, S), in place: the flagged samples flipped left-right with the normal's x negated. */
  static void mirrorSketches(NDArray sketches, boolean[] flip) {
    float[] x = ArraySamples.read(sketches);
    int n = flip.length;
    int s = (int) sketches.getShape().get(3);
    int per = x.length / n;
    int channels = per / (s * s);
    for (int i = 0; i < n; i++) {
      if (!flip[i]) {
        continue;
      }
      for (int c = 0; c < channels; c++) {
        float sign = c == 1 ? -1f : 1f;
        for (int row = 0; row < s; row++) {
          int at = i * per + (c * s + row) * s;
          for (int lo = 0, hi = s - 1; lo <= hi; lo++, hi--) {
            float a = x[at + lo];
            x[at + lo] = sign * x[at + hi];
            x[at + hi] = sign * a;
          }
        }
      }
    }
    ArraySamples.write(sketches, x);
  }

  /** (N, R, R, R), in place: the flagged grids mirrored along x (the first grid axis). */
  static void mirrorGrids(NDArray grids, boolean[] flip) {
    float[] g = ArraySamples.read(grids);
    int n = flip.length;
    int r = (int) grids.getShape().get(1);
    int slab = r * r;
    int per = r * slab;
    float[] tmp = new float[slab];
    for (int i = 0; i < n; i++) {
      if (!flip[i]) {
        continue;
      }
      for (int lo = 0, hi = r - 1; lo < hi; lo++, hi--) {
        int a = i * per + lo * slab;
        int b = i * per + hi * slab;
        System.arraycopy(g, a, tmp, 0, slab);
        System.arraycopy(g, b, g, a, slab);
        System.arraycopy(tmp, 0, g, b, slab);
      }
    }
    ArraySamples.write(grids, g);
  }
}
