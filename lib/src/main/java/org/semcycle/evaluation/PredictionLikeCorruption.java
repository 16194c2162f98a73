package org.semcycle.evaluation;

import java.util.SplittableRandom;
import org.semcycle.cycle.mesh.MarchingCubes;
import org.semcycle.geometry.Mesh;
import org.semcycle.rendering.VoxelGrid;
import org.semcycle.rendering.Voxelizer;

/**
 * Degrades a true shape the way the cycle's predicted shapes are degraded (stages 2 and 7 of
 * PIPELINE.md): the mesh is voxelised at {@code voxelResolution}^3 ({@link Voxelizer}, canonical
 * cube [-0.5, 0.5]^3, no rescaling), re-meshed with {@link MarchingCubes} at {@code iso} on the
 * 0/1 occupancy, and the points sampled from that surface get Gaussian noise of standard
 * deviation {@code noiseSigma} (object units) on every coordinate, not clipped.
 */
public record PredictionLikeCorruption(int voxelResolution, double iso, double noiseSigma) {
  public PredictionLikeCorruption {
    if (voxelResolution < 2 || !(iso > 0 && iso < 1) || !(noiseSigma >= 0)) {
      throw new IllegalArgumentException(
          "need voxelResolution >= 2, iso in (0, 1), noiseSigma >= 0: " + voxelResolution + ", "
              + iso + ", " + noiseSigma);
    }
  }

  /** 32^3 voxels, iso 0.5, noise sigma 0.01. */
  public static PredictionLikeCorruption defaults() {
    return new PredictionLikeCorruption(Voxelizer.DEFAULT_RESOLUTION, 0.5, 0.01);
  }

  /** The same corruption with another noise sigma. */
  public PredictionLikeCorruption withNoise(double sigma) {
    return new PredictionLikeCorruption(voxelResolution, iso, sigma);
  }

  /**
   * The voxel round trip of a mesh in the canonical frame.
   *
   * @throws IllegalArgumentException when no voxel is occupied (nothing inside the cube)
   */
  public Mesh remesh(Mesh mesh) {
    VoxelGrid grid = new Voxelizer(voxelResolution).voxelize(mesh);
    if (grid.count() == 0) {
      throw new IllegalArgumentException(
          "no occupied voxel at " + voxelResolution + "^3: is the mesh inside [-0.5, 0.5]^3?");
    }
    return MarchingCubes.fromProbabilities(grid.toFloatArray(), voxelResolution, iso);
  }

  /** A copy of packed xyz points with N(0, noiseSigma^2) added to every coordinate. */
  public float[] addNoise(float[] xyz, long seed) {
    float[] out = xyz.clone();
    if (noiseSigma == 0) {
      return out;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < out.length; i++) {
      out[i] += (float) (noiseSigma * rng.nextGaussian());
    }
    return out;
  }
}
