package org.semcycle.embedding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.semcycle.datasets.keypointnet.Keypoint;
import org.semcycle.datasets.keypointnet.ModelAnnotation;
import org.semcycle.io.DataFormatException;

/**
 * The 3D keypoint database of stage 6 (PIPELINE.md): every keypoint embedding of the database
 * models (not only the per-id means the reference keeps), with per-synset, per-semantic-id
 * statistics: mean embedding, count, and spread (root mean squared L2 distance of the id's
 * embeddings to their mean). An in-memory, immutable structure of plain float arrays; the jobs
 * module reads and writes it as Parquet rows of {@link KeypointRecord}.
 *
 * <p>Each synset's k-NN {@link KeypointIndex} is built on first use ({@link #index}), once per
 * database, by whichever thread asks first; the others wait for it.
 */
public final class KeypointDatabase {
  private final List<KeypointRecord> rows;
  private final int dim;
  private final Map<String, Map<Integer, IdStats>> stats;
  private final Map<String, List<KeypointRecord>> bySynset;
  private final Map<String, LazyIndex> indexes;

  /** Statistics of one semantic id of one synset. */
  public record IdStats(int semanticId, float[] mean, int count, float spread) {
    public IdStats {
      mean = mean.clone();
    }

    @Override
    public float[] mean() {
      return mean.clone();
    }
  }

  private KeypointDatabase(List<KeypointRecord> rows) {
    this.rows = List.copyOf(rows);
    this.dim = rows.isEmpty() ? 0 : rows.get(0).embedding().length;
    Map<String, Map<Integer, List<KeypointRecord>>> groups = new TreeMap<>();
    for (KeypointRecord r : this.rows) {
      if (r.embedding().length != dim) {
        throw new IllegalArgumentException(
            "embedding sizes differ: " + dim + " and " + r.embedding().length + " ("
                + r.synset() + "/" + r.modelId() + ")");
      }
      groups.computeIfAbsent(r.synset(), s -> new TreeMap<>())
          .computeIfAbsent(r.semanticId(), s -> new ArrayList<>())
          .add(r);
    }
    Map<String, Map<Integer, IdStats>> st = new TreeMap<>();
    groups.forEach((syn, ids) -> {
      Map<Integer, IdStats> m = new TreeMap<>();
      ids.forEach((id, list) -> m.put(id, statsOf(id, list, dim)));
      st.put(syn, Collections.unmodifiableMap(m));
    });
    this.stats = Collections.unmodifiableMap(st);
    Map<String, List<KeypointRecord>> by = new TreeMap<>();
    for (KeypointRecord r : this.rows) {
      by.computeIfAbsent(r.synset(), s -> new ArrayList<>()).add(r);
    }
    Map<String, LazyIndex> ix = new TreeMap<>();
    by.replaceAll((syn, list) -> List.copyOf(list));
    by.forEach((syn, list) -> ix.put(syn, new LazyIndex(list, st.get(syn))));
    this.bySynset = Collections.unmodifiableMap(by);
    this.indexes = Collections.unmodifiableMap(ix);
  }

  /** A synset's index, built on the first call. */
  private static final class LazyIndex {
    private final List<KeypointRecord> rows;
    private final Map<Integer, IdStats> stats;
    private volatile KeypointIndex index;

    LazyIndex(List<KeypointRecord> rows, Map<Integer, IdStats> stats) {
      this.rows = rows;
      this.stats = stats;
    }

    KeypointIndex get() {
      KeypointIndex i = index;
      if (i == null) {
        synchronized (this) {
          i = index;
          if (i == null) {
            i = KeypointIndex.build(rows, stats);
            index = i;
          }
        }
      }
      return i;
    }
  }

  private static IdStats statsOf(int id, List<KeypointRecord> list, int dim) {
    double[] mean = new double[dim];
    for (KeypointRecord r : list) {
      for (int k = 0; k < dim; k++) {
        mean[k] += r.embeddingAt(k);
      }
    }
    float[] m = new float[dim];
    for (int k = 0; k < dim; k++) {
      m[k] = (float) (mean[k] / list.size());
    }
    double ss = 0;
    for (KeypointRecord r : list) {
      for (int k = 0; k < dim; k++) {
        double t = r.embeddingAt(k) - m[k];
        ss += t * t;
      }
    }
    return new IdStats(id, m, list.size(), (float) Math.sqrt(ss / list.size()));
  }

  /** A database of the given rows (all embeddings the same size). */
  public static KeypointDatabase of(List<KeypointRecord> rows) {
    return new KeypointDatabase(rows);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects rows, e.g. from embedded KeypointNet models. */
  public static final class Builder {
    private final List<KeypointRecord> rows = new ArrayList<>();

    public Builder add(KeypointRecord r) {
      rows.add(r);
      return this;
    }

    /**
     * Adds the keypoints of one annotated model, taking each keypoint's embedding at its PCD
     * point ({@code pcd_info.point_index}) from the dense embeddings of that model's PCD
     * ({@code N * dim} floats, point-major, as {@link EmbeddingNet#embed} returns them). The
     * keypoint's position is the annotated one.
     *
     * @throws DataFormatException when a point index falls outside the PCD
     */
    public Builder addModel(ModelAnnotation model, float[] pcdEmbeddings, int dim) {
      int n = pcdEmbeddings.length / dim;
      List<Keypoint> kps = model.keypoints();
      for (int i = 0; i < kps.size(); i++) {
        Keypoint kp = kps.get(i);
        int p = kp.pcdPointIndex();
        if (p < 0 || p >= n) {
          throw new DataFormatException(
              model.classId() + "/" + model.modelId(),
              "keypoint " + i + ": pcd_info.point_index " + p + " outside the " + n
                  + "-point cloud");
        }
        float[] e = new float[dim];
        System.arraycopy(pcdEmbeddings, p * dim, e, 0, dim);
        double[] x = kp.xyz();
        rows.add(new KeypointRecord(model.classId(), model.modelId(), kp.semanticId(),
            new float[] {(float) x[0], (float) x[1], (float) x[2]}, e));
      }
      return this;
    }

    public KeypointDatabase build() {
      return new KeypointDatabase(rows);
    }
  }

  public List<KeypointRecord> rows() {
    return rows;
  }

  /** Rows of one synset, in insertion order (empty when unknown). */
  public List<KeypointRecord> rows(String synset) {
    return bySynset.getOrDefault(synset, List.of());
  }

  /**
   * The k-NN index of a synset's rows (its row numbers are positions in {@link #rows(String)}),
   * built on the first call for that synset and kept.
   *
   * @throws IllegalArgumentException when the database has no rows of the synset
   */
  public KeypointIndex index(String synset) {
    LazyIndex i = indexes.get(synset);
    if (i == null) {
      throw new IllegalArgumentException("no keypoints of synset " + synset + " in the database");
    }
    return i.get();
  }

  /** Embedding size (0 when empty). */
  public int dim() {
    return dim;
  }

  public int size() {
    return rows.size();
  }

  /** Synsets present, sorted. */
  public List<String> synsets() {
    return List.copyOf(stats.keySet());
  }

  /** Per-id statistics of a synset, by ascending semantic id (empty when unknown). */
  public Map<Integer, IdStats> idStats(String synset) {
    return stats.getOrDefault(synset, Map.of());
  }
}
