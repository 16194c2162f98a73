package org.semcycle.cycle.viewpoint;

import org.semcycle.rendering.camera.Viewpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.semcycle.rendering.camera.Viewpoint.Parameter;
import org.semcycle.networks.DjlRuntime;

/**
 * Viewpoint fine-tuning (stage 8 of the cycle): from an initial viewpoint (ViewNet's), minimise a
 * silhouette loss between the mesh's soft silhouette ({@link SoftSilhouetteRenderer}) and a target
 * mask (e.g. the 2.5D net's predicted silhouette) by Adam.
 *
 * <p><b>Variables.</b> Adam runs on unit-free variables, one per free parameter: azimuth,
 * elevation and in-plane rotation in radians, the distance as {@code log(d / d0)}, the offsets as
 * fractions of the image; so one learning rate fits all (0.03 is ~1.7 degrees or 3% of the
 * distance per step at most). Elevation is kept in [-89, 89] degrees. Adam with betas (0.9,
 * 0.999), the learning rate decayed by a cosine to a tenth over the steps.
 *
 * <p><b>Coarse to fine.</b> The edge blur sigma (pixels^2, see the renderer) goes geometrically
 * from {@code sigmaStart} to {@code sigmaEnd}: a wide blur reaches a target outline a few pixels
 * away (larger basin), a sharp one places the edges precisely and keeps the product
 * aggregation's outline growth (about sqrt(sigma ln n) pixels) from biasing the distance. On the
 * test chair (32 x 32) both 2 -> 0.05 and a fixed 0.05 recovered +-20 degrees azimuth, +-10
 * elevation, +-10% distance; a fixed wide sigma did not (9 -> 0.05 and 16 -> 0.1 stalled with the
 * object shrunk: the outline growth outweighs the pose while sigma is large). Defaults tuned for
 * 32-64 pixel silhouettes.
 *
 * <p><b>Losses.</b> MSE {@code mean((S - T)^2)} (the reference's) or soft IoU
 * {@code 1 - sum(S T) / sum(S + T - S T)}. The reported IoU is the soft IoU at the final
 * viewpoint and {@code sigmaEnd}.
 *
 * <p><b>Gradients and threads.</b> DJL's PyTorch engine allows one {@link GradientCollector}
 * collecting per JVM (a static flag), and Spark runs tasks as threads of one executor JVM. Three
 * strategies, chosen by {@link Options#gradients()}:
 *
 * <ul>
 *   <li>{@link GradientStrategy#AUTOGRAD_LOCKED}: a GradientCollector per step, the whole
 *       autograd section behind one JVM-wide lock: safe among fits, but concurrent fits take turns
 *       (the lock does not cover other code of the JVM that opens a collector, e.g. training).
 *   <li>{@link GradientStrategy#AUTOGRAD_NO_COLLECTOR}: autograd without DJL's collector: the
 *       parameters get {@code requires_grad}, the thread's grad mode is on, and the engine's
 *       {@code JniUtils.backward} runs the backward pass. PyTorch's autograd is thread-safe for
 *       separate graphs, so fits run in parallel; it relies on a PyTorch-engine class.
 *   <li>{@link GradientStrategy#FINITE_DIFFERENCES}: central differences of the loss over the k
 *       free parameters, the 2k + 1 viewpoints rendered as one batch, forward pass only (grad mode
 *       off): no collector, no lock, parallel; about 2k + 1 forward passes of work a step.
 * </ul>
 *
 * <p><b>Measured</b> (ViewpointFitterBenchmark: 72-face chair, default options = 60 steps,
 * intra-op threads 1, jemalloc preloaded; this VM's 2 cores were shared with other builds at a
 * load average of 11-13, so wall times are inflated and two threads cannot show a speed-up; the
 * per-fit thread CPU time is the robust number):
 *
 * <pre>
 *   32 x 32   AUTOGRAD_LOCKED        cpu  557 ms/fit (1 thread)   576 ms/fit (2 threads)
 *             AUTOGRAD_NO_COLLECTOR  cpu  881                     692
 *             FINITE_DIFFERENCES     cpu 1177                    1405
 *   48 x 48   AUTOGRAD_LOCKED        cpu 1454                    1342
 *             AUTOGRAD_NO_COLLECTOR  cpu 1347                    1395
 *             FINITE_DIFFERENCES     cpu 2518                    2874
 * </pre>
 *
 * Without jemalloc (glibc malloc) finite differences took 10.0 s of wall a fit at 32 x 32 against
 * 1.9-2.2 s for autograd: each step allocates 7x larger arrays, and page faults dominate
 * (DJL-NOTES.md). The two autograd strategies do the same work (their differences above are
 * noise); finite differences cost 2x (jemalloc) to 4-5x (glibc) the compute. The lock makes fits
 * take turns: an executor with c cores and c tasks fits one viewpoint at a time, whatever c.
 * Hence the default {@link GradientStrategy#AUTOGRAD_NO_COLLECTOR}: autograd's cost, no lock,
 * parallel across task threads (tested: two concurrent fits give the same results as sequential
 * ones). {@link GradientStrategy#AUTOGRAD_LOCKED} stays as the fallback that uses only DJL's
 * public API; {@link GradientStrategy#FINITE_DIFFERENCES} needs no autograd at all.
 *
 * <p>Cost grows with the face budget: on a 4684-face marching-cubes mesh (32^3 L shape, 32 x 32
 * target from the full mesh, start +20 az / -10 el / +10% d) one fit took 2.2 s of CPU at 264
 * faces (error 0.9 / 1.3 degrees, distance 6% short: clustering shrinks the mesh) and 6.0 s at
 * 782 faces (0.5 / 0.3 degrees, distance 2.4% short).
 */
