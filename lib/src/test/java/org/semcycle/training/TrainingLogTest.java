package org.semcycle.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.io.DataFormatException;

class TrainingLogTest {
  @Test
  void lastValueReadsTheNamedColumnOfTheLastRow(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(TrainingLog.FILE_NAME);
    TrainingLog log = new TrainingLog(file, List.of("voxel_iou", "voxel_best_threshold"), 0);
    assertFalse(TrainingLog.lastValue(file, "voxel_best_threshold").isPresent(), "header only");
    log.add(new TrainingLog.Row(1, 0.9, 0.8, new double[] {0.3, 0.65}, 10, 20));
    log.add(new TrainingLog.Row(2, 0.7, 0.6, new double[] {0.4, 0.45}, 10, 20));
    assertEquals(0.45, TrainingLog.lastValue(file, "voxel_best_threshold").getAsDouble(), 1e-9);
    assertEquals(0.4, TrainingLog.lastValue(file, "voxel_iou").getAsDouble(), 1e-9);
    assertFalse(TrainingLog.lastValue(file, "no_such_column").isPresent());
    assertFalse(TrainingLog.lastValue(dir.resolve("missing.csv"), "voxel_iou").isPresent());
  }

  @Test
  void aValueThatIsNotANumberNamesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(TrainingLog.FILE_NAME);
    Files.writeString(file, "epoch,train_loss,voxel_iou\n1,0.5,oops\n");
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> TrainingLog.lastValue(file, "voxel_iou"));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }
}
