package org.semcycle.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.semcycle.io.Seeds;
import org.semcycle.networks.DjlRuntime;

/**
 * The generic training loop of the cycle's networks.
 *
 * <p>Per epoch: shuffle (seeded by {@code Seeds.mix(seed, "shuffle", epoch)}, so a resumed run
 * sees the same order as an uninterrupted one), one Adam step per mini-batch with a sub-NDManager
 * per step (closed after the step, so native memory does not grow), validation with gradient
 * recording off, a CSV row ({@link TrainingLog}), the loss-curve PNG ({@link LossCurve}) and a
 * checkpoint ({@link Checkpoints}). Progress lines go to stderr. When rerun on the same model
 * directory the loop resumes after the last checkpoint: parameters (with batch-norm statistics),
 * Adam's moments and step count, and the epoch number are restored. At the end the block is
 * saved as a DJL model directory ({@link ModelFiles}).
 *
 * <p>Initialisation is seeded through {@code Engine.setRandomSeed} (libtorch's generator) from
 * {@code Seeds.mix(seed, "init")}.
 */
public final class TrainLoop {
  /**
   * Loop settings.
   *
   * @param epochs total epochs (a resumed run continues up to this number)
   * @param batchSize mini-batch size (the last batch of an epoch may be smaller)
   * @param learningRate Adam's step size
   * @param beta1 Adam's beta1 (the reference's viewpoint net: 0.5)
   * @param beta2 Adam's beta2 (0.9 there)
   * @param seed base seed for initialisation and shuffling
   * @param logEvery progress line every this many steps (0: only at epoch ends)
   * @param dataType parameter type (float32, or float64; the batches must then be float64 too)
   * @param learningRateFloor the step size's cosine decay: epoch e of E trains at learningRate x
   *     (f + (1 - f)(1 + cos(pi (e - 1) / E)) / 2), from the full rate at epoch 1 down towards f x
   *     the rate at the last; 1 keeps it constant. It depends on the epoch only, so a resumed run
   *     continues the same schedule (a resume with more epochs stretches it from there on).
   */
  public record Options(
      int epochs, int batchSize, float learningRate, float beta1, float beta2, long seed,
      int logEvery, DataType dataType, float learningRateFloor) {
    public Options {
      if (!(learningRateFloor >= 0f && learningRateFloor <= 1f)) {
        throw new IllegalArgumentException("learning-rate floor must be in [0, 1], got " + learningRateFloor);
      }
    }

    /** A constant learning rate. */
    public Options(int epochs, int batchSize, float learningRate, float beta1, float beta2, long seed,
        int logEvery, DataType dataType) {
      this(epochs, batchSize, learningRate, beta1, beta2, seed, logEvery, dataType, 1f);
    }

    /** The step size of an epoch (1-based) under the cosine schedule. */
    public float learningRate(int epoch) {
      if (learningRateFloor == 1f || epochs <= 1) {
        return learningRate;
      }
      double t = Math.min(1.0, Math.max(0.0, (epoch - 1) / (double) epochs));
      double factor = learningRateFloor + (1 - learningRateFloor) * 0.5 * (1 + Math.cos(Math.PI * t));
      return (float) (learningRate * factor);
    }

    /** Adam(1e-3, 0.9, 0.999), batch 16, seed 0, float32. */
    public static Options defaults(int epochs) {
      return new Options(epochs, 16, 1e-3f, 0.9f, 0.999f, 0L, 20, DataType.FLOAT32);
    }
  }

  /** What a run did: the first epoch it trained (1 when fresh) and every logged row. */
  public record Summary(int firstEpoch, List<TrainingLog.Row> rows) {}

  private final Options options;
  private final PrintStream progress;

  /** A loop printing progress to stderr. */
  public TrainLoop(Options options) {
    this(options, System.err);
  }

  /** A loop printing progress to the given stream. */
  public TrainLoop(Options options, PrintStream progress) {
    this.options = options;
    this.progress = progress;
  }

