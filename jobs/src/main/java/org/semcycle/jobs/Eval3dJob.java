package org.semcycle.jobs;

import org.semcycle.spark.JobOutput;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.semcycle.datasets.keypointnet.ModelAnnotation;
import org.semcycle.datasets.shapenet.ObjReader;
import org.semcycle.embedding.KeypointDatabase;
import org.semcycle.embedding.KeypointRecord;
import org.semcycle.evaluation.CurveKey;
import org.semcycle.evaluation.EmbeddingBenchmark3d;
import org.semcycle.evaluation.ModelScores;
import org.semcycle.evaluation.Pck3d;
import org.semcycle.evaluation.Pck3dTable;
import org.semcycle.evaluation.ShapeCondition;
import org.semcycle.evaluation.TransferMethod;
import org.semcycle.geometry.Mesh;
import org.semcycle.io.DataRoot;
import org.semcycle.io.DataSink;

/**
 * {@code semcycle eval3d}: the keypoint embedding evaluated alone in 3D ({@link
 * EmbeddingBenchmark3d}) over a split's models, on the driver, one model after the other, with a
 * progress line per model on stderr. A model that cannot be read or scored (no OBJ, bad OBJ, no
 * annotation, a synset the database lacks...) is counted as failed, reported on stderr and listed
 * in {@code pck3d.json}; it is never silently dropped. Writes {@code pck3d.csv} (threshold, one
 * column per condition/method, a last line of keypoint counts), {@code pck3d.png} and {@code
 * pck3d.json}.
 */
public final class Eval3dJob {
  private Eval3dJob() {}

  /** One model to evaluate: its OBJ below the ShapeNet root and its annotation (null: none). */
  public record ModelTask(String synset, String modelId, String objPath, ModelAnnotation annotation) {}

  /** A model that could not be evaluated, where and why. */
  public record Failure(String synset, String modelId, String where, String reason) {}

