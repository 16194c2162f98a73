package org.semcycle.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SampleSource} over plain arrays: each field holds all samples back to back, each
 * sample of the field's per-sample shape (e.g. 3 x S x S for RGB). Fields marked as inputs go to
 * {@link Batch#inputs()}, the others to {@link Batch#labels()}, in the order they were added.
 * Fields are floats, or for {0, 1} labels one byte a value ({@link #binaryLabel}), expanded to
 * the batch's type per batch.
 */
public final class ArraySamples implements SampleSource {
  /** One field: floats in data, or bytes in bytes (the other null). */
  private record Field(String name, Shape sampleShape, float[] data, byte[] bytes, boolean input) {
    void copy(int sample, float[] out, int at, int per) {
      if (data != null) {
        System.arraycopy(data, sample * per, out, at, per);
        return;
      }
      int from = sample * per;
      for (int j = 0; j < per; j++) {
        out[at + j] = bytes[from + j];
      }
    }
  }

  private final int size;
  private DataType dataType = DataType.FLOAT32;
  private final List<Field> fields = new ArrayList<>();

  /** An empty source for size samples; add fields next. */
  public ArraySamples(int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("size must be positive, got " + size);
    }
    this.size = size;
  }

  /** Sets the data type of the batch arrays (float32 by default; float64 for exact checks). */
  public ArraySamples withDataType(DataType type) {
    this.dataType = type;
    return this;
  }

  /** Adds an input field (size x sampleShape floats). */
  public ArraySamples input(String name, Shape sampleShape, float[] data) {
    return add(name, sampleShape, data, true);
  }

  /** Adds a label field (size x sampleShape floats). */
  public ArraySamples label(String name, Shape sampleShape, float[] data) {
    return add(name, sampleShape, data, false);
  }

  /**
   * Adds a label field of 0/1 values stored one byte a value (size x sampleShape bytes, each 0 or
   * 1): a quarter of the floats' memory, for the voxel net's occupancy grids (20000 samples of
   * 32^3: 0.66 GB instead of 2.6 GB).
   */
  public ArraySamples binaryLabel(String name, Shape sampleShape, byte[] data) {
    check(name, sampleShape, data.length, "bytes");
    for (int i = 0; i < data.length; i++) {
      if (data[i] != 0 && data[i] != 1) {
        throw new IllegalArgumentException(
            "field " + name + ": a binary label holds 0 or 1, got " + data[i] + " at " + i);
      }
    }
    fields.add(new Field(name, sampleShape, null, data, false));
    return this;
  }

  private ArraySamples add(String name, Shape sampleShape, float[] data, boolean input) {
    check(name, sampleShape, data.length, "floats");
    fields.add(new Field(name, sampleShape, data, null, input));
    return this;
  }

  private void check(String name, Shape sampleShape, long length, String what) {
    long want = sampleShape.size() * size;
    if (length != want) {
      throw new IllegalArgumentException(
          "field " + name + ": expected " + want + " " + what + ", got " + length);
    }
  }

  /**
   * An array whose native storage is owned by libtorch. DJL's {@code create(float[])} wraps a
   * direct ByteBuffer without copying (from_blob); views and tensors saved for backward do not
   * keep that buffer alive, and once the garbage collector frees it they read garbage (seen as
   * random NaN gradients). A native copy avoids that. {@code toType(float32, true)} of a float32
   * array is not one: the engine hands back a tensor on the same storage, so float32 batches
   * (the default precision) read freed memory after the next garbage collection; {@code
   * duplicate()} (a clone) is a copy.
   */
  public static NDArray owned(NDManager manager, float[] data, Shape shape, DataType type) {
    try (NDArray blob = manager.create(data, shape)) {
      return type == blob.getDataType() ? blob.duplicate() : blob.toType(type, true);
    }
  }

  /** The position of the named input field in {@link Batch#inputs()}, or -1 when there is none. */
  public int inputIndex(String name) {
    int i = 0;
    for (Field f : fields) {
      if (f.input()) {
        if (f.name().equals(name)) {
          return i;
        }
        i++;
      }
    }
    return -1;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Batch batch(NDManager manager, int[] indices) {
    NDList inputs = new NDList();
    NDList labels = new NDList();
    for (Field f : fields) {
      int per = (int) f.sampleShape().size();
      float[] out = new float[per * indices.length];
      for (int b = 0; b < indices.length; b++) {
        f.copy(indices[b], out, b * per, per);
      }
      Shape shape = new Shape(indices.length).addAll(f.sampleShape());
      (f.input() ? inputs : labels).add(owned(manager, out, shape, dataType));
    }
    return new Batch(inputs, labels, indices.length);
  }
}
