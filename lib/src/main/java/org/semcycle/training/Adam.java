package org.semcycle.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba, with bias correction, as torch.optim.Adam without weight decay) over a
 * block's trainable parameters, updating them in place with gradient recording off and zeroing
 * their gradients afterwards.
 *
 * <p>Written here instead of using DJL's Trainer/Optimizer because DJL's ParameterStore caches
 * parameter arrays, while the WGAN-GP critic must swap its parameter arrays every step
 * ({@code GradientPenalty.freshLeaves}); this optimiser reads the current array each step. Its
 * moments are keyed by the parameter's position in {@code block.getParameters()} and can be saved
 * with a checkpoint. The arithmetic is DJL's fused libtorch kernel ({@link #step}), one native call
 * per parameter.
 */
public final class Adam {
  private float learningRate;
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private final NDManager stateManager;
  private final List<NDArray[]> moments = new ArrayList<>();
  private long steps;
  private long skipped;

  /** An optimiser keeping its moments in the given manager. */
  public Adam(NDManager stateManager, float learningRate, float beta1, float beta2) {
    this.stateManager = stateManager;
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = 1e-8f;
  }

  /** Sets the step size of the following updates (a schedule's epoch rate). */
  public void setLearningRate(float learningRate) {
    if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be finite and > 0, got " + learningRate);
    }
    this.learningRate = learningRate;
  }

  /** The current step size. */
  public float learningRate() {
    return learningRate;
  }

  /** Steps taken so far. */
  public long steps() {
    return steps;
  }

  /** Steps skipped because a gradient was not finite. */
  public long skipped() {
    return skipped;
  }

  /**
   * Applies one update from the accumulated gradients, then zeroes them. When any gradient holds
   * NaN or infinity the update is skipped (and counted, see {@link #skipped}): a guard against a
   * diverging run and against native faults such as libtorch 2.5.1's oneDNN convolutions on
   * unaligned channel counts (NaN gradients; the networks avoid them with AlignedConvolution).
   *
   * <p>The check reads one number back for all parameters: each gradient's sum (NaN or infinite
   * when an element is, and when the finite elements' sum overflows the type, a gradient beyond
   * 1e38 that Adam's squared moment could not hold anyway), stacked. Each update is one call of
   * DJL's fused {@code JniUtils.adamUpdate}, which computes {@code m = b1 m + (1 - b1) g, v = b2 v
   * + (1 - b2) g^2, w -= lr' m / (sqrt(v) + eps')} in libtorch. torch.optim.Adam's {@code w -= lr
   * (m / c1) / (sqrt(v / c2) + eps)} (c1 = 1 - b1^t, c2 = 1 - b2^t) is that with {@code lr' = lr
   * sqrt(c2) / c1} and {@code eps' = eps sqrt(c2)}: the same update, only rounded differently (the
   * kernel's own eps sits outside the bias correction, so passing eps unscaled would not be
   * torch's Adam early on).
   *
   * @return true when the update was applied
   */
  public boolean step(Block block) {
    boolean grad = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    List<PtNDArray> weights = new ArrayList<>();
    List<Integer> slots = new ArrayList<>();
    int index = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      int i = index++;
      Parameter param = p.getValue();
      if (param.requiresGradient() && param.isInitialized()) {
        weights.add((PtNDArray) param.getArray());
        slots.add(i);
      }
    }
    PtNDArray[] grads = new PtNDArray[weights.size()];
    try {
      for (int k = 0; k < grads.length; k++) {
        grads[k] = JniUtils.getGradient(weights.get(k));
      }
      if (!finite(grads)) {
        skipped++;
        weights.forEach(JniUtils::zeroGrad);
        return false;
      }
      steps++;
      double c1 = 1 - Math.pow(beta1, steps);
      double c2 = Math.sqrt(1 - Math.pow(beta2, steps));
      float stepSize = (float) (learningRate * c2 / c1);
      float eps = (float) (epsilon * c2);
      for (int k = 0; k < grads.length; k++) {
        PtNDArray w = weights.get(k);
        if (grads[k] == null) {
          continue; // no gradient reached it (as torch.optim.Adam: not updated)
        }
        NDArray[] mv = moments(slots.get(k), w);
        JniUtils.adamUpdate(w, grads[k], (PtNDArray) mv[0], (PtNDArray) mv[1], learningRate, stepSize,
            0f, 1f, -1f, beta1, beta2, eps, false);
        JniUtils.zeroGrad(w);
      }
      return true;
    } finally {
      for (PtNDArray g : grads) {
        if (g != null) {
          g.close();
        }
      }
      JniUtils.setGradMode(grad);
    }
  }

  /** Whether every gradient is finite, from one read-back of their stacked sums. */
  private static boolean finite(PtNDArray[] grads) {
    NDList sums = new NDList(grads.length);
    try {
      for (PtNDArray g : grads) {
        if (g != null) {
          sums.add(g.sum());
        }
      }
      if (sums.isEmpty()) {
        return true;
      }
      try (NDArray all = NDArrays.stack(sums);
          NDArray wide = all.toType(DataType.FLOAT64, true)) {
        for (double s : wide.toDoubleArray()) {
          if (!Double.isFinite(s)) {
            return false;
          }
        }
        return true;
      }
    } finally {
      sums.close();
    }
  }

  private NDArray[] moments(int index, NDArray like) {
    while (moments.size() <= index) {
      moments.add(null);
    }
    NDArray[] mv = moments.get(index);
    if (mv == null) {
      mv =
          new NDArray[] {
            stateManager.zeros(like.getShape(), like.getDataType()),
            stateManager.zeros(like.getShape(), like.getDataType())
          };
      moments.set(index, mv);
    }
    return mv;
  }

  /** Writes the step count and moments (NDList encoding; empty slots as 0-size arrays). */
  public void save(OutputStream out) throws IOException {
    NDList list = new NDList();
    list.add(stateManager.create(new long[] {steps}));
    for (NDArray[] mv : moments) {
      if (mv == null) {
        list.add(stateManager.create(new float[0]));
        list.add(stateManager.create(new float[0]));
      } else {
        list.add(mv[0]);
        list.add(mv[1]);
      }
    }
    out.write(list.encode());
  }

  /** Restores what {@link #save} wrote. */
  public void load(InputStream in) throws IOException {
    NDList list = NDList.decode(stateManager, in.readAllBytes());
    steps = list.get(0).getLong();
    moments.clear();
    for (int i = 1; i + 1 < list.size(); i += 2) {
      NDArray m = list.get(i);
      moments.add(m.size() == 0 && m.getShape().dimension() == 1 ? null
          : new NDArray[] {m, list.get(i + 1)});
    }
  }
}
