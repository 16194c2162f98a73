package org.semcycle.embedding;

import java.util.ArrayList;
import java.util.List;
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
 * Neighbours come from the synset's {@link KeypointIndex} ({@link KeypointDatabase#index}, built
 * once per database): exactly, or approximately by probing a few of its cells ({@link Search}).
 * Distances are computed in plain Java ({@link ColumnBlock}); per image only the search depends
 * on the database's size. Ids are those present in the database for the synset; results come in
 * ascending id order. {@link #groundTruth} is the "ground-truth semantic model" ablation.
 */
public final class KeypointTransfer {
  /** How a point is chosen for each id. */
  public enum Mode {
    MEAN,
    KNN_VOTE
  }

  /**
   * How KNN_VOTE finds each point's k nearest database rows: {@link Method#EXACT} (every row
   * that can be nearer; cells are pruned by the triangle inequality) or {@link Method#INDEX} (the
   * rows of the {@code probes} cells nearest to the point: approximate once the synset has more
   * cells than that, about sqrt(rows) of them).
   */
  public record Search(Method method, int probes) implements java.io.Serializable {
    /** Exact or cell-probing search. */
    public enum Method {
      EXACT,
      INDEX
    }

    /** Cells probed per point by default. */
    public static final int DEFAULT_PROBES = 4;

    public Search {
      if (method == null || probes < 1) {
        throw new IllegalArgumentException("need a method and probes >= 1: " + probes);
      }
    }

    public static Search exact() {
      return new Search(Method.EXACT, Integer.MAX_VALUE);
    }

    public static Search index(int probes) {
      return new Search(Method.INDEX, probes);
    }

    /** The default: {@value #DEFAULT_PROBES} cells. */
    public static Search defaults() {
      return index(DEFAULT_PROBES);
    }

    /** Cells to probe per point ({@link Integer#MAX_VALUE}: all, exact). */
    public int cellsProbed() {
      return method == Method.EXACT ? Integer.MAX_VALUE : probes;
    }
  }

  /**
   * Mode, neighbours per point (KNN_VOTE), temperature T of the confidence / vote weights (in
   * squared embedding units; the default 0.25 = (margin/2)^2 with the loss margin of 1), and the
   * neighbour search of KNN_VOTE.
   */
  public record Options(Mode mode, int k, float temperature, Search search) {
    public Options {
      if (k < 1 || !(temperature > 0) || search == null) {
        throw new IllegalArgumentException("need k >= 1, temperature > 0 and a search");
      }
    }

    /** With the default search. */
    public Options(Mode mode, int k, float temperature) {
      this(mode, k, temperature, Search.defaults());
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

    /** The same options with another search. */
    public Options withSearch(Search s) {
      return new Options(mode, k, temperature, s);
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
    KeypointIndex index = checked(synset, xyz, emb);
    if (options.mode() == Mode.MEAN) {
      return byMean(index, xyz, meanDistances(index, emb));
    }
    return byVote(index, xyz, emb, neighbours(index, emb));
  }

  /** The k nearest database rows of every point, as {@link Options#search()} finds them. */
  NearestNeighbours.Result neighbours(KeypointIndex index, float[] emb) {
    return index.search(emb, options.k(), options.search().cellsProbed());
  }

  KeypointIndex checked(String synset, float[] xyz, float[] emb) {
    if (db.idStats(synset).isEmpty()) {
      throw new IllegalArgumentException("no keypoints of synset " + synset + " in the database");
    }
    KeypointIndex index = db.index(synset);
    int n = xyz.length / 3;
    if (emb.length != n * index.dim()) {
      throw new IllegalArgumentException(
          "embeddings: " + emb.length + " floats for " + n + " points of size " + index.dim());
    }
    return index;
  }

  /** Squared distances of every point to every id's mean, {@code n x ids}. */
  private static float[] meanDistances(KeypointIndex index, float[] emb) {
    int dim = index.dim;
    int n = emb.length / dim;
    int ni = index.ids.length;
    float[] out = new float[n * ni];
    float[] row = new float[ni];
    for (int p = 0; p < n; p++) {
      index.means.squaredDistances(emb, p * dim, ColumnBlock.squaredNorm(emb, p * dim, dim), row);
      System.arraycopy(row, 0, out, p * ni, ni);
    }
    return out;
  }

  private List<TransferredKeypoint> byMean(KeypointIndex index, float[] xyz, float[] d2) {
    int ni = index.ids.length;
    int n = xyz.length / 3;
    List<TransferredKeypoint> out = new ArrayList<>();
    for (int j = 0; j < ni; j++) {
      int best = argMinColumn(d2, n, ni, j);
      out.add(new TransferredKeypoint(index.ids[j], point(xyz, best), softmaxAt(d2, best, ni, j),
          best));
    }
    return out;
  }

  /** The vote over the points' neighbours {@code nn} (rows numbered as the index's). */
  List<TransferredKeypoint> byVote(KeypointIndex index, float[] xyz, float[] emb,
      NearestNeighbours.Result nn) {
    int n = xyz.length / 3;
    int ni = index.ids.length;
    double t = options.temperature();
    double[] score = new double[n * ni];
    double[] total = new double[n];
    for (int p = 0; p < n; p++) {
      for (int r = 0; r < nn.k(); r++) {
        double w = Math.exp(-nn.squaredDistance(p, r) / t);
        score[p * ni + index.rowSlot[nn.index(p, r)]] += w;
        total[p] += w;
      }
    }
    float[] d2Mean = null;
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
        d2Mean = d2Mean == null ? meanDistances(index, emb) : d2Mean;
        int p = argMinColumn(d2Mean, n, ni, j);
        out.add(new TransferredKeypoint(index.ids[j], point(xyz, p), 0f, p));
      } else {
        float conf = total[best] > 0 ? (float) (bestScore / total[best]) : 0f;
        out.add(new TransferredKeypoint(index.ids[j], point(xyz, best), conf, best));
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
