package org.semcycle.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
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
 * with a checkpoint.
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
   * @return true when the update was applied
   */
  public boolean step(Block block) {
    boolean grad = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      if (!gradientsFinite(block)) {
        skipped++;
        zeroGradients(block);
        return false;
      }
      steps++;
      float bc1 = (float) (1 - Math.pow(beta1, steps));
      float bc2 = (float) (1 - Math.pow(beta2, steps));
      int index = 0;
      for (Pair<String, Parameter> p : block.getParameters()) {
        int i = index++;
        Parameter param = p.getValue();
        if (!param.requiresGradient() || !param.isInitialized()) {
          continue;
        }
        NDArray w = param.getArray();
        NDArray[] mv = moments(i, w);
        // Every temporary is closed here: DJL attaches results to the receiver's manager (the
        // model's), and tempAttach would hand the arrays back to the system manager instead.
        NDArray m = mv[0];
        NDArray v = mv[1];
        try (NDArray g = w.getGradient()) {
          try (NDArray g1 = g.mul(1 - beta1)) {
            m.muli(beta1).addi(g1);
          }
          try (NDArray g2 = g.square();
              NDArray g3 = g2.mul(1 - beta2)) {
            v.muli(beta2).addi(g3);
          }
          try (NDArray mHat = m.div(bc1);
              NDArray vHat = v.div(bc2);
              NDArray root = vHat.sqrt();
              NDArray denom = root.add(epsilon);
              NDArray ratio = mHat.div(denom);
              NDArray update = ratio.mul(learningRate)) {
            w.subi(update);
          }
        }
        JniUtils.zeroGrad((PtNDArray) w);
      }
      return true;
    } finally {
      JniUtils.setGradMode(grad);
    }
  }

  private static boolean gradientsFinite(Block block) {
    for (Pair<String, Parameter> p : block.getParameters()) {
      Parameter param = p.getValue();
      if (!param.requiresGradient() || !param.isInitialized()) {
        continue;
      }
      NDArray w = param.getArray();
      try (NDManager sub = w.getManager().newSubManager()) {
        NDArray g = w.getGradient();
        g.attach(sub);
        NDArray bad = g.isNaN().logicalOr(g.isInfinite()).any();
        bad.attach(sub);
        if (bad.getBoolean()) {
          return false;
        }
      }
    }
    return true;
  }

  private static void zeroGradients(Block block) {
    for (Pair<String, Parameter> p : block.getParameters()) {
      Parameter param = p.getValue();
      if (param.requiresGradient() && param.isInitialized()) {
        JniUtils.zeroGrad((PtNDArray) param.getArray());
      }
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
