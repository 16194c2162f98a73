package org.semcycle.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SampleSource} over plain float arrays: each field holds all samples back to back, each
 * sample of the field's per-sample shape (e.g. 3 x S x S for RGB). Fields marked as inputs go to
 * {@link Batch#inputs()}, the others to {@link Batch#labels()}, in the order they were added.
 */
public final class ArraySamples implements SampleSource {
  private record Field(String name, Shape sampleShape, float[] data, boolean input) {}

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

  private ArraySamples add(String name, Shape sampleShape, float[] data, boolean input) {
    long want = sampleShape.size() * size;
    if (data.length != want) {
      throw new IllegalArgumentException(
          "field " + name + ": expected " + want + " floats, got " + data.length);
    }
    fields.add(new Field(name, sampleShape, data, input));
    return this;
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
        System.arraycopy(f.data(), indices[b] * per, out, b * per, per);
      }
      Shape shape = new Shape(indices.length).addAll(f.sampleShape());
      (f.input() ? inputs : labels).add(owned(manager, out, shape, dataType));
    }
    return new Batch(inputs, labels, indices.length);
  }
}
