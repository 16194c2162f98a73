package org.semcycle.rendering;

import java.util.Arrays;

/**
 * A cubic occupancy grid of {@code R^3} cells over the canonical cube [-0.5, 0.5]^3
 * (docs/CONVENTIONS.md): cell (i, j, k) is centred at {@code (-0.5 + (i + 0.5) / R, ...)} for
 * (x, y, z) and has flat index {@code (i * R + j) * R + k} (x slowest, z fastest). Packed form:
 * one bit a cell in flat-index order, most significant bit first within each byte. Mutable;
 * not thread-safe while being written.
 */
public final class VoxelGrid {
  private final int r;
  private final long[] bits;

  /** An empty grid of resolution R. */
  public VoxelGrid(int resolution) {
    if (resolution < 1 || resolution > 1024) {
      throw new IllegalArgumentException("voxel resolution must be in 1..1024: " + resolution);
    }
    this.r = resolution;
    this.bits = new long[(int) ((cellCount(resolution) + 63) / 64)];
  }

  private static long cellCount(int resolution) {
    return (long) resolution * resolution * resolution;
  }

  public int resolution() {
    return r;
  }

  /** Number of cells, R^3. */
  public int size() {
    return r * r * r;
  }

  /** Centre coordinate of cell index {@code i} along any axis, {@code -0.5 + (i + 0.5) / R}. */
  public double centre(int i) {
    return -0.5 + (i + 0.5) / r;
  }

  public int index(int i, int j, int k) {
    return (i * r + j) * r + k;
  }

  public boolean get(int i, int j, int k) {
    return get(index(i, j, k));
  }

  public boolean get(int flat) {
    return (bits[flat >>> 6] & (1L << flat)) != 0;
  }

  /** True when (i, j, k) is a cell of the grid and occupied; false off the grid. */
  public boolean getOrFalse(int i, int j, int k) {
    return i >= 0 && j >= 0 && k >= 0 && i < r && j < r && k < r && get(index(i, j, k));
  }

  public void set(int i, int j, int k, boolean occupied) {
    set(index(i, j, k), occupied);
  }

  public void set(int flat, boolean occupied) {
    if (occupied) {
      bits[flat >>> 6] |= 1L << flat;
    } else {
      bits[flat >>> 6] &= ~(1L << flat);
    }
  }

  /** Number of occupied cells. */
  public int count() {
    int n = 0;
    for (long b : bits) {
      n += Long.bitCount(b);
    }
    return n;
  }

  /** Occupied volume in canonical units (count / R^3). */
  public double volume() {
    return count() / (double) size();
  }

  /** Sets every cell occupied in {@code other} (same resolution). */
  public void or(VoxelGrid other) {
    requireSameResolution(other);
    for (int i = 0; i < bits.length; i++) {
      bits[i] |= other.bits[i];
    }
  }

  /** Intersection over union with another grid of the same resolution; 1 when both are empty. */
  public double iou(VoxelGrid other) {
    requireSameResolution(other);
    long inter = 0;
    long union = 0;
    for (int i = 0; i < bits.length; i++) {
      inter += Long.bitCount(bits[i] & other.bits[i]);
      union += Long.bitCount(bits[i] | other.bits[i]);
    }
    return union == 0 ? 1.0 : inter / (double) union;
  }

  private void requireSameResolution(VoxelGrid other) {
    if (other.r != r) {
      throw new IllegalArgumentException("voxel grids differ in resolution: " + r + " vs " + other.r);
    }
  }

  /** Packed occupancy: ceil(R^3 / 8) bytes, MSB first, flat-index order. */
  public byte[] pack() {
    int n = size();
    byte[] out = new byte[(n + 7) / 8];
    for (int flat = 0; flat < n; flat++) {
      if (get(flat)) {
        out[flat >>> 3] |= (byte) (0x80 >>> (flat & 7));
      }
    }
    return out;
  }

  /** The grid of resolution R packed by {@link #pack()}. */
  public static VoxelGrid unpack(byte[] packed, int resolution) {
    VoxelGrid g = new VoxelGrid(resolution);
    int n = g.size();
    if (packed.length != (n + 7) / 8) {
      throw new IllegalArgumentException(
          "packed voxels have " + packed.length + " bytes, resolution " + resolution + " needs " + (n + 7) / 8);
    }
    for (int flat = 0; flat < n; flat++) {
      if ((packed[flat >>> 3] & (0x80 >>> (flat & 7))) != 0) {
        g.set(flat, true);
      }
    }
    return g;
  }

  /** Occupancy as 0/1 floats in flat-index order (the voxel networks' target layout). */
  public float[] toFloatArray() {
    float[] out = new float[size()];
    for (int flat = 0; flat < out.length; flat++) {
      out[flat] = get(flat) ? 1f : 0f;
    }
    return out;
  }

  /** The grid with every cell whose value in {@code values} (flat order) exceeds {@code threshold}. */
  public static VoxelGrid fromValues(float[] values, int resolution, float threshold) {
    VoxelGrid g = new VoxelGrid(resolution);
    if (values.length != g.size()) {
      throw new IllegalArgumentException("expected " + g.size() + " values, got " + values.length);
    }
    for (int flat = 0; flat < values.length; flat++) {
      if (values[flat] > threshold) {
        g.set(flat, true);
      }
    }
    return g;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VoxelGrid g && g.r == r && Arrays.equals(g.bits, bits);
  }

  @Override
  public int hashCode() {
    return 31 * r + Arrays.hashCode(bits);
  }

  @Override
  public String toString() {
    return "VoxelGrid[R=" + r + ", occupied=" + count() + "]";
  }
}
