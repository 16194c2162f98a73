package org.semcycle.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.semcycle.io.DataFormatException;

/**
 * The per-epoch CSV log: header {@code epoch,train_loss,val_loss,<metrics...>,seconds,
 * samples_per_s}, one row per finished epoch. On resume the rows of epochs after the checkpoint
 * are dropped so that the file always matches the parameters.
 */
public final class TrainingLog {
  /** The log's file name in a model directory. */
  public static final String FILE_NAME = "training-log.csv";

  /** One epoch's numbers. */
  public record Row(int epoch, double trainLoss, double valLoss, double[] metrics, double seconds,
      double samplesPerSecond) {}

  private final Path file;
  private final List<String> metricNames;
  private final List<Row> rows = new ArrayList<>();

  /** A log at file with the given metric columns; reads existing rows up to keepUpToEpoch. */
  public TrainingLog(Path file, List<String> metricNames, int keepUpToEpoch) throws IOException {
    this.file = file;
    this.metricNames = List.copyOf(metricNames);
    if (Files.exists(file) && keepUpToEpoch > 0) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 1; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",", -1);
        if (f.length != 5 + metricNames.size()) {
          throw new DataFormatException(
              file.toString(), i + 1, "expected " + (5 + metricNames.size()) + " columns");
        }
        try {
          int epoch = Integer.parseInt(f[0]);
          if (epoch > keepUpToEpoch) {
            continue;
          }
          double[] m = new double[metricNames.size()];
          for (int k = 0; k < m.length; k++) {
            m[k] = Double.parseDouble(f[3 + k]);
          }
          rows.add(new Row(epoch, Double.parseDouble(f[1]), Double.parseDouble(f[2]), m,
              Double.parseDouble(f[f.length - 2]), Double.parseDouble(f[f.length - 1])));
        } catch (NumberFormatException e) {
          throw new DataFormatException(file.toString(), i + 1, e.getMessage());
        }
      }
    }
    write();
  }

  /** Appends a row and rewrites the file. */
  public void add(Row row) throws IOException {
    rows.add(row);
    write();
  }

  /** The rows so far. */
  public List<Row> rows() {
    return List.copyOf(rows);
  }

  private void write() throws IOException {
    StringBuilder sb = new StringBuilder("epoch,train_loss,val_loss");
    for (String m : metricNames) {
      sb.append(',').append(m);
    }
    sb.append(",seconds,samples_per_s\n");
    for (Row r : rows) {
      sb.append(r.epoch()).append(',').append(num(r.trainLoss())).append(',')
          .append(num(r.valLoss()));
      for (double m : r.metrics()) {
        sb.append(',').append(num(m));
      }
      sb.append(',').append(num(r.seconds())).append(',').append(num(r.samplesPerSecond()))
          .append('\n');
    }
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
