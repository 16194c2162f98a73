package org.semcycle.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.semcycle.datasets.keypointnet.Keypoint;
import org.semcycle.datasets.keypointnet.ModelAnnotation;
import org.semcycle.geometry.Vec3;

/**
 * Keypoint transfer (stage 6 of PIPELINE.md): embed the points sampled from a shape, then for
 * each semantic id of the synset choose one of those points by its embedding.
 *
 * <ul>
 *   <li>{@link Mode#MEAN} (the reference): the point nearest to the id's mean database embedding.
 *       Confidence: the chosen point's softmax over ids of {@code -d^2 / T} (d: distance to each
 *       id's mean), i.e. how clearly that point belongs to this id rather than another.
 *   <li>{@link Mode#KNN_VOTE}: every point's k nearest database keypoint embeddings (all rows of
 *       the synset) vote for their ids with weight {@code exp(-d^2 / T)}; for each id, the point
 *       with the highest summed weight for it wins. Confidence: that point's weighted vote share
 *       for the id (its weight for the id over the total weight of its k neighbours). An id no
 *       point voted for falls back to the point nearest to its mean, with confidence 0.
 * </ul>
 *
 * Distances are computed as matrix products in DJL ({@link NearestNeighbours}). Ids are those
 * present in the database for the synset; results come in ascending id order.
 * {@link #groundTruth} is the "ground-truth semantic model" ablation.
 */
public final class KeypointTransfer {
  /** How a point is chosen for each id. */
  public enum Mode {
    MEAN,
    KNN_VOTE
  }

  /**
   * Mode, neighbours per point (KNN_VOTE) and temperature T of the confidence / vote weights
   * (in squared embedding units; the default 0.25 = (margin/2)^2 with the loss margin of 1).
   */
  public record Options(Mode mode, int k, float temperature) {
    public Options {
      if (k < 1 || !(temperature > 0)) {
        throw new IllegalArgumentException("need k >= 1 and temperature > 0");
      }
    }

    public static Options mean() {
      return new Options(Mode.MEAN, 1, 0.25f);
    }

    public static Options knnVote(int k) {
      return new Options(Mode.KNN_VOTE, k, 0.25f);
    }

    /** The default mode (see the project report for why). */
    public static Options defaults() {
      return knnVote(8);
    }
  }

  private final KeypointDatabase db;
  private final Options options;

  public KeypointTransfer(KeypointDatabase db, Options options) {
    this.db = db;
    this.options = options;
  }

  public Options options() {
    return options;
  }

  /** Embeds {@code xyz} (N packed points, any frame) with {@code net} and transfers. */
  public List<TransferredKeypoint> transfer(PointEmbedder net, String synset, float[] xyz) {
    return transferEmbedded(synset, xyz, net.embed(xyz));
  }

  /** Transfers with precomputed embeddings ({@code N * D}, point-major) of the points. */
  public List<TransferredKeypoint> transferEmbedded(String synset, float[] xyz, float[] emb) {
    Map<Integer, KeypointDatabase.IdStats> stats = db.idStats(synset);
    if (stats.isEmpty()) {
      throw new IllegalArgumentException("no keypoints of synset " + synset + " in the database");
    }
    int dim = db.dim();
    int n = xyz.length / 3;
    if (emb.length != n * dim) {
      throw new IllegalArgumentException(
          "embeddings: " + emb.length + " floats for " + n + " points of size " + dim);
    }
    int[] ids = stats.keySet().stream().mapToInt(Integer::intValue).toArray();
    float[] means = new float[ids.length * dim];
    for (int j = 0; j < ids.length; j++) {
      System.arraycopy(stats.get(ids[j]).mean(), 0, means, j * dim, dim);
    }
    float[] d2Mean = NearestNeighbours.squaredDistances(emb, means, dim); // n x I
    return options.mode() == Mode.MEAN
        ? byMean(xyz, ids, d2Mean)
        : byVote(synset, xyz, emb, ids, d2Mean);
  }

