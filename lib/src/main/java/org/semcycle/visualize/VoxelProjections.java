package org.semcycle.visualize;

import java.awt.image.BufferedImage;

/**
 * Orthographic pictures of an occupancy grid (R^3, axes x, y, z of docs/CONVENTIONS.md, flat
 * index (i R + j) R + k) for looking at voxel predictions: one pixel per column of cells, the
 * first occupied cell along the viewing direction shaded by its depth (near bright, far dark),
 * empty columns black. Views: {@link View#FRONT} looks at the object's front (from -Z towards
 * +Z), {@link View#SIDE} from +X, {@link View#TOP} from +Y down; +Y is up in front and side
 * views, the front (-Z) at the top of the top view. None is mirrored.
 */
public final class VoxelProjections {
  private VoxelProjections() {}

  /** Viewing directions. */
  public enum View {
    FRONT,
    SIDE,
    TOP
  }

  /**
   * The picture of the cells whose value is above threshold, in the given colour (0xRRGGBB).
   *
   * @param grid R^3 values (occupancy, probabilities)
   */
  public static BufferedImage image(float[] grid, int r, float threshold, View view, int rgb) {
    if (r < 1 || grid.length != r * r * r) {
      throw new IllegalArgumentException(
          "grid of " + grid.length + " values is not " + r + "^3");
    }
    BufferedImage img = new BufferedImage(r, r, BufferedImage.TYPE_INT_RGB);
    for (int row = 0; row < r; row++) {
      for (int col = 0; col < r; col++) {
        int hit = -1;
        for (int step = 0; step < r && hit < 0; step++) {
          if (grid[index(r, view, row, col, step)] > threshold) {
            hit = step;
          }
        }
        img.setRGB(col, row, hit < 0 ? 0 : shade(rgb, 1.0 - 0.7 * hit / Math.max(1, r - 1)));
      }
    }
    return img;
  }

  /** The cell seen at picture (row, col) after `step` cells along the viewing direction. */
  private static int index(int r, View view, int row, int col, int step) {
    int up = r - 1 - row; // y grows upwards in the picture
    int i;
    int j;
    int k;
    switch (view) {
      case FRONT -> {
        // From -Z: x to the picture's left when facing the object's front (the object's right).
        i = r - 1 - col;
        j = up;
        k = step;
      }
      case SIDE -> {
        // From +X towards -X: the front (-Z) on the picture's right.
        i = r - 1 - step;
        j = up;
        k = r - 1 - col;
      }
      default -> {
        // From +Y down: x to the right, the front (-Z) at the top.
        i = col;
        j = r - 1 - step;
        k = row;
      }
    }
    return (i * r + j) * r + k;
  }

  private static int shade(int rgb, double f) {
    int out = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
      out |= ((int) Math.round(((rgb >> shift) & 255) * f)) << shift;
    }
    return out;
  }
}
