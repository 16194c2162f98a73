package org.semcycle.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.networks.VoxelNet;
import org.semcycle.networks.VoxelTask;
import org.semcycle.training.views.MirroredVoxelSamples;

class TrainLoopResumeTest {
  @TempDir Path dir;

  private static ArraySamples data(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n * 4 * 8 * 8];
    float[] y = new float[n * 8 * 8 * 8];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble();
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = r.nextDouble() < 0.3 ? 1f : 0f;
    }
    return new ArraySamples(n)
        .input("sketch", new Shape(4, 8, 8), x)
        .label("occupancy", new Shape(8, 8, 8), y)
        .withDataType(DataType.FLOAT64);
  }

  private TrainLoop.Summary run(int epochs, ByteArrayOutputStream log) throws Exception {
    return run(dir, epochs, log);
  }

  private static TrainLoop.Summary run(Path dir, int epochs, ByteArrayOutputStream log) throws Exception {
    VoxelNet.Options o = new VoxelNet.Options(8, 4, 4, 8, 8, 4);
    TrainLoop loop = new TrainLoop(new TrainLoop.Options(epochs, 2, 1e-3f, 0.9f, 0.999f, 42L, 1, DataType.FLOAT64),
        new PrintStream(log, true, StandardCharsets.UTF_8));
    try (NDManager m = NDManager.newBaseManager()) {
      // Mirrored training samples: the resumed run must draw the flips the uninterrupted one draws.
      return loop.fit(new VoxelTask(new VoxelNet(o)), new MirroredVoxelSamples(data(4, 1), 5), data(2, 2), dir, o, m);
    }
  }

  @Test
  void resumesAfterTheLastCheckpoint() throws Exception {
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    TrainLoop.Summary s1 = run(2, first);
    assertEquals(1, s1.firstEpoch());
    assertEquals(2, s1.rows().size());
    assertTrue(first.toString(StandardCharsets.UTF_8).contains("samples/s"));

    ByteArrayOutputStream second = new ByteArrayOutputStream();
    TrainLoop.Summary s2 = run(3, second);
    assertEquals(3, s2.firstEpoch(), "continues at epoch 3");
    assertTrue(second.toString(StandardCharsets.UTF_8).contains("resuming after epoch 2"));
    List<String> csv = Files.readAllLines(dir.resolve("training-log.csv"));
    assertEquals(4, csv.size(), "header + 3 rows: " + csv);
    assertTrue(csv.get(0).startsWith("epoch,train_loss,val_loss,voxel_iou"));
    for (int e = 1; e <= 3; e++) {
      assertTrue(csv.get(e).startsWith(e + ","), csv.get(e));
    }
    assertEquals(3, new Checkpoints(dir).lastEpoch());
    assertTrue(Files.size(dir.resolve("loss-curve.png")) > 0);
    try (Model model = ModelFiles.load(dir, "voxel", VoxelNet.Options.class, VoxelNet::new)) {
      assertTrue(model.getBlock().isInitialized());
    }
  }

  @Test
  void aResumedRunEqualsAnUninterruptedOne(@TempDir Path straightDir) throws Exception {
    run(2, new ByteArrayOutputStream());
    TrainLoop.Summary resumed = run(3, new ByteArrayOutputStream());
    TrainLoop.Summary straight = run(straightDir, 3, new ByteArrayOutputStream());
    // The epoch trained after the resume, in memory; the earlier ones as the log holds them.
    TrainingLog.Row a = straight.rows().get(2);
    TrainingLog.Row b = resumed.rows().get(2);
    assertEquals(3, b.epoch());
    assertEquals(a.trainLoss(), b.trainLoss(), 0, "epoch 3 train loss");
    assertEquals(a.valLoss(), b.valLoss(), 0, "epoch 3 val loss");
    assertArrayEquals(a.metrics(), b.metrics(), 0, "epoch 3 metrics");
    assertEquals(withoutTimings(straightDir), withoutTimings(dir));
  }

  /** The training log's lines without the two timing columns. */
  static List<String> withoutTimings(Path modelDir) throws Exception {
    return Files.readAllLines(modelDir.resolve("training-log.csv")).stream()
        .map(l -> l.substring(0, l.lastIndexOf(',', l.lastIndexOf(',') - 1))).toList();
  }
}
