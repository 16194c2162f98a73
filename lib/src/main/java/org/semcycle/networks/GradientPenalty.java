package org.semcycle.networks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

/**
 * WGAN-GP critic loss (Gulrajani et al.; ShapeHD's naturalness critic): mean D(fake) - mean
 * D(real) + lambda x mean((||grad_x D(x_hat)||_2 - 1)^2) at x_hat = eps real + (1 - eps) fake.
 *
 * <p>The penalty needs the gradient of D with respect to its input as a differentiable function
 * of D's parameters (a second-order gradient). DJL's public GradientCollector cannot create the
 * graph of a gradient, so this class calls the PyTorch engine's
 * {@code JniUtils.backward(target, grad, keepGraph = true, createGraph = true)} on sum D(x_hat)
 * and reads x_hat's gradient, which then carries its own graph. Two side effects of that call are
 * handled here:
 *
 * <ul>
 *   <li>the same backward also accumulates dD/dtheta (with a graph) into the critic's parameter
 *       gradients: they are zeroed before the loss's own backward;
 *   <li>a parameter gradient that carries a graph would chain every step's graph to the next
 *       (PyTorch accumulates out of place under create_graph): {@link #freshLeaves} replaces the
 *       critic's parameter arrays by detached copies before each penalty, which drops the old
 *       gradients. Call it at the start of every critic step (the training task does).
 * </ul>
 *
 * Checked against central finite differences in GradientPenaltyTest.
 */
public final class GradientPenalty {
  /** The reference's penalty weight. */
  public static final float LAMBDA = 10f;

  private GradientPenalty() {}

  /**
   * The input gradient grad_x sum D(x) at x (N, R, R, R), with a graph so that it can be
   * differentiated again with respect to the critic's parameters. x itself is not modified.
   */
  public static NDArray inputGradient(Block critic, ParameterStore ps, NDArray x) {
    NDArray leaf = x.stopGradient();
    leaf.setRequiresGradient(true);
    NDArray d = critic.forward(ps, new NDList(leaf), true).head().sum();
    NDArray ones = d.onesLike();
    JniUtils.backward((PtNDArray) d, (PtNDArray) ones, true, true);
    NDArray g = leaf.getGradient();
    zeroGradients(critic);
    return g;
  }

  /** The penalty mean((||grad_x D(x)|| - 1)^2) at x, differentiable in the critic's parameters. */
  public static NDArray penalty(Block critic, ParameterStore ps, NDArray x) {
    NDArray g = inputGradient(critic, ps, x);
    Shape s = g.getShape();
    NDArray norm = g.reshape(s.get(0), -1).square().sum(new int[] {1}).add(1e-12).sqrt();
    return norm.sub(1f).square().mean();
  }

  /**
   * The full critic loss for real and fake grids (N, R, R, R) and per-sample mixing weights eps
   * (N) in [0, 1]. The caller runs the (ordinary) backward of the result.
   */
  public static NDArray criticLoss(
      Block critic, ParameterStore ps, NDArray real, NDArray fake, NDArray eps, float lambda) {
    Shape s = real.getShape();
    NDArray e = eps.reshape(s.get(0), 1, 1, 1);
    NDArray mixed = real.mul(e).add(fake.mul(e.neg().add(1f)));
    NDArray gp = penalty(critic, ps, mixed);
    NDArray dReal = critic.forward(ps, new NDList(real), true).head().mean();
    NDArray dFake = critic.forward(ps, new NDList(fake.stopGradient()), true).head().mean();
    return dFake.sub(dReal).add(gp.mul(lambda));
  }

  /** Zeroes the accumulated gradients of a block's trainable parameters. */
  public static void zeroGradients(Block block) {
    for (Pair<String, Parameter> p : block.getParameters()) {
      NDArray a = p.getValue().getArray();
      if (p.getValue().requiresGradient() && a.hasGradient()) {
        JniUtils.zeroGrad((PtNDArray) a);
      }
    }
  }

  /**
   * Replaces each trainable parameter's array by a detached copy with a fresh (empty) gradient,
   * so that no gradient graph survives from one step to the next. Values are unchanged.
   */
  public static void freshLeaves(Block block) {
    boolean grad = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      for (Pair<String, Parameter> p : block.getParameters()) {
        Parameter param = p.getValue();
        if (!param.requiresGradient() || !param.isInitialized()) {
          continue;
        }
        NDArray copy = param.getArray().duplicate();
        copy.setRequiresGradient(true);
        param.close();
        param.setShape(null);
        param.setArray(copy);
      }
    } finally {
      JniUtils.setGradMode(grad);
    }
  }
}
