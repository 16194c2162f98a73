package org.semcycle.visualize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** A known grid projects to known pictures. */
class VoxelProjectionsTest {
  private static final int R = 8;

  private static float[] grid(int[][] cells) {
    float[] g = new float[R * R * R];
    for (int[] c : cells) {
      g[(c[0] * R + c[1]) * R + c[2]] = 1f;
    }
    return g;
  }

  private static boolean lit(BufferedImage img, int row, int col) {
    return (img.getRGB(col, row) & 0xFFFFFF) != 0;
  }

  private static int count(BufferedImage img) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        n += lit(img, y, x) ? 1 : 0;
      }
    }
    return n;
  }

  @Test
  void aCellAppearsWhereEachViewSeesIt() {
    // One cell at high x (object's left), top (high y), front (low z).
    float[] g = grid(new int[][] {{6, 7, 1}});
    BufferedImage front = VoxelProjections.image(g, R, 0.5f, VoxelProjections.View.FRONT, 0xFFFFFF);
    assertTrue(lit(front, 0, 1), "front: top row, high x on the picture's left");
    BufferedImage side = VoxelProjections.image(g, R, 0.5f, VoxelProjections.View.SIDE, 0xFFFFFF);
    assertTrue(lit(side, 0, 6), "side: front (low z) on the right");
    BufferedImage top = VoxelProjections.image(g, R, 0.5f, VoxelProjections.View.TOP, 0xFFFFFF);
    assertTrue(lit(top, 1, 6), "top: x to the right, front at the top");
    for (BufferedImage img : new BufferedImage[] {front, side, top}) {
      assertEquals(1, count(img));
    }
  }

  @Test
  void nearerCellsAreBrighterAndThresholdApplies() {
    float[] g = grid(new int[][] {{3, 3, 0}, {4, 3, 7}});
    g[(5 * R + 5) * R + 5] = 0.4f; // below the threshold: not drawn
    BufferedImage front = VoxelProjections.image(g, R, 0.5f, VoxelProjections.View.FRONT, 0xFFFFFF);
    assertEquals(2, count(front));
    int near = front.getRGB(R - 1 - 3, R - 1 - 3) & 0xFF;
    int far = front.getRGB(R - 1 - 4, R - 1 - 3) & 0xFF;
    assertTrue(near > far, near + " vs " + far);
    assertThrows(IllegalArgumentException.class,
        () -> VoxelProjections.image(new float[10], R, 0.5f, VoxelProjections.View.TOP, 1));
  }
}
