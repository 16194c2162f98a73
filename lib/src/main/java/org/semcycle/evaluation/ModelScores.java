package org.semcycle.evaluation;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link EmbeddingBenchmark3d} measured on one model: the true keypoints' semantic ids
 * (ascending) and, per {@link CurveKey}, the Euclidean distance (object units) from each true
 * keypoint to the point placed for its id, in the same order; {@code NaN} where no point was
 * placed (the database lacks the id), which counts as wrong at every threshold.
 */
public record ModelScores(
    String synset, String modelId, int[] semanticIds, Map<CurveKey, double[]> distances) {
  public ModelScores {
    semanticIds = semanticIds.clone();
    Map<CurveKey, double[]> copy = new LinkedHashMap<>();
    for (Map.Entry<CurveKey, double[]> e : distances.entrySet()) {
      if (e.getValue().length != semanticIds.length) {
        throw new IllegalArgumentException(
            e.getKey().label() + ": " + e.getValue().length + " distances for "
                + semanticIds.length + " keypoints");
      }
      copy.put(e.getKey(), e.getValue().clone());
    }
    distances = Collections.unmodifiableMap(copy);
  }

  @Override
  public int[] semanticIds() {
    return semanticIds.clone();
  }

  /** Distances of one curve (a copy; NaN = not placed). */
  public double[] distances(CurveKey key) {
    double[] d = distances.get(key);
    if (d == null) {
      throw new IllegalArgumentException("no curve " + key.label() + " for " + synset + "/" + modelId);
    }
    return d.clone();
  }

  /** Fraction of this model's keypoints within {@code threshold} on one curve. */
  public double pck(CurveKey key, double threshold) {
    double[] d = distances(key);
    long hits = Arrays.stream(d).filter(x -> x <= threshold).count();
    return d.length == 0 ? Double.NaN : (double) hits / d.length;
  }
}
