package org.semcycle.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.semcycle.datasets.keypointnet.ModelAnnotation;
import org.semcycle.embedding.EmbeddingNet;
import org.semcycle.embedding.KeypointDatabase;
import org.semcycle.embedding.KeypointRecord;
import org.semcycle.embedding.KeypointTransfer;
import org.semcycle.embedding.TransferredKeypoint;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.NearestPoint;
import org.semcycle.geometry.SurfaceSampler;
import org.semcycle.geometry.Vec3;
import org.semcycle.io.Seeds;

/**
 * The keypoint embedding evaluated alone, KeypointNet-style, in 3D (stages 5 and 6 of
 * PIPELINE.md without the image half of the cycle). For one annotated model and each {@link
 * ShapeCondition}:
 *
 * <ol>
 *   <li>the shape: the true mesh ({@code CLEAN}), or its voxel round trip ({@code CORRUPTED},
 *       {@link PredictionLikeCorruption#remesh});
 *   <li>{@code points} samples, area-weighted ({@link SurfaceSampler}), seeded by (seed, "eval3d",
 *       condition, synset, model); under {@code CORRUPTED} plus Gaussian noise seeded by (seed,
 *       "eval3d-noise", synset, model);
 *   <li>the cloud embedded once and keypoints transferred from the database with {@link
 *       KeypointTransfer.Mode#MEAN} and {@link KeypointTransfer.Mode#KNN_VOTE} ({@code knn}
 *       neighbours); the embedding-free {@link TransferMethod#POSITION_PRIOR} (the sample nearest
 *       to the id's mean database position); the {@link TransferMethod#NEAREST_SAMPLE} reference;
 *   <li>each true keypoint (the first of each semantic id, as {@link
 *       KeypointTransfer#groundTruth}) scored by its distance to the point placed for its id, always
 *       against the ORIGINAL annotation, in the model's ShapeNet-normalised frame.
 * </ol>
 *
 * Every placed point is one of the sampled points, so per keypoint no method beats {@code
 * NEAREST_SAMPLE}. Same inputs and seed give the same scores. Accumulate with {@link Pck3dTable}.
 */
public final class EmbeddingBenchmark3d {

  /**
   * Points sampled per shape, the corruption, neighbours of {@code KNN_VOTE}, and the base seed.
   */
  public record Settings(int points, PredictionLikeCorruption corruption, int knn, long seed) {
    public Settings {
      if (points < 1 || knn < 1 || corruption == null) {
        throw new IllegalArgumentException("need points >= 1, knn >= 1 and a corruption");
      }
    }

    /** 2048 points, {@link PredictionLikeCorruption#defaults()}, k = 8. */
    public static Settings defaults(long seed) {
      return new Settings(2048, PredictionLikeCorruption.defaults(), 8, seed);
    }

    public Settings withPoints(int n) {
      return new Settings(n, corruption, knn, seed);
    }

    public Settings withNoise(double sigma) {
      return new Settings(points, corruption.withNoise(sigma), knn, seed);
    }
  }

  private final EmbeddingNet net;
  private final KeypointDatabase db;
  private final Settings settings;
  private final KeypointTransfer byMean;
  private final KeypointTransfer byVote;
  private final Map<String, Map<Integer, Vec3>> meanPositions;

  /**
   * @throws IllegalArgumentException when the database's embedding size is not the network's
   */
  public EmbeddingBenchmark3d(EmbeddingNet net, KeypointDatabase db, Settings settings) {
    if (db.size() > 0 && db.dim() != net.dim()) {
      throw new IllegalArgumentException(
          "the database holds " + db.dim() + "-d embeddings, the embedder makes " + net.dim()
              + "-d ones");
    }
    this.net = net;
    this.db = db;
    this.settings = settings;
    this.byMean = new KeypointTransfer(db, KeypointTransfer.Options.mean());
    this.byVote = new KeypointTransfer(db, KeypointTransfer.Options.knnVote(settings.knn()));
    this.meanPositions = meanPositions(db);
  }

  /** Per synset and semantic id, the mean position of the database keypoints. */
  private static Map<String, Map<Integer, Vec3>> meanPositions(KeypointDatabase db) {
    Map<String, Map<Integer, double[]>> sums = new TreeMap<>();
    for (KeypointRecord r : db.rows()) {
      double[] s = sums.computeIfAbsent(r.synset(), k -> new TreeMap<>())
          .computeIfAbsent(r.semanticId(), k -> new double[4]);
      float[] x = r.xyz();
      s[0] += x[0];
      s[1] += x[1];
      s[2] += x[2];
      s[3]++;
    }
    Map<String, Map<Integer, Vec3>> out = new TreeMap<>();
    sums.forEach((syn, ids) -> {
      Map<Integer, Vec3> m = new TreeMap<>();
      ids.forEach((id, s) -> m.put(id, new Vec3(s[0] / s[3], s[1] / s[3], s[2] / s[3])));
      out.put(syn, m);
    });
    return out;
  }

