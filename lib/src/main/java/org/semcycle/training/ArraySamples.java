package org.semcycle.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
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

    /** Writes one sample at element offset at of a float32 array's memory (scratch: per floats). */
    void copy(int sample, FloatBuffer out, int at, int per, float[] scratch) {
      if (data != null) {
        out.put(at, data, sample * per, per);
        return;
      }
      copy(sample, scratch, 0, per);
      out.put(at, scratch, 0, per);
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
   * random NaN gradients). So float32 and float64 arrays are allocated by libtorch and written
   * through a direct view of their own memory ({@link #write}: one copy, no Java-side direct
   * buffer left for the collector); other types are created from a copy of DJL's wrapped buffer.
   * ({@code toType(float32, true)} of a float32 array is no copy: the engine hands back a tensor
   * on the same storage.)
   */
  public static NDArray owned(NDManager manager, float[] data, Shape shape, DataType type) {
    if (data.length != shape.size()) {
      throw new IllegalArgumentException(data.length + " values for shape " + shape);
    }
    if ((type == DataType.FLOAT32 || type == DataType.FLOAT64) && onCpu(manager.getDevice())) {
      NDArray a = manager.create(shape, type);
      write(a, data);
      return a;
    }
    try (NDArray blob = manager.create(data, shape)) {
      // On a GPU the engine copies the blob to the device; duplicate() so float32 gets a copy too.
      return blob.getDataType() == type ? blob.duplicate() : blob.toType(type, true);
    }
  }

  private static boolean onCpu(Device device) {
    return Device.Type.CPU.equals(device.getDeviceType());
  }

  /**
   * The values of a float32 or float64 array as floats (one copy out of its memory when it is a
   * float32 array made here, else through DJL's read-back).
   */
  public static float[] read(NDArray a) {
    if (a.getDataType() != DataType.FLOAT32 || !onCpu(a.getDevice())) {
      return a.toType(DataType.FLOAT32, false).toFloatArray();
    }
    float[] out = new float[Math.toIntExact(a.size())];
    memory(a).asFloatBuffer().get(out);
    return out;
  }

  /**
   * Overwrites the values of a float32 or float64 array made by {@link #owned} or {@link #batch}
   * (contiguous, no gradient recorded): in place on the CPU, through the engine's copy elsewhere.
   */
  public static void write(NDArray a, float[] values) {
    if (values.length != a.size()) {
      throw new IllegalArgumentException(values.length + " values for an array of " + a.size());
    }
    if (a.getDataType() != DataType.FLOAT32 && a.getDataType() != DataType.FLOAT64) {
      throw new IllegalArgumentException("write: float32 or float64 arrays only, got " + a.getDataType());
    }
    if (!onCpu(a.getDevice())) {
      if (a.getDataType() == DataType.FLOAT32) {
        a.set(FloatBuffer.wrap(values));
      } else {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
          d[i] = values[i];
        }
        a.set(DoubleBuffer.wrap(d));
      }
      return;
    }
    ByteBuffer mem = memory(a);
    if (a.getDataType() == DataType.FLOAT32) {
      mem.asFloatBuffer().put(values);
    } else {
      DoubleBuffer d = mem.asDoubleBuffer();
      for (int i = 0; i < values.length; i++) {
        d.put(i, values[i]);
      }
    }
  }

  /** A direct view of a contiguous CPU array's own memory (no copy). */
  private static ByteBuffer memory(NDArray a) {
    ByteBuffer mem = a.toByteBuffer(true);
    if (!mem.isDirect() || mem.capacity() != a.size() * a.getDataType().getNumOfBytes()) {
      throw new IllegalStateException("no direct view of the array's memory: " + a.getShape() + " " + a.getDataType());
    }
    return mem.order(ByteOrder.nativeOrder());
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

  /**
   * The samples' fields as arrays owned by libtorch ({@link #owned}); float32 batches are written
   * sample by sample straight into the arrays' memory.
   */
  @Override
  public Batch batch(NDManager manager, int[] indices) {
    NDList inputs = new NDList();
    NDList labels = new NDList();
    for (Field f : fields) {
      int per = (int) f.sampleShape().size();
      Shape shape = new Shape(indices.length).addAll(f.sampleShape());
      NDArray a;
      if (dataType == DataType.FLOAT32 && onCpu(manager.getDevice())) {
        a = manager.create(shape, dataType);
        FloatBuffer out = memory(a).asFloatBuffer();
        float[] scratch = f.data() == null ? new float[per] : null;
        for (int b = 0; b < indices.length; b++) {
          f.copy(indices[b], out, b * per, per, scratch);
        }
      } else {
        float[] out = new float[per * indices.length];
        for (int b = 0; b < indices.length; b++) {
          f.copy(indices[b], out, b * per, per);
        }
        a = owned(manager, out, shape, dataType);
      }
      (f.input() ? inputs : labels).add(a);
    }
    return new Batch(inputs, labels, indices.length);
  }
}
