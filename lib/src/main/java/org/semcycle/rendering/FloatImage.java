package org.semcycle.rendering;

/**
 * A decoded image as floats, row-major with interleaved channels (index {@code (y * width + x)
 * * channels + c}). What {@link ImageCodec}'s decoders return for the networks to read.
 */
public record FloatImage(int width, int height, int channels, float[] data) {

  public FloatImage {
    if ((long) width * height * channels != data.length) {
      throw new IllegalArgumentException("data length " + data.length + " is not " + width + "x" + height + "x" + channels);
    }
  }

  public float get(int x, int y, int c) {
    return data[(y * width + x) * channels + c];
  }

  /** The data in channel-major order (C, H, W), as tensors want it. */
  public float[] toChw() {
    float[] out = new float[data.length];
    int n = width * height;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < channels; c++) {
        out[c * n + i] = data[i * channels + c];
      }
    }
    return out;
  }
}