  private List<TransferredKeypoint> byMean(float[] xyz, int[] ids, float[] d2) {
    int ni = ids.length;
    int n = xyz.length / 3;
    List<TransferredKeypoint> out = new ArrayList<>();
    for (int j = 0; j < ni; j++) {
      int best = argMinColumn(d2, n, ni, j);
      out.add(new TransferredKeypoint(ids[j], point(xyz, best), softmaxAt(d2, best, ni, j), best));
    }
    return out;
  }

  private List<TransferredKeypoint> byVote(
      String synset, float[] xyz, float[] emb, int[] ids, float[] d2Mean) {
    List<KeypointRecord> rows = db.rows(synset);
    int dim = db.dim();
    float[] table = new float[rows.size() * dim];
    int[] rowSlot = new int[rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(rows.get(r).embedding(), 0, table, r * dim, dim);
      rowSlot[r] = java.util.Arrays.binarySearch(ids, rows.get(r).semanticId());
    }
    int n = xyz.length / 3;
    int ni = ids.length;
    NearestNeighbours.Result nn = NearestNeighbours.search(emb, table, dim, options.k());
    double t = options.temperature();
    double[] score = new double[n * ni];
    double[] total = new double[n];
    for (int p = 0; p < n; p++) {
      for (int r = 0; r < nn.k(); r++) {
        double w = Math.exp(-nn.squaredDistance(p, r) / t);
        score[p * ni + rowSlot[nn.index(p, r)]] += w;
        total[p] += w;
      }
    }
    List<TransferredKeypoint> out = new ArrayList<>();
    for (int j = 0; j < ni; j++) {
      int best = -1;
      double bestScore = 0;
      for (int p = 0; p < n; p++) {
        if (score[p * ni + j] > bestScore) {
          bestScore = score[p * ni + j];
          best = p;
        }
      }
      if (best < 0) {
        int p = argMinColumn(d2Mean, n, ni, j);
        out.add(new TransferredKeypoint(ids[j], point(xyz, p), 0f, p));
      } else {
        float conf = total[best] > 0 ? (float) (bestScore / total[best]) : 0f;
        out.add(new TransferredKeypoint(ids[j], point(xyz, best), conf, best));
      }
    }
    return out;
  }

  private static int argMinColumn(float[] d2, int n, int ni, int j) {
    int best = 0;
    for (int p = 1; p < n; p++) {
      if (d2[p * ni + j] < d2[best * ni + j]) {
        best = p;
      }
    }
    return best;
  }

  private float softmaxAt(float[] d2, int p, int ni, int j) {
    double t = options.temperature();
    double min = Double.POSITIVE_INFINITY;
    for (int c = 0; c < ni; c++) {
      min = Math.min(min, d2[p * ni + c]);
    }
    double sum = 0;
    for (int c = 0; c < ni; c++) {
      sum += Math.exp(-(d2[p * ni + c] - min) / t);
    }
    return (float) (Math.exp(-(d2[p * ni + j] - min) / t) / sum);
  }

  private static Vec3 point(float[] xyz, int p) {
    return new Vec3(xyz[3 * p], xyz[3 * p + 1], xyz[3 * p + 2]);
  }

  /**
   * The "ground-truth semantic model" ablation: the true model's own annotated keypoints, with
   * confidence 1 (the first keypoint of an id when an annotation repeats one), by ascending id.
   */
  public static List<TransferredKeypoint> groundTruth(ModelAnnotation model) {
    java.util.TreeMap<Integer, TransferredKeypoint> byId = new java.util.TreeMap<>();
    for (Keypoint kp : model.keypoints()) {
      byId.putIfAbsent(kp.semanticId(),
          new TransferredKeypoint(kp.semanticId(), Vec3.of(kp.xyz()), 1f, kp.pcdPointIndex()));
    }
    return List.copyOf(byId.values());
  }
}
