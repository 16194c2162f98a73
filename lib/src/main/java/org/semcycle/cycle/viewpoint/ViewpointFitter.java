package org.semcycle.cycle.viewpoint;

import org.semcycle.rendering.camera.Viewpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.concurrent.locks.ReentrantLock;
import org.semcycle.rendering.camera.Viewpoint.Parameter;
import org.semcycle.networks.DjlRuntime;

/**
 * Viewpoint fine-tuning (stage 8 of the cycle): from an initial viewpoint (ViewNet's), minimise a
 * silhouette loss between the mesh's soft silhouette ({@link SoftRasterizer}, or the DJL
 * {@link SoftSilhouetteRenderer} of the same function) and a target mask (e.g. the 2.5D net's
 * predicted silhouette) by Adam.
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
 * 32-64 pixel silhouettes. With {@link GradientStrategy#ANALYTIC}, the steps whose sigma is at
 * least {@link Options#coarseSigma()} (default 0.5 px^2, the first 38% of the steps) fit at half
 * the resolution ({@link SoftRasterizer#halfResolution()}, the target averaged over 2 x 2 pixels,
 * sigma / 4 so the blur covers the same part of the image): a wide blur has no detail a half-size
 * image loses, and those steps, whose faces reach farthest (a term's reach is sqrt(30 sigma)
 * pixels), cost a quarter. On the marching-cubes chair of ViewpointFitterPerfTest (7 starts,
 * the infer job's settings) this halves the CPU per fit (36.0 to 18.1 ms) at the same accuracy:
 * soft IoU 0.8985 against 0.8972, errors azimuth 4.30 against 4.82 degrees, elevation 2.62
 * against 2.41, distance 7.5% against 7.0%; the recovery tests' errors stay within their bounds
 * and within 3 degrees of autograd's. Coarse steps from sigma 1 cost 23.9 ms (IoU 0.8973), from
 * 0.25 14.5 ms with a lower IoU (0.8922).
 *
 * <p><b>Early stopping</b> ({@link Options#patience()}, off by default): stop once the soft IoU
 * at full resolution has not risen by {@value #EARLY_STOP_RISE} for {@code patience} steps
 * ({@link Fit#lossCurve()} then has one entry a step used). The blur shrinks every step, which
 * sharpens the silhouette and raises the IoU, so a fit rarely stalls before its last steps, and
 * those are the cheap ones: in ViewpointFitterPerfTest, patience 5 used 38 of 40 steps for 17.5 ms and a
 * lower IoU (0.8973); patience 3 stopped after 29 steps (14.5 ms) at IoU 0.8854, elevation error
 * 3.51 degrees.
 *
 * <p><b>Losses.</b> MSE {@code mean((S - T)^2)} (the reference's) or soft IoU
 * {@code 1 - sum(S T) / sum(S + T - S T)}. The reported IoU is the soft IoU at the final
 * viewpoint and {@code sigmaEnd}, at full resolution.
 *
 * <p><b>Gradients and threads.</b> Four strategies, chosen by {@link Options#gradients()}:
 *
 * <ul>
 *   <li>{@link GradientStrategy#ANALYTIC} (default): the plain-Java {@link SoftRasterizer}'s
 *       hand-written reverse mode, double precision; no DJL engine, no grad mode, no lock; a fit
 *       keeps its buffers to itself, so fits run in parallel on one rasteriser.
 *   <li>{@link GradientStrategy#AUTOGRAD_LOCKED}: DJL autograd of the {@link
 *       SoftSilhouetteRenderer}, a GradientCollector per step. DJL's PyTorch engine allows one
 *       collector collecting per JVM (a static flag), and Spark runs tasks as threads of one
 *       executor JVM, so the whole autograd section is behind one JVM-wide lock: safe among fits,
 *       but concurrent fits take turns (the lock does not cover other code of the JVM that opens
 *       a collector, e.g. training).
 *   <li>{@link GradientStrategy#AUTOGRAD_NO_COLLECTOR}: autograd without DJL's collector: the
 *       parameters get {@code requires_grad}, the thread's grad mode is on, and the engine's
 *       {@code JniUtils.backward} runs the backward pass. PyTorch's autograd is thread-safe for
 *       separate graphs, so fits run in parallel; it relies on a PyTorch-engine class.
 *   <li>{@link GradientStrategy#FINITE_DIFFERENCES}: central differences of the loss over the k
 *       free parameters, the 2k + 1 viewpoints rendered as one DJL batch, forward pass only (grad
 *       mode off): no collector, no lock, parallel; about 2k + 1 forward passes of work a step.
 * </ul>
 *
 * The DJL strategies run the schedule without coarse steps or early stopping; they stay for
 * comparison. ANALYTIC on that schedule ({@code coarseSigma} infinite) follows autograd's path:
 * from the recovery test's starts the fitted viewpoints agree to 2e-6 degrees.
 *
 * <p><b>Measured</b> (ViewpointFitterPerfTest#analyticAgainstAutogradOnAMarchingCubesChair: the
 * infer job's settings, 32 x 32, a 3148-face marching-cubes chair clustered to 312 faces, 40
 * steps, five free parameters, 7 starts; per fit thread CPU time, one thread, intra-op threads
 * 1, the VM's 2 cores shared at a load average of 4-11, glibc malloc):
 *
 * <pre>
 *                               CPU/fit   soft IoU  |az| deg  |el| deg  |d|
 *   AUTOGRAD_NO_COLLECTOR       1062 ms   0.8972    4.82      2.41      7.0%
 *   ANALYTIC, no coarse steps   36.0      0.8972    4.82      2.41      7.0
 *   ANALYTIC (default)          18.1      0.8985    4.30      2.62      7.5
 *   ViewpointStage.finetune     19.1 ms an image (simplification, fit, start-IoU guard)
 * </pre>
 *
 * The DJL strategies among themselves (72-face chair, 60 steps, jemalloc): AUTOGRAD_LOCKED
 * 557 ms/fit at 32 x 32 and 1454 at 48 x 48, AUTOGRAD_NO_COLLECTOR 881 and 1347, FINITE_DIFFERENCES
 * 1177 and 2518; without jemalloc finite differences took 4-5x autograd's time (page faults,
 * docs/notes/djl.md), and the lock makes concurrent fits take turns.
 *
 * <p>Cost grows with the face budget: on a 4684-face marching-cubes mesh (32^3 L shape, 32 x 32
 * target from the full mesh, start +20 az / -10 el / +10% d) one autograd fit took 2.2 s of CPU
 * at 264 faces (error 0.9 / 1.3 degrees, distance 6% short: clustering shrinks the mesh) and 6.0
 * s at 782 faces (0.5 / 0.3 degrees, distance 2.4% short).
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
    ANALYTIC,
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
   * @param coarseSigma with {@link GradientStrategy#ANALYTIC}, the steps whose sigma is at least
   *     this (pixels^2 at full resolution) fit at half the resolution (see the class
   *     description); {@code Double.POSITIVE_INFINITY} for none
   * @param patience with {@link GradientStrategy#ANALYTIC}, stop once the soft IoU at full
   *     resolution has not risen by {@value #EARLY_STOP_RISE} for this many steps; 0 for never
   */
  public record Options(
      int steps,
      double learningRate,
      Loss loss,
      Set<Parameter> free,
      double sigmaStart,
      double sigmaEnd,
      GradientStrategy gradients,
      double coarseSigma,
      int patience) {
    public Options {
      if (steps < 1 || !(learningRate > 0) || !(sigmaStart > 0) || !(sigmaEnd > 0)
          || !(coarseSigma > 0) || patience < 0) {
        throw new IllegalArgumentException(
            "steps, learning rate and sigmas must be positive, patience not negative: " + steps
                + ", " + learningRate + ", " + sigmaStart + ", " + sigmaEnd + ", " + coarseSigma
                + ", " + patience);
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
          GradientStrategy.ANALYTIC,
          COARSE_SIGMA,
          0);
    }

    public Options withSteps(int s) {
      return new Options(
          s, learningRate, loss, free, sigmaStart, sigmaEnd, gradients, coarseSigma, patience);
    }

    public Options withLearningRate(double lr) {
      return new Options(
          steps, lr, loss, free, sigmaStart, sigmaEnd, gradients, coarseSigma, patience);
    }

    public Options withLoss(Loss l) {
      return new Options(
          steps, learningRate, l, free, sigmaStart, sigmaEnd, gradients, coarseSigma, patience);
    }

    public Options withFree(Set<Parameter> f) {
      return new Options(
          steps, learningRate, loss, f, sigmaStart, sigmaEnd, gradients, coarseSigma, patience);
    }

    public Options withSigma(double start, double end) {
      return new Options(
          steps, learningRate, loss, free, start, end, gradients, coarseSigma, patience);
    }

    public Options withGradients(GradientStrategy g) {
      return new Options(
          steps, learningRate, loss, free, sigmaStart, sigmaEnd, g, coarseSigma, patience);
    }

    public Options withCoarseSigma(double c) {
      return new Options(
          steps, learningRate, loss, free, sigmaStart, sigmaEnd, gradients, c, patience);
    }

    public Options withPatience(int p) {
      return new Options(
          steps, learningRate, loss, free, sigmaStart, sigmaEnd, gradients, coarseSigma, p);
    }
  }

  /**
   * A fit's result.
   *
   * @param viewpoint the fitted viewpoint (azimuth wrapped into [0, 360))
   * @param lossCurve the loss at each step used, before that step's update (at that step's sigma
   *     and resolution)
   * @param softIou soft IoU with the target at the fitted viewpoint and sigmaEnd
   */
  public record Fit(Viewpoint viewpoint, double[] lossCurve, double softIou) {}

  /** The least rise of the soft IoU that counts for {@link Options#patience()}. */
  public static final double EARLY_STOP_RISE = 1e-3;

  /** Default {@link Options#coarseSigma()}. */
  static final double COARSE_SIGMA = 0.5;

  private final Options options;

  public ViewpointFitter(Options options) {
    this.options = options;
  }

  public Options options() {
    return options;
  }

  /**
   * Fits the viewpoint of {@code rasterizer}'s mesh to {@code target}, a row-major H x W mask in
   * [0, 1] at the rasteriser's size, with analytic gradients ({@link GradientStrategy#ANALYTIC},
   * the only strategy this overload takes). Needs no DJL engine; thread-safe.
   */
  public Fit fit(SoftRasterizer rasterizer, float[] target, Viewpoint initial) {
    if (options.gradients() != GradientStrategy.ANALYTIC) {
      throw new IllegalArgumentException("a SoftRasterizer fit takes gradients ANALYTIC, not "
          + options.gradients() + " (the DJL strategies fit a SoftSilhouetteRenderer)");
    }
    checkTarget(target, rasterizer.width(), rasterizer.height());
    List<Parameter> free = freeParameters();
    SoftRasterizer.Evaluator fine = rasterizer.evaluator();
    boolean halves = rasterizer.width() % 2 == 0 && rasterizer.height() % 2 == 0;
    SoftRasterizer.Evaluator coarse = halves ? rasterizer.halfResolution().evaluator() : null;
    float[] coarseTarget =
        halves ? halve(target, rasterizer.width(), rasterizer.height()) : null;
    return adam(initial, (params, sigma) -> {
      Viewpoint vp = Viewpoint.fromArray(params);
      boolean full = !(halves && sigma >= options.coarseSigma());
      SoftRasterizer.Evaluation e = full
          ? fine.evaluate(vp, sigma, target, options.loss())
          : coarse.evaluate(vp, sigma / 4, coarseTarget, options.loss());
      double[] out = new double[2 + free.size()];
      out[0] = e.loss();
      out[1] = full ? e.softIou() : Double.NaN;
      for (int i = 0; i < free.size(); i++) {
        out[2 + i] = e.gradient()[free.get(i).ordinal()];
      }
      return out;
    }, vp -> softIou(fine.render(vp, options.sigmaEnd()), target));
  }

  /** The mean of each 2 x 2 block of a row-major width x height mask (both even). */
  static float[] halve(float[] mask, int width, int height) {
    int w = width / 2;
    float[] out = new float[w * (height / 2)];
    for (int row = 0; row < height / 2; row++) {
      for (int col = 0; col < w; col++) {
        int q = 2 * row * width + 2 * col;
        out[row * w + col] = (mask[q] + mask[q + 1] + mask[q + width] + mask[q + width + 1]) / 4;
      }
    }
    return out;
  }

  /**
   * Fits the viewpoint of {@code renderer}'s mesh to {@code target}, a row-major H x W mask in
   * [0, 1] at the renderer's size. {@link GradientStrategy#ANALYTIC} fits the renderer's
   * {@link SoftSilhouetteRenderer#rasterizer()}; the DJL strategies use the renderer itself.
   * Thread-safe: concurrent fits on different threads are fine with every strategy. The calling
   * thread's grad mode is restored on return.
   */
  public Fit fit(SoftSilhouetteRenderer renderer, float[] target, Viewpoint initial) {
    if (options.gradients() == GradientStrategy.ANALYTIC) {
      return fit(renderer.rasterizer(), target, initial);
    }
    checkTarget(target, renderer.width(), renderer.height());
    DjlRuntime.engine();
    boolean wasTracking = JniUtils.isGradMode();
    try {
      List<Parameter> free = freeParameters();
      return adam(initial, (params, sigma) -> lossAndGradient(renderer, target, params, free,
          sigma), vp -> softIou(renderer.render(vp, options.sigmaEnd()), target));
    } finally {
      JniUtils.setGradMode(wasTracking);
    }
  }

  private static void checkTarget(float[] target, int width, int height) {
    if (target.length != width * height) {
      throw new IllegalArgumentException(
          "target has " + target.length + " pixels, renderer " + width + "x" + height);
    }
  }

  private List<Parameter> freeParameters() {
    return List.copyOf(EnumSet.copyOf(options.free()));
  }

  /**
   * {loss, soft IoU at full resolution (NaN where not computed), dLoss/dParam for each free
   * parameter} at a parameter vector and sigma.
   */
  private interface Objective {
    double[] lossAndGradient(double[] params, double sigma);
  }

  /** The Adam loop of the class description; {@code finalIou} scores the fitted viewpoint. */
  private Fit adam(Viewpoint initial, Objective objective, ToDoubleFunction<Viewpoint> finalIou) {
    List<Parameter> free = freeParameters();
    int k = free.size();
    double[] base = initial.toArray();
    double[] x = new double[k];
    double[] m = new double[k];
    double[] v = new double[k];
    double[] curve = new double[options.steps()];
    double beta1 = 0.9;
    double beta2 = 0.999;
    double bestIou = Double.NEGATIVE_INFINITY;
    int sinceRise = 0;
    int step = 0;
    while (step < options.steps()) {
      double frac = options.steps() == 1 ? 1 : step / (double) (options.steps() - 1);
      double sigma = options.sigmaStart() * Math.pow(options.sigmaEnd() / options.sigmaStart(), frac);
      double lr = options.learningRate() * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * frac)));
      double[] params = toParams(base, free, x);
      double[] lossAndGrad = objective.lossAndGradient(params, sigma);
      curve[step] = lossAndGrad[0];
      double iou = lossAndGrad[1];
      if (iou >= bestIou + EARLY_STOP_RISE) {
        bestIou = iou;
        sinceRise = 0;
      } else if (!Double.isNaN(iou)) {
        sinceRise++;
      }
      for (int i = 0; i < k; i++) {
        double g = lossAndGrad[2 + i] * chain(free.get(i), params);
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        double mh = m[i] / (1 - Math.pow(beta1, step + 1));
        double vh = v[i] / (1 - Math.pow(beta2, step + 1));
        x[i] -= lr * mh / (Math.sqrt(vh) + 1e-12);
      }
      clampElevation(base, free, x);
      step++;
      if (options.patience() > 0 && sinceRise >= options.patience()) {
        break;
      }
    }
    curve = Arrays.copyOf(curve, step);
    Viewpoint fitted = Viewpoint.fromArray(toParams(base, free, x)).normalized();
    return new Fit(fitted, curve, finalIou.applyAsDouble(fitted));
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

  /** {loss, NaN (no IoU), dLoss/dParam for each free parameter} at {@code params}. */
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
      case ANALYTIC -> throw new IllegalStateException("ANALYTIC fits a SoftRasterizer");
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
      double[] out = new double[2 + free.size()];
      out[0] = loss;
      out[1] = Double.NaN;
      for (int i = 0; i < free.size(); i++) {
        out[2 + i] = g[free.get(i).ordinal()];
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
      double[] out = new double[2 + k];
      out[0] = losses[0];
      out[1] = Double.NaN;
      for (int i = 0; i < k; i++) {
        out[2 + i] = (losses[1 + 2 * i] - losses[2 + 2 * i]) / (2 * h[i]);
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