public final class ViewpointFitter {
  /** One lock for the whole JVM: DJL's collector flag is static. */
  private static final ReentrantLock AUTOGRAD_LOCK = new ReentrantLock();

  /** Silhouette loss. */
  public enum Loss {
    MSE,
    SOFT_IOU
  }

  /** How the loss gradient is obtained (see the class description). */
  public enum GradientStrategy {
    AUTOGRAD_LOCKED,
    AUTOGRAD_NO_COLLECTOR,
    FINITE_DIFFERENCES
  }

  /**
   * Fit settings.
   *
   * @param steps Adam steps
   * @param learningRate initial Adam step size on the unit-free variables
   * @param loss the silhouette loss
   * @param free the parameters optimised; the others stay at their initial values
   * @param sigmaStart edge blur (pixels^2) at the first step
   * @param sigmaEnd edge blur (pixels^2) at the last step and for the reported IoU
   * @param gradients gradient strategy
   */
  public record Options(
      int steps,
      double learningRate,
      Loss loss,
      Set<Parameter> free,
      double sigmaStart,
      double sigmaEnd,
      GradientStrategy gradients) {
    public Options {
      if (steps < 1 || !(learningRate > 0) || !(sigmaStart > 0) || !(sigmaEnd > 0)) {
        throw new IllegalArgumentException(
            "steps, learning rate and sigmas must be positive: " + steps + ", " + learningRate
                + ", " + sigmaStart + ", " + sigmaEnd);
      }
      if (free.isEmpty()) {
        throw new IllegalArgumentException("no free parameter");
      }
      free = Set.copyOf(EnumSet.copyOf(free));
    }

    /** Azimuth, elevation and distance; 60 steps, lr 0.05, MSE, sigma 2 to 0.05 px^2. */
    public static Options defaults() {
      return new Options(
          60,
          0.05,
          Loss.MSE,
          EnumSet.of(Parameter.AZIMUTH, Parameter.ELEVATION, Parameter.DISTANCE),
          2.0,
          0.05,
          GradientStrategy.AUTOGRAD_NO_COLLECTOR);
    }

    public Options withSteps(int s) {
      return new Options(s, learningRate, loss, free, sigmaStart, sigmaEnd, gradients);
    }

    public Options withLearningRate(double lr) {
      return new Options(steps, lr, loss, free, sigmaStart, sigmaEnd, gradients);
    }

    public Options withLoss(Loss l) {
      return new Options(steps, learningRate, l, free, sigmaStart, sigmaEnd, gradients);
    }

    public Options withFree(Set<Parameter> f) {
      return new Options(steps, learningRate, loss, f, sigmaStart, sigmaEnd, gradients);
    }

    public Options withSigma(double start, double end) {
      return new Options(steps, learningRate, loss, free, start, end, gradients);
    }

    public Options withGradients(GradientStrategy g) {
      return new Options(steps, learningRate, loss, free, sigmaStart, sigmaEnd, g);
    }
  }

