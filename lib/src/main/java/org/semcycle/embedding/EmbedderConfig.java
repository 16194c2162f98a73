package org.semcycle.embedding;

import java.util.Arrays;

/**
 * Widths of the {@link KeypointEmbedder}: the shared per-point MLP ({@code pointWidths}, whose
 * last width is the local feature concatenated to the global one), the MLP before the global
 * max-pool ({@code globalWidths}, the last is the global feature size), the per-point head
 * ({@code headWidths}, followed by a last layer to {@code embeddingDim}), and whether hidden layers
 * use batch norm. The reference PointNet uses 64,128 / 1024 / 512,256,128 and 256-d (training)
 * or 64-d (demo) embeddings; {@link #small()} is a CPU-sized default.
 */
public record EmbedderConfig(
    int embeddingDim, int[] pointWidths, int[] globalWidths, int[] headWidths, boolean batchNorm) {

  public EmbedderConfig {
    if (embeddingDim < 1) {
      throw new IllegalArgumentException("embeddingDim must be >= 1: " + embeddingDim);
    }
    pointWidths = checked("pointWidths", pointWidths, true);
    globalWidths = checked("globalWidths", globalWidths, true);
    headWidths = checked("headWidths", headWidths, false);
  }

  private static int[] checked(String name, int[] widths, boolean nonEmpty) {
    if (widths == null || (nonEmpty && widths.length == 0)) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    for (int w : widths) {
      if (w < 1) {
        throw new IllegalArgumentException(name + " has a width < 1: " + Arrays.toString(widths));
      }
    }
    return widths.clone();
  }

  /** CPU default: 64-d embeddings, widths 64,64 / 128,256 / 256,128, batch norm. */
  public static EmbedderConfig small() {
    return new EmbedderConfig(
        64, new int[] {64, 64}, new int[] {128, 256}, new int[] {256, 128}, true);
  }

  /** The reference's widths (PointNet segmentation) with the given embedding size. */
  public static EmbedderConfig reference(int embeddingDim) {
    return new EmbedderConfig(
        embeddingDim, new int[] {64, 128}, new int[] {1024}, new int[] {512, 256, 128}, true);
  }

  /** Same widths, another embedding size. */
  public EmbedderConfig withEmbeddingDim(int dim) {
    return new EmbedderConfig(dim, pointWidths, globalWidths, headWidths, batchNorm);
  }

  /** Width of the local (per-point) feature. */
  public int localWidth() {
    return pointWidths[pointWidths.length - 1];
  }

  /** Width of the global (max-pooled) feature. */
  public int globalWidth() {
    return globalWidths[globalWidths.length - 1];
  }

  @Override
  public int[] pointWidths() {
    return pointWidths.clone();
  }

  @Override
  public int[] globalWidths() {
    return globalWidths.clone();
  }

  @Override
  public int[] headWidths() {
    return headWidths.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EmbedderConfig c
        && c.embeddingDim == embeddingDim
        && c.batchNorm == batchNorm
        && Arrays.equals(c.pointWidths, pointWidths)
        && Arrays.equals(c.globalWidths, globalWidths)
        && Arrays.equals(c.headWidths, headWidths);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(
        new int[] {
          embeddingDim,
          Arrays.hashCode(pointWidths),
          Arrays.hashCode(globalWidths),
          Arrays.hashCode(headWidths),
          batchNorm ? 1 : 0
        });
  }

  @Override
  public String toString() {
    return "EmbedderConfig[dim=" + embeddingDim + ", point=" + Arrays.toString(pointWidths)
        + ", global=" + Arrays.toString(globalWidths) + ", head=" + Arrays.toString(headWidths)
        + ", batchNorm=" + batchNorm + "]";
  }
}
