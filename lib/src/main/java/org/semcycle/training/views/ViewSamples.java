package org.semcycle.training.views;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.semcycle.networks.ViewTask;
import org.semcycle.rendering.VoxelGrid;
import org.semcycle.training.ArraySamples;

/**
 * Turns the render job's views (decoded from their PNGs) into the batch layouts of the
 * training tasks: SketchTask, VoxelTask, ViewTask (RGB or 2.5D input) and the critic's real
 * voxels. No Spark, no files: the train command collects the rows and hands them over.
 */
public final class ViewSamples {
  private ViewSamples() {}

  /** SketchTask: inputs [rgb (3,S,S)]; labels [depth01 (1,S,S), normals (3,S,S), silhouette (1,S,S), range (2)]. */
  public static ArraySamples sketch(List<RenderedSample> rows, int size, DataType type) {
    int n = rows.size();
    int p = size * size;
    float[] rgb = new float[n * 3 * p];
    float[] depth = new float[n * p];
    float[] normals = new float[n * 3 * p];
    float[] sil = new float[n * p];
    float[] range = new float[n * 2];
    for (int i = 0; i < n; i++) {
      DecodedView v = decode(rows.get(i), size);
      System.arraycopy(v.rgb(), 0, rgb, i * 3 * p, 3 * p);
      System.arraycopy(v.depth01(), 0, depth, i * p, p);
      System.arraycopy(v.normals(), 0, normals, i * 3 * p, 3 * p);
      System.arraycopy(v.silhouette(), 0, sil, i * p, p);
      range[2 * i] = v.zmin();
      range[2 * i + 1] = v.zmax();
    }
    return new ArraySamples(n)
        .withDataType(type)
        .input("rgb", new Shape(3, size, size), rgb)
        .label("depth", new Shape(1, size, size), depth)
        .label("normals", new Shape(3, size, size), normals)
        .label("silhouette", new Shape(1, size, size), sil)
        .label("range", new Shape(2), range);
  }

  /** VoxelTask: inputs [depth + normals (4,S,S), background zeroed]; labels [occupancy (R,R,R)]. */
  public static ArraySamples voxel(List<RenderedSample> rows, int size, int resolution, DataType type) {
    int n = rows.size();
    int p = size * size;
    int r3 = resolution * resolution * resolution;
    float[] in = new float[n * 4 * p];
    byte[] occ = new byte[n * r3]; // one byte a cell: 20000 grids of 32^3 fit a 6 GB heap
    for (int i = 0; i < n; i++) {
      RenderedSample s = rows.get(i);
      System.arraycopy(decode(s, size).sketch4(), 0, in, i * 4 * p, 4 * p);
      VoxelGrid cells = occupancyGrid(s, resolution);
      for (int j = 0; j < r3; j++) {
        occ[i * r3 + j] = cells.get(j) ? (byte) 1 : (byte) 0;
      }
    }
    return new ArraySamples(n)
        .withDataType(type)
        .input("sketch", new Shape(4, size, size), in)
        .binaryLabel("occupancy", new Shape(resolution, resolution, resolution), occ);
  }

  /**
   * ViewTask: inputs [rgb (3,S,S)], or with {@code fromSketches} the true 2.5D maps (5,S,S:
   * depth, normals, silhouette); labels [azimuth (24), elevation (12), angles (2)].
   */
  public static ArraySamples view(List<RenderedSample> rows, int size, boolean fromSketches, DataType type) {
    int n = rows.size();
    int p = size * size;
    int c = fromSketches ? 5 : 3;
    float[] in = new float[n * c * p];
    float[] az = new float[n];
    float[] el = new float[n];
    for (int i = 0; i < n; i++) {
      DecodedView v = decode(rows.get(i), size);
      System.arraycopy(fromSketches ? v.sketch5() : v.rgb(), 0, in, i * c * p, c * p);
      az[i] = (float) rows.get(i).azimuth();
      el[i] = (float) rows.get(i).elevation();
    }
    float[][] labels = ViewTask.labels(az, el);
    return new ArraySamples(n)
        .withDataType(type)
        .input(fromSketches ? "sketch" : "rgb", new Shape(c, size, size), in)
        .label("azimuth", new Shape(labels[0].length / n), labels[0])
        .label("elevation", new Shape(labels[1].length / n), labels[1])
        .label("angles", new Shape(2), labels[2]);
  }

  /** The model's occupancy as 0/1 floats in the voxel layout of docs/CONVENTIONS.md. */
  public static float[] occupancy(RenderedSample s, int resolution) {
    return occupancyGrid(s, resolution).toFloatArray();
  }

  /** The model's occupancy grid, checked to be there and of the net's resolution. */
  private static VoxelGrid occupancyGrid(RenderedSample s, int resolution) {
    if (s.occupancy() == null) {
      throw new IllegalArgumentException(s.source() + ": no voxel grid for this model");
    }
    if (s.voxelResolution() != resolution) {
      throw new IllegalArgumentException(
          s.source() + ": voxels are " + s.voxelResolution() + "^3, the net wants " + resolution + "^3");
    }
    return VoxelGrid.unpack(s.occupancy(), resolution);
  }

  private static DecodedView decode(RenderedSample s, int size) {
    DecodedView v = DecodedView.of(s);
    if (v.size() != size) {
      throw new IllegalArgumentException(
          s.source() + ": views are " + v.size() + "px, the net wants " + size + "px (render with --image-size " + size + ")");
    }
    return v;
  }
}