  /**
   * A fit's result.
   *
   * @param viewpoint the fitted viewpoint (azimuth wrapped into [0, 360))
   * @param lossCurve the loss at each step, before that step's update (at that step's sigma)
   * @param softIou soft IoU with the target at the fitted viewpoint and sigmaEnd
   */
  public record Fit(Viewpoint viewpoint, double[] lossCurve, double softIou) {}

  private final Options options;

  public ViewpointFitter(Options options) {
    this.options = options;
  }

  public Options options() {
    return options;
  }

  /**
   * Fits the viewpoint of {@code renderer}'s mesh to {@code target}, a row-major H x W mask in
   * [0, 1] at the renderer's size. Thread-safe: concurrent fits on different threads are fine
   * with every strategy. The calling thread's grad mode is restored on return.
   */
  public Fit fit(SoftSilhouetteRenderer renderer, float[] target, Viewpoint initial) {
    if (target.length != renderer.width() * renderer.height()) {
      throw new IllegalArgumentException(
          "target has " + target.length + " pixels, renderer " + renderer.width() + "x"
              + renderer.height());
    }
    DjlRuntime.engine();
    boolean wasTracking = JniUtils.isGradMode();
    try {
      return run(renderer, target, initial);
    } finally {
      JniUtils.setGradMode(wasTracking);
    }
  }