  /** What the run measured. */
  public record Summary(
      String split, int models, int evaluated, List<Failure> failures,
      Map<String, Pck3d.Curve> curves, int databaseKeypoints, int databaseModels,
      int overlap, double seconds) {
    public String line() {
      return String.format(Locale.ROOT,
          "eval3d: %d %s models, %d evaluated, %d failed; database: %d keypoints of %d models"
              + " (%d of them evaluated too) in %.1f s",
          models, split, evaluated, failures.size(), databaseKeypoints, databaseModels, overlap,
          seconds);
    }

    /** PCK at 0.05 and 0.10 per condition and method, one line each, with a header. */
    public String table() {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
          "%-10s %-15s %9s %9s %10s%n", "condition", "method", "PCK@0.05", "PCK@0.10",
          "keypoints"));
      curves.forEach((name, c) -> {
        String[] cm = name.split("/", 2);
        sb.append(String.format(Locale.ROOT, "%-10s %-15s %9.3f %9.3f %10d%n", cm[0], cm[1],
            c.at(0.05), c.at(0.10), c.keypoints()));
      });
      return sb.toString();
    }
  }

  /**
   * Evaluates {@code tasks} (meshes read from {@code shapes}) and writes the three files into
   * {@code out}.
   *
   * @throws IllegalStateException when no model at all could be evaluated (pck3d.json, with
   *     the failures, is written first)
   */
  public static Summary run(
      List<ModelTask> tasks, DataRoot shapes, EmbeddingBenchmark3d benchmark, KeypointDatabase db,
      String split, DataSink out, PrintStream progress) {
    long t0 = System.nanoTime();
    Pck3dTable table = new Pck3dTable();
    List<Failure> failures = new ArrayList<>();
    Set<String> dbModels = new HashSet<>();
    for (KeypointRecord r : db.rows()) {
      dbModels.add(r.synset() + "-" + r.modelId());
    }
    int overlap = 0;
    int i = 0;
    for (ModelTask t : tasks) {
      i++;
      long m0 = System.nanoTime();
      String name = t.synset() + "/" + t.modelId();
      try {
        if (t.annotation() == null) {
          throw new IllegalArgumentException("no KeypointNet annotation");
        }
        if (!shapes.exists(t.objPath())) {
          throw new IllegalArgumentException("no " + shapes.describe(t.objPath()));
        }
        Mesh mesh = ObjReader.read(shapes, t.objPath());
        ModelScores s = benchmark.evaluate(mesh, t.annotation());
        table.add(s);
        if (dbModels.contains(t.synset() + "-" + t.modelId())) {
          overlap++;
        }
        progress.printf(Locale.ROOT,
            "eval3d [%d/%d] %s: PCK@0.05 clean mean %.2f knn %.2f prior %.2f ref %.2f | corrupted"
                + " mean %.2f knn %.2f prior %.2f ref %.2f (%d keypoints, %.1f s)%n",
            i, tasks.size(), name,
            s.pck(key(ShapeCondition.CLEAN, TransferMethod.MEAN), 0.05),
            s.pck(key(ShapeCondition.CLEAN, TransferMethod.KNN_VOTE), 0.05),
            s.pck(key(ShapeCondition.CLEAN, TransferMethod.POSITION_PRIOR), 0.05),
            s.pck(key(ShapeCondition.CLEAN, TransferMethod.NEAREST_SAMPLE), 0.05),
            s.pck(key(ShapeCondition.CORRUPTED, TransferMethod.MEAN), 0.05),
            s.pck(key(ShapeCondition.CORRUPTED, TransferMethod.KNN_VOTE), 0.05),
            s.pck(key(ShapeCondition.CORRUPTED, TransferMethod.POSITION_PRIOR), 0.05),
            s.pck(key(ShapeCondition.CORRUPTED, TransferMethod.NEAREST_SAMPLE), 0.05),
            s.semanticIds().length, (System.nanoTime() - m0) / 1e9);
      } catch (RuntimeException e) {
        String reason = JobOutput.reason(e);
        failures.add(new Failure(t.synset(), t.modelId(), shapes.describe(t.objPath()), reason));
        progress.printf(Locale.ROOT, "eval3d [%d/%d] %s: FAILED: %s%n", i, tasks.size(), name, reason);
      }
    }
    Summary summary = new Summary(split, tasks.size(), table.models(), List.copyOf(failures),
        table.curves(), db.size(), dbModels.size(), overlap, (System.nanoTime() - t0) / 1e9);
    JobOutput.bytes(out, "pck3d.json", json(summary, benchmark.settings()));
    if (table.models() == 0) {
      throw new IllegalStateException("none of the " + tasks.size() + " " + split
          + " models could be evaluated (" + failures.size() + " failed, see "
          + out.describe("pck3d.json") + ")");
    }
    JobOutput.bytes(out, "pck3d.csv", Pck3d.toCsv(summary.curves()).getBytes(StandardCharsets.UTF_8));
    try {
      JobOutput.bytes(out, "pck3d.png", Pck3d.plotPng(String.format(Locale.ROOT,
          "Keypoint transfer in 3D: %d %s models", table.models(), split),
          summary.curves(), 800, 500));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw " + out.describe("pck3d.png"), e);
    }
    return summary;
  }

  private static CurveKey key(ShapeCondition c, TransferMethod m) {
    return new CurveKey(c, m);
  }

  static byte[] json(Summary s, EmbeddingBenchmark3d.Settings settings) {
    ObjectMapper om = new ObjectMapper();
    ObjectNode n = om.createObjectNode();
    n.put("split", s.split());
    n.put("models", s.models());
    n.put("evaluated", s.evaluated());
    n.put("failed", s.failures().size());
    ArrayNode fails = n.putArray("failures");
    for (Failure f : s.failures()) {
      fails.addObject().put("synset", f.synset()).put("model_id", f.modelId())
          .put("path", f.where()).put("reason", f.reason());
    }
    ObjectNode st = n.putObject("settings");
    st.put("points", settings.points());
    st.put("noise", settings.corruption().noiseSigma());
    st.put("voxel_resolution", settings.corruption().voxelResolution());
    st.put("iso", settings.corruption().iso());
    st.put("knn", settings.knn());
    st.put("seed", settings.seed());
    ObjectNode db = n.putObject("database");
    db.put("keypoints", s.databaseKeypoints());
    db.put("models", s.databaseModels());
    db.put("models_also_evaluated", s.overlap());
    ObjectNode pck = n.putObject("pck");
    s.curves().forEach((name, c) -> pck.putObject(name)
        .put("pck@0.05", c.at(0.05)).put("pck@0.10", c.at(0.10)).put("keypoints", c.keypoints()));
    n.put("seconds", s.seconds());
    return n.toPrettyString().getBytes(StandardCharsets.UTF_8);
  }

}