  public Settings settings() {
    return settings;
  }

  /** The shape evaluated under a condition: the mesh itself, or its voxel round trip. */
  public Mesh shape(Mesh mesh, ShapeCondition condition) {
    return condition == ShapeCondition.CLEAN ? mesh : settings.corruption().remesh(mesh);
  }

  /**
   * The points sampled from {@code shape} (what {@link #shape} returned) for a model under a
   * condition, noisy under {@code CORRUPTED}: packed xyz, {@code points} of them.
   */
  public float[] cloud(Mesh shape, ShapeCondition condition, String synset, String modelId) {
    long seed = Seeds.mix(settings.seed(), "eval3d", condition.label(), synset, modelId);
    float[] xyz = new SurfaceSampler(shape).sample(settings.points(), seed).positionsAsFloat();
    if (condition == ShapeCondition.CORRUPTED) {
      xyz = settings.corruption().addNoise(
          xyz, Seeds.mix(settings.seed(), "eval3d-noise", synset, modelId));
    }
    return xyz;
  }

  /**
   * Scores one model (its mesh in the ShapeNet-normalised frame and its annotation) under every
   * condition and method.
   *
   * @throws IllegalArgumentException when the model has no keypoints, the database has no
   *     keypoints of its synset, or a shape has no surface
   */
  public ModelScores evaluate(Mesh mesh, ModelAnnotation model) {
    String synset = model.classId();
    List<TransferredKeypoint> truth = KeypointTransfer.groundTruth(model);
    if (truth.isEmpty()) {
      throw new IllegalArgumentException(synset + "/" + model.modelId() + " has no keypoints");
    }
    if (db.idStats(synset).isEmpty()) {
      throw new IllegalArgumentException("no keypoints of synset " + synset + " in the database");
    }
    int[] ids = truth.stream().mapToInt(TransferredKeypoint::semanticId).toArray();
    Map<CurveKey, double[]> distances = new LinkedHashMap<>();
    for (ShapeCondition c : ShapeCondition.values()) {
      float[] xyz = cloud(shape(mesh, c), c, synset, model.modelId());
      float[] emb = net.embed(xyz);
      distances.put(new CurveKey(c, TransferMethod.MEAN),
          score(truth, byMean.transferEmbedded(synset, xyz, emb)));
      distances.put(new CurveKey(c, TransferMethod.KNN_VOTE),
          score(truth, byVote.transferEmbedded(synset, xyz, emb)));
      distances.put(new CurveKey(c, TransferMethod.POSITION_PRIOR),
          score(truth, positionPrior(meanPositions.get(synset), xyz)));
      distances.put(new CurveKey(c, TransferMethod.NEAREST_SAMPLE), nearestSample(truth, xyz));
    }
    return new ModelScores(synset, model.modelId(), ids, distances);
  }

  private static double[] score(List<TransferredKeypoint> truth, List<TransferredKeypoint> placed) {
    Map<Integer, Vec3> byId = new LinkedHashMap<>();
    for (TransferredKeypoint p : placed) {
      byId.put(p.semanticId(), p.xyz());
    }
    double[] d = new double[truth.size()];
    for (int i = 0; i < d.length; i++) {
      Vec3 p = byId.get(truth.get(i).semanticId());
      d[i] = p == null ? Double.NaN : p.distance(truth.get(i).xyz());
    }
    return d;
  }

  /** For each id, the sampled point nearest to its mean database position. */
  private static List<TransferredKeypoint> positionPrior(Map<Integer, Vec3> means, float[] xyz) {
    List<TransferredKeypoint> out = new ArrayList<>();
    means.forEach((id, m) -> {
      int p = NearestPoint.nearest(xyz, m);
      out.add(new TransferredKeypoint(id, new Vec3(xyz[3 * p], xyz[3 * p + 1], xyz[3 * p + 2]),
          1f, p));
    });
    return out;
  }

  /** Distance from each true keypoint to the nearest sampled point. */
  static double[] nearestSample(List<TransferredKeypoint> truth, float[] xyz) {
    double[] d = new double[truth.size()];
    for (int i = 0; i < d.length; i++) {
      Vec3 t = truth.get(i).xyz();
      double best = Double.POSITIVE_INFINITY;
      for (int p = 0; p < xyz.length; p += 3) {
        double dx = xyz[p] - t.x();
        double dy = xyz[p + 1] - t.y();
        double dz = xyz[p + 2] - t.z();
        best = Math.min(best, dx * dx + dy * dy + dz * dz);
      }
      d[i] = Math.sqrt(best);
    }
    return d;
  }
}