  /**
   * Trains the task's block (initialising it unless it is already initialised, e.g. for
   * fine-tuning) and saves everything under modelDir. Parameters live in manager.
   *
   * @param optionsRecord the network's options, saved beside the final model
   * @param validation may be null (val_loss and metrics are then NaN)
   */
  public Summary fit(TrainingTask task, SampleSource train, SampleSource validation,
      Path modelDir, Object optionsRecord, NDManager manager) throws IOException {
    DjlRuntime.engine();
    Files.createDirectories(modelDir);
    Block block = task.block();
    Adam adam = new Adam(manager, options.learningRate(), options.beta1(), options.beta2());
    Checkpoints checkpoints = new Checkpoints(modelDir);
    int done = checkpoints.lastEpoch();
    if (!block.isInitialized()) {
      // Also before a restore: initialisation records the input names and shapes Model.save needs.
      Engine.getInstance().setRandomSeed((int) Seeds.mix(options.seed(), "init"));
      block.initialize(manager, options.dataType(), task.inputShapes(options.batchSize()));
    }
    if (done > 0) {
      checkpoints.restore(manager, block, adam);
      progress.printf(Locale.ROOT, "[%s] resuming after epoch %d%n", task.name(), done);
    }
    List<String> metricNames = task.metricNames();
    TrainingLog log = new TrainingLog(modelDir.resolve(TrainingLog.FILE_NAME), metricNames, done);
    for (int epoch = done + 1; epoch <= options.epochs(); epoch++) {
      long start = System.nanoTime();
      adam.setLearningRate(options.learningRate(epoch));
      train.startEpoch(epoch);
      double trainLoss = trainEpoch(task, train, adam, manager, epoch);
      double seconds = (System.nanoTime() - start) / 1e9;
      double[] metrics = new double[metricNames.size()];
      double valLoss = Double.NaN;
      java.util.Arrays.fill(metrics, Double.NaN);
      if (validation != null) {
        Evaluated evaluated = evaluate(task, validation, manager, options.batchSize());
        valLoss = evaluated.loss();
        Map<String, Double> result = evaluated.metrics();
        for (int i = 0; i < metrics.length; i++) {
          metrics[i] = result.getOrDefault(metricNames.get(i), Double.NaN);
        }
      }
      log.add(new TrainingLog.Row(epoch, trainLoss, valLoss, metrics, seconds,
          train.size() / seconds));
      progress.printf(Locale.ROOT, "[%s] epoch %d/%d train_loss %.5g val_loss %.5g %s lr %.3g%n",
          task.name(), epoch, options.epochs(), trainLoss, valLoss, format(metricNames, metrics),
          adam.learningRate());
      LossCurve.write(task.name() + " loss", log.rows(), modelDir.resolve("loss-curve.png"));
      checkpoints.save(epoch, block, adam);
    }
    ModelFiles.save(block, optionsRecord, modelDir, task.name());
    return new Summary(done + 1, log.rows());
  }

  private double trainEpoch(TrainingTask task, SampleSource train, Adam adam, NDManager manager,
      int epoch) {
    int n = train.size();
    int[] order = shuffled(n, Seeds.mix(options.seed(), "shuffle", epoch));
    int batches = (n + options.batchSize() - 1) / options.batchSize();
    double sum = 0;
    long counted = 0;
    int nonFinite = 0;
    long t0 = System.nanoTime();
    for (int b = 0; b < batches; b++) {
      int from = b * options.batchSize();
      int[] idx = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + options.batchSize()));
      float loss = step(task, adam, manager, train, idx);
      if (Float.isFinite(loss)) {
        sum += loss * idx.length;
        counted += idx.length;
      } else {
        nonFinite++;
      }
      if (options.logEvery() > 0 && (b + 1) % options.logEvery() == 0) {
        double rate = (from + idx.length) / ((System.nanoTime() - t0) / 1e9);
        progress.printf(Locale.ROOT, "[%s] epoch %d step %d/%d loss %.5g samples/s %.1f%n",
            task.name(), epoch, b + 1, batches, loss, rate);
      }
    }
    if (nonFinite > 0) {
      // Adam skipped these steps' updates (their gradients are not finite either); the epoch's
      // train loss is the mean over the other steps.
      progress.printf(Locale.ROOT, "[%s] epoch %d: %d of %d steps had a non-finite loss and were skipped%n",
          task.name(), epoch, nonFinite, batches);
    }
    return counted == 0 ? Double.NaN : sum / counted;
  }

  /**
   * One optimisation step on the given samples, in its own sub-manager (public so that tests and
   * benchmarks can drive a fixed batch).
   *
   * @return the step's loss
   */
  public static float step(TrainingTask task, Adam adam, NDManager manager, SampleSource source,
      int[] indices) {
    float loss;
    try (NDManager sub = manager.newSubManager()) {
      Batch batch = source.batch(sub, indices);
      ParameterStore ps = new ParameterStore(sub, false);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        loss = task.trainStep(ps, batch, gc);
      }
      adam.step(task.block());
    }
    return loss;
  }

  /** A task's mean loss and validation metrics over a source. */
  public record Evaluated(double loss, Map<String, Double> metrics) {}

  /**
   * The task's mean loss and metrics over every sample of {@code source} in batches of
   * {@code batchSize}, gradient recording off (the loop's validation; also how shipped nets are
   * checked on fresh data).
   */
  public static Evaluated evaluate(TrainingTask task, SampleSource source, NDManager manager, int batchSize) {
    TrainingTask.Evaluation eval = task.evaluation();
    boolean grad = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try {
      int n = source.size();
      double sum = 0;
      for (int from = 0; from < n; from += batchSize) {
        int to = Math.min(n, from + batchSize);
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
          idx[i] = from + i;
        }
        try (NDManager sub = manager.newSubManager()) {
          Batch batch = source.batch(sub, idx);
          ParameterStore ps = new ParameterStore(sub, false);
          NDArray loss = task.loss(ps, batch, false);
          sum += loss.toType(DataType.FLOAT32, false).getFloat() * idx.length;
          eval.add(ps, batch);
        }
      }
      return new Evaluated(sum / n, eval.result());
    } finally {
      JniUtils.setGradMode(grad);
    }
  }

  private static int[] shuffled(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private static String format(List<String> names, double[] values) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      sb.append(String.format(Locale.ROOT, "%s %.4g ", names.get(i), values[i]));
    }
    return sb.toString().trim();
  }
}
