package org.semcycle.training.perf;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;
import org.semcycle.networks.DjlRuntime;
import org.semcycle.training.Adam;
import org.semcycle.training.ArraySamples;
import org.semcycle.training.Batch;
import org.semcycle.training.SampleSource;
import org.semcycle.training.TrainLoop;
import org.semcycle.training.TrainingTask;

/**
 * Training and inference throughput of one net on a fixed batch: {@link TrainLoop#step} (batch
 * built from the source, forward, loss, backward, {@link Adam} update) as {@code semcycle train}
 * runs it, and a forward pass with gradient recording off and batch-norm in inference mode on a
 * fixed input (copied into a fresh array each pass, as a caller's batch would be). The intra-op
 * thread count is set for the measurement and restored afterwards.
 */
public final class NetThroughput {
  /**
   * One net to time.
   *
   * @param net its name (sketch, voxel, view)
   * @param task builds a fresh, uninitialised task (each measurement trains its own copy)
   * @param source the training samples (at least batch of them)
   * @param learningRate Adam's step size
   * @param beta1 Adam's beta1
   * @param beta2 Adam's beta2
   * @param inferInput one inference input sample's shape, without the batch axis
   */
  public record Spec(String net, Supplier<TrainingTask> task, SampleSource source, float learningRate,
      float beta1, float beta2, Shape inferInput) {}

  /**
   * A measurement.
   *
   * @param train samples per second of training steps
   * @param infer images per second of inference
   * @param skipped Adam updates skipped for non-finite gradients (0 when all is well)
   */
  public record Result(String net, int threads, int batch, int inferBatch, StepTimer.Rate train,
      StepTimer.Rate infer, long skipped) {}

  /**
   * Where a training step's time goes, in CPU milliseconds of the calling thread per step
   * (medians over the timed steps): building the batch, forward and loss, backward, reading the
   * loss back, the optimiser's update, and closing the step's arrays; and the mean CPU time per
   * step of the process's other threads (libtorch's helpers, the JVM's compiler and collector),
   * from the process clock over the timed steps. The calling thread's clock sees all of the work
   * at 1 intra-op thread (libtorch runs it on the caller); with more threads it misses the
   * helpers' part, which then counts as other threads'.
   */
  public record Phases(String net, int threads, double batch, double forward, double backward,
      double readLoss, double optimiser, double close, double otherThreads) {
    /** The sum of the phases. */
    public double total() {
      return batch + forward + backward + readLoss + optimiser + close;
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private NetThroughput() {}

  /**
   * Times each phase of steps training steps (after warmup untimed ones) on the calling thread's
   * CPU clock. The ops run synchronously on the CPU, so each phase's clock reading is its own work.
   */
  public static Phases phases(Spec spec, int batch, int threads, int warmup, int steps) {
    DjlRuntime.engine();
    int before = JniUtils.getNumThreads();
    boolean grad = JniUtils.isGradMode();
    JniUtils.setNumThreads(threads);
    TrainingTask task = spec.task().get();
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(1);
      JniUtils.setGradMode(true);
      task.block().initialize(m, DataType.FLOAT32, task.inputShapes(batch));
      Adam adam = new Adam(m, spec.learningRate(), spec.beta1(), spec.beta2());
      int[] idx = new int[batch];
      for (int i = 0; i < batch; i++) {
        idx[i] = i;
      }
      double[][] ms = new double[6][steps];
      long process0 = 0;
      long thread0 = 0;
      for (int s = 0; s < warmup + steps; s++) {
        if (s == warmup) {
          process0 = StepTimer.processCpuNanos();
          thread0 = THREADS.getCurrentThreadCpuTime();
        }
        long[] t = new long[7];
        t[0] = THREADS.getCurrentThreadCpuTime();
        NDManager sub = m.newSubManager();
        Batch b = spec.source().batch(sub, idx);
        t[1] = THREADS.getCurrentThreadCpuTime();
        ParameterStore ps = new ParameterStore(sub, false);
        NDArray loss;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          loss = task.loss(ps, b, true);
          t[2] = THREADS.getCurrentThreadCpuTime();
          gc.backward(loss);
          t[3] = THREADS.getCurrentThreadCpuTime();
        }
        loss.toType(DataType.FLOAT32, false).getFloat();
        t[4] = THREADS.getCurrentThreadCpuTime();
        adam.step(task.block());
        t[5] = THREADS.getCurrentThreadCpuTime();
        sub.close();
        t[6] = THREADS.getCurrentThreadCpuTime();
        if (s >= warmup) {
          for (int k = 0; k < 6; k++) {
            ms[k][s - warmup] = (t[k + 1] - t[k]) / 1e6;
          }
        }
      }
      double other = ((StepTimer.processCpuNanos() - process0) - (THREADS.getCurrentThreadCpuTime() - thread0)) / 1e6 / steps;
      return new Phases(spec.net(), threads, StepTimer.median(ms[0]), StepTimer.median(ms[1]),
          StepTimer.median(ms[2]), StepTimer.median(ms[3]), StepTimer.median(ms[4]), StepTimer.median(ms[5]), other);
    } finally {
      JniUtils.setGradMode(grad);
      JniUtils.setNumThreads(before);
    }
  }

  /**
   * Times steps training steps per window and inferSteps forward passes of inferBatch images per
   * window, with the given intra-op thread count.
   */
  public static Result measure(Spec spec, int batch, int threads, StepTimer timer, int steps,
      int inferBatch, int inferSteps) {
    DjlRuntime.engine();
    int before = JniUtils.getNumThreads();
    boolean grad = JniUtils.isGradMode();
    JniUtils.setNumThreads(threads);
    TrainingTask task = spec.task().get();
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(1);
      Block block = task.block();
      JniUtils.setGradMode(true);
      block.initialize(m, DataType.FLOAT32, task.inputShapes(batch));
      Adam adam = new Adam(m, spec.learningRate(), spec.beta1(), spec.beta2());
      int[] idx = new int[batch];
      for (int i = 0; i < batch; i++) {
        idx[i] = i;
      }
      StepTimer.Rate train = timer.time(() -> TrainLoop.step(task, adam, m, spec.source(), idx), steps, batch);
      Shape in = new Shape(inferBatch).addAll(spec.inferInput());
      float[] x = SyntheticBatches.uniform((int) in.size(), 5, 0, 1);
      JniUtils.setGradMode(false);
      StepTimer.Rate infer = timer.time(() -> {
        try (NDManager sub = m.newSubManager()) {
          NDArray input = ArraySamples.owned(sub, x, in, DataType.FLOAT32);
          NDList out = block.forward(new ParameterStore(sub, false), new NDList(input), false);
          out.head().sum().getFloat();
        }
      }, inferSteps, inferBatch);
      return new Result(spec.net(), threads, batch, inferBatch, train, infer, adam.skipped());
    } finally {
      JniUtils.setGradMode(grad);
      JniUtils.setNumThreads(before);
    }
  }
}
