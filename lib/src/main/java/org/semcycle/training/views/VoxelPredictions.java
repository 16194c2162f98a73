package org.semcycle.training.views;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import org.semcycle.evaluation.VoxelDiagnostics;
import org.semcycle.networks.VoxelNet;
import org.semcycle.rendering.ContactSheet;
import org.semcycle.training.ArraySamples;
import org.semcycle.training.Batch;
import org.semcycle.training.Metrics;
import org.semcycle.training.SampleSource;
import org.semcycle.visualize.VoxelProjections;

/**
 * A trained {@link VoxelNet}'s occupancy probabilities sigmoid(logits) for a set of 2.5D
 * inputs, and the critic's training samples built from them (ShapeHD: the generated grids are
 * the critic's "fake" samples, the models' true grids its "real" ones). Inference only: batch
 * norm in inference mode, gradient recording off, one sub-manager per batch.
 */
public final class VoxelPredictions {
  private VoxelPredictions() {}

  /**
   * The critic's samples for the views of a voxel source (layout of {@link
   * ViewSamples#voxel}: inputs [sketch], labels [occupancy]): inputs [real (R,R,R) occupancy,
   * fake (R,R,R) = sigmoid of the net's logits for the same view], the layout of CriticTask.
   *
   * @param voxelSource batches whose data type matches the net's parameters
   * @param type data type of the critic's batches
   */
  public static ArraySamples criticSamples(
      VoxelNet net, SampleSource voxelSource, int batchSize, DataType type, NDManager manager) {
    int n = voxelSource.size();
    int r = net.options().resolution();
    int r3 = r * r * r;
    float[] real = new float[n * r3];
    float[] fake = new float[n * r3];
    forEachBatch(net, voxelSource, all(n), batchSize, manager, (from, batch, probabilities) -> {
      System.arraycopy(floats(batch.labels().head()), 0, real, from * r3, batch.size() * r3);
      System.arraycopy(probabilities, 0, fake, from * r3, batch.size() * r3);
    });
    Shape grid = new Shape(r, r, r);
    return new ArraySamples(n).withDataType(type).input("real", grid, real).input("fake", grid, fake);
  }

  /** sigmoid(logits) for every sample of the source, back to back ((R,R,R) each). */
  public static float[] probabilities(
      VoxelNet net, SampleSource source, int batchSize, NDManager manager) {
    int r = net.options().resolution();
    int r3 = r * r * r;
    float[] out = new float[source.size() * r3];
    forEachBatch(net, source, all(source.size()), batchSize, manager,
        (from, batch, p) -> System.arraycopy(p, 0, out, from * r3, batch.size() * r3));
    return out;
  }

  /**
   * A picture of the net's predictions for `count` samples of the source, evenly spaced: per
   * row the input depth, the true grid from the front, side and top (green), and the predicted
   * grid at probability `threshold` (red), labelled with the sample's IoU at that threshold
   * ({@link VoxelProjections}).
   */
  public static BufferedImage examples(
      VoxelNet net, SampleSource source, int count, float threshold, NDManager manager) {
    int n = Math.min(count, source.size());
    if (n < 1) {
      throw new IllegalArgumentException("no samples to draw");
    }
    int r = net.options().resolution();
    int r3 = r * r * r;
    int s = net.options().imageSize();
    int[] idx = evenlySpaced(source.size(), n);
    ContactSheet sheet = new ContactSheet(7, 96, 96);
    forEachBatch(net, source, idx, n, manager, (from, batch, p) -> {
      float[] truth = floats(batch.labels().head());
      float[] inputs = floats(batch.inputs().head());
      int c = (int) batch.inputs().head().getShape().get(1);
      for (int i = 0; i < batch.size(); i++) {
        float[] pi = Arrays.copyOfRange(p, i * r3, (i + 1) * r3);
        float[] ti = Arrays.copyOfRange(truth, i * r3, (i + 1) * r3);
        float[] depth = Arrays.copyOfRange(inputs, i * c * s * s, i * c * s * s + s * s);
        sheet.add(String.format(Locale.ROOT, "#%d IoU %.2f", idx[from + i], Metrics.maskIoU(pi, ti, threshold)),
            ContactSheet.depthImage(depth, s, s));
        for (VoxelProjections.View v : VoxelProjections.View.values()) {
          sheet.add("true " + v.name().toLowerCase(Locale.ROOT), VoxelProjections.image(ti, r, 0.5f, v, 0x4CD060));
        }
        for (VoxelProjections.View v : VoxelProjections.View.values()) {
          sheet.add("predicted " + v.name().toLowerCase(Locale.ROOT), VoxelProjections.image(pi, r, threshold, v, 0xE05050));
        }
      }
    });
    return sheet.toImage();
  }

