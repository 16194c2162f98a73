package org.semcycle.training.perf;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.function.Supplier;
import org.semcycle.networks.DjlRuntime;
import org.semcycle.training.Adam;
import org.semcycle.training.ArraySamples;
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

  private NetThroughput() {}

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
