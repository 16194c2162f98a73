package org.semcycle.embedding;

import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;
import org.semcycle.networks.DjlRuntime;

/** Runs inference code with gradient tracking off on the calling thread, then restores it. */
final class NoGrad {
  private NoGrad() {}

  static <T> T run(Supplier<T> body) {
    DjlRuntime.engine();
    boolean grad = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      return body.get();
    } finally {
      JniUtils.setGradMode(grad);
    }
  }
}