  /**
   * Mean IoU at probability `threshold`, mean best one-cell-shift IoU and mean nearest-shape IoU
   * of the true grids ({@link VoxelDiagnostics}) over `samples` evaluated samples.
   */
  public record Diagnosis(int samples, double threshold, double iou, double bestShiftIoU,
      double nearestShapeIoU) {}

  /**
   * {@link VoxelDiagnostics} over up to `count` evenly spaced samples of the source, the nearest
   * shape taken among `shapes` (the training grids; empty: 0), the prediction occupied where its
   * probability exceeds `threshold`.
   */
  public static Diagnosis diagnose(VoxelNet net, SampleSource source, int count, List<BitSet> shapes,
      float threshold, NDManager manager) {
    if (!(threshold > 0f && threshold < 1f)) {
      throw new IllegalArgumentException("probability threshold must lie in (0, 1), got " + threshold);
    }
    int n = Math.min(count, source.size());
    int r = net.options().resolution();
    int r3 = r * r * r;
    double[] sums = new double[3]; // IoU, best-shift IoU, nearest-shape IoU
    forEachBatch(net, source, evenlySpaced(source.size(), n), 16, manager, (from, batch, p) -> {
      float[] t = floats(batch.labels().head());
      for (int i = 0; i < batch.size(); i++) {
        BitSet pi = VoxelDiagnostics.cells(Arrays.copyOfRange(p, i * r3, (i + 1) * r3), threshold);
        BitSet ti = VoxelDiagnostics.cells(Arrays.copyOfRange(t, i * r3, (i + 1) * r3), 0.5f);
        sums[0] += VoxelDiagnostics.iou(pi, ti);
        sums[1] += VoxelDiagnostics.bestShiftIoU(pi, ti, r);
        sums[2] += VoxelDiagnostics.nearestIoU(ti, shapes);
      }
    });
    return n == 0 ? new Diagnosis(0, threshold, Double.NaN, Double.NaN, Double.NaN)
        : new Diagnosis(n, threshold, sums[0] / n, sums[1] / n, sums[2] / n);
  }

  private interface Sink {
    void accept(int from, Batch batch, float[] probabilities);
  }

  /** Runs the net on the given samples in batches; the sink gets each batch's first position in indices. */
  private static void forEachBatch(VoxelNet net, SampleSource source, int[] indices, int batchSize,
      NDManager manager, Sink sink) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
    }
    boolean grad = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      for (int from = 0; from < indices.length; from += batchSize) {
        int[] idx = Arrays.copyOfRange(indices, from, Math.min(indices.length, from + batchSize));
        try (NDManager sub = manager.newSubManager()) {
          Batch batch = source.batch(sub, idx);
          ParameterStore ps = new ParameterStore(sub, false);
          NDArray logits = net.forward(ps, batch.inputs(), false).head();
          sink.accept(from, batch, floats(Activation.sigmoid(logits)));
        }
      }
    } finally {
      JniUtils.setGradMode(grad);
    }
  }

  private static int[] all(int n) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    return idx;
  }

  /** n indices of 0..size-1, evenly spaced from 0. */
  private static int[] evenlySpaced(int size, int n) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = (int) ((long) i * size / n);
    }
    return idx;
  }

  private static float[] floats(NDArray a) {
    return a.toType(DataType.FLOAT32, false).toFloatArray();
  }
}