  private Fit run(SoftSilhouetteRenderer renderer, float[] target, Viewpoint initial) {
    List<Parameter> free = List.copyOf(EnumSet.copyOf(options.free()));
    int k = free.size();
    double[] base = initial.toArray();
    double[] x = new double[k];
    double[] m = new double[k];
    double[] v = new double[k];
    double[] curve = new double[options.steps()];
    double beta1 = 0.9;
    double beta2 = 0.999;
    for (int step = 0; step < options.steps(); step++) {
      double frac = options.steps() == 1 ? 1 : step / (double) (options.steps() - 1);
      double sigma = options.sigmaStart() * Math.pow(options.sigmaEnd() / options.sigmaStart(), frac);
      double lr = options.learningRate() * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * frac)));
      double[] params = toParams(base, free, x);
      double[] lossAndGrad = lossAndGradient(renderer, target, params, free, sigma);
      curve[step] = lossAndGrad[0];
      for (int i = 0; i < k; i++) {
        double g = lossAndGrad[1 + i] * chain(free.get(i), params);
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        double mh = m[i] / (1 - Math.pow(beta1, step + 1));
        double vh = v[i] / (1 - Math.pow(beta2, step + 1));
        x[i] -= lr * mh / (Math.sqrt(vh) + 1e-12);
      }
      clampElevation(base, free, x);
    }
    Viewpoint fitted = Viewpoint.fromArray(toParams(base, free, x)).normalized();
    float[] sil = renderer.render(fitted, options.sigmaEnd());
    return new Fit(fitted, curve, softIou(sil, target));
  }

  /** Parameter values (degrees, object units, fractions) of the unit-free variables. */
  private static double[] toParams(double[] base, List<Parameter> free, double[] x) {
    double[] p = base.clone();
    for (int i = 0; i < free.size(); i++) {
      int a = free.get(i).ordinal();
      switch (free.get(i)) {
        case AZIMUTH, ELEVATION, IN_PLANE -> p[a] = base[a] + Math.toDegrees(x[i]);
        case DISTANCE -> p[a] = base[a] * Math.exp(x[i]);
        default -> p[a] = base[a] + x[i];
      }
    }
    return p;
  }

  /** d parameter / d variable. */
  private static double chain(Parameter p, double[] params) {
    return switch (p) {
      case AZIMUTH, ELEVATION, IN_PLANE -> 180 / Math.PI;
      case DISTANCE -> params[Parameter.DISTANCE.ordinal()];
      default -> 1;
    };
  }

  private static void clampElevation(double[] base, List<Parameter> free, double[] x) {
    int i = free.indexOf(Parameter.ELEVATION);
    if (i >= 0) {
      double el = base[1] + Math.toDegrees(x[i]);
      double clamped = Math.max(-89, Math.min(89, el));
      x[i] = Math.toRadians(clamped - base[1]);
    }
  }

  /** {loss, dLoss/dParam for each free parameter} at {@code params}. */
  private double[] lossAndGradient(
      SoftSilhouetteRenderer r, float[] target, double[] params, List<Parameter> free,
      double sigma) {
    return switch (options.gradients()) {
      case AUTOGRAD_LOCKED -> {
        AUTOGRAD_LOCK.lock();
        try {
          yield autograd(r, target, params, free, sigma, true);
        } finally {
          AUTOGRAD_LOCK.unlock();
        }
      }
      case AUTOGRAD_NO_COLLECTOR -> autograd(r, target, params, free, sigma, false);
      case FINITE_DIFFERENCES -> finiteDifferences(r, target, params, free, sigma);
    };
  }

  private double[] autograd(
      SoftSilhouetteRenderer r, float[] target, double[] params, List<Parameter> free,
      double sigma, boolean collector) {
    DjlRuntime.trainingMode();
    try (NDManager m = DjlRuntime.engine().newBaseManager()) {
      NDArray p = m.create(params).toType(r.dataType(), false);
      p.setRequiresGradient(true);
      NDArray t = targetArray(m, target, r.dataType());
      double loss;
      if (collector) {
        try (GradientCollector gc = DjlRuntime.engine().newGradientCollector()) {
          NDArray l = lossOf(r.render(p, sigma), t);
          loss = l.toType(DataType.FLOAT64, false).getDouble();
          gc.backward(l);
        }
      } else {
        NDArray l = lossOf(r.render(p, sigma), t);
        loss = l.toType(DataType.FLOAT64, false).getDouble();
        JniUtils.backward((PtNDArray) l, (PtNDArray) m.ones(l.getShape(), l.getDataType()),
            false, false);
      }
      double[] g = p.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
      double[] out = new double[1 + free.size()];
      out[0] = loss;
      for (int i = 0; i < free.size(); i++) {
        out[1 + i] = g[free.get(i).ordinal()];
      }
      return out;
    }
  }

  /** Central difference steps per parameter (degrees, relative distance, fraction). */
  static double fdStep(Parameter p, double[] params) {
    return switch (p) {
      case AZIMUTH, ELEVATION, IN_PLANE -> 0.25;
      case DISTANCE -> 0.0025 * params[2];
      default -> 0.001;
    };
  }

  private double[] finiteDifferences(
      SoftSilhouetteRenderer r, float[] target, double[] params, List<Parameter> free,
      double sigma) {
    DjlRuntime.inferenceMode();
    int k = free.size();
    double[] batch = new double[(2 * k + 1) * 6];
    for (int row = 0; row < 2 * k + 1; row++) {
      System.arraycopy(params, 0, batch, row * 6, 6);
    }
    double[] h = new double[k];
    for (int i = 0; i < k; i++) {
      int a = free.get(i).ordinal();
      h[i] = fdStep(free.get(i), params);
      batch[(1 + 2 * i) * 6 + a] += h[i];
      batch[(2 + 2 * i) * 6 + a] -= h[i];
    }
    try (NDManager m = DjlRuntime.engine().newBaseManager()) {
      NDArray p = m.create(batch, new Shape(2 * k + 1, 6));
      NDArray t = targetArray(m, target, r.dataType());
      double[] losses =
          lossOf(r.render(p, sigma), t).toType(DataType.FLOAT64, false).toDoubleArray();
      double[] out = new double[1 + k];
      out[0] = losses[0];
      for (int i = 0; i < k; i++) {
        out[1 + i] = (losses[1 + 2 * i] - losses[2 + 2 * i]) / (2 * h[i]);
      }
      return out;
    }
  }

  private static NDArray targetArray(NDManager m, float[] target, DataType type) {
    return m.create(target).toType(type, false);
  }

  /** Loss of silhouettes (B, P) or (P) against the target (P): (B) or scalar. */
  NDArray lossOf(NDArray sil, NDArray target) {
    int axis = sil.getShape().dimension() - 1;
    if (options.loss() == Loss.MSE) {
      NDArray d = sil.sub(target);
      return d.mul(d).mean(new int[] {axis});
    }
    NDArray inter = sil.mul(target).sum(new int[] {axis});
    NDArray union = sil.sum(new int[] {axis}).add(target.sum()).sub(inter).add(1e-6);
    return inter.div(union).neg().add(1);
  }

  /** Soft IoU sum(s t) / sum(s + t - s t) of two masks in [0, 1] (1 when both are empty). */
  public static double softIou(float[] s, float[] t) {
    double inter = 0;
    double union = 0;
    for (int i = 0; i < s.length; i++) {
      inter += (double) s[i] * t[i];
      union += s[i] + t[i] - (double) s[i] * t[i];
    }
    return union == 0 ? 1 : inter / union;
  }
}
