package org.semcycle.datasets.keypointnet;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where each semantic id of a category sits: over the category's models, how many models have
 * it, its mean position and its standard deviation per axis (population form, divided by the
 * number of keypoints), in the models' own frame. The numbers that
 * ../shared/reference/KEYPOINTNET-CHAIR.md gives for KeypointNet's chairs, so a generated set
 * can be set beside the real one. A model holding an id twice counts once among the models and
 * twice in the mean. Accumulates with Welford's update (hand-written: three running sums do not
 * warrant a statistics library).
 */
public record KeypointMeans(String category, SortedMap<Integer, Id> ids) {
  /** One semantic id: models having it, keypoints counted, mean and sd of x, y, z. */
  public record Id(int semanticId, int models, int keypoints, double[] mean, double[] sd) {
    public Id {
      mean = mean.clone();
      sd = sd.clone();
    }
  }

  /** The CSV header of {@link #toCsv}. */
  public static final String CSV_HEADER = "category,id,name,models,mean_x,mean_y,mean_z,sd_x,sd_y,sd_z";

  public KeypointMeans {
    ids = Collections.unmodifiableSortedMap(new TreeMap<>(ids));
  }

  /** The statistics of every semantic id found in {@code models}. */
  public static KeypointMeans of(String category, List<ModelAnnotation> models) {
    Map<Integer, double[]> acc = new TreeMap<>(); // n, mean[3], m2[3]
    Map<Integer, Integer> holders = new TreeMap<>();
    for (ModelAnnotation m : models) {
      Set<Integer> seen = new HashSet<>();
      for (Keypoint k : m.keypoints()) {
        if (seen.add(k.semanticId())) {
          holders.merge(k.semanticId(), 1, Integer::sum);
        }
        double[] a = acc.computeIfAbsent(k.semanticId(), id -> new double[7]);
        a[0]++;
        for (int i = 0; i < 3; i++) {
          double d = k.xyz()[i] - a[1 + i];
          a[1 + i] += d / a[0];
          a[4 + i] += d * (k.xyz()[i] - a[1 + i]);
        }
      }
    }
    SortedMap<Integer, Id> out = new TreeMap<>();
    for (Map.Entry<Integer, double[]> e : acc.entrySet()) {
      double[] a = e.getValue();
      double[] sd = new double[3];
      for (int i = 0; i < 3; i++) {
        sd[i] = Math.sqrt(a[4 + i] / a[0]);
      }
      out.put(e.getKey(), new Id(e.getKey(), holders.get(e.getKey()), (int) a[0],
          new double[] {a[1], a[2], a[3]}, sd));
    }
    return new KeypointMeans(category, out);
  }

  /**
   * CSV, {@link #CSV_HEADER} then one line per category and id (categories in the given order,
   * ids ascending), names from the vocabulary (empty when it does not name the id), 4 decimals.
   */
  public static byte[] toCsv(List<KeypointMeans> categories, KeypointVocabulary vocabulary) {
    StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
    for (KeypointMeans c : categories) {
      KeypointVocabulary.Category voc = vocabulary.categories().contains(c.category())
          ? vocabulary.category(c.category()) : null;
      for (Id id : c.ids().values()) {
        String name = voc == null || voc.name(id.semanticId()) == null ? "" : voc.name(id.semanticId());
        sb.append(String.format(Locale.ROOT, "%s,%d,%s,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f\n",
            c.category(), id.semanticId(), name, id.models(),
            id.mean()[0], id.mean()[1], id.mean()[2], id.sd()[0], id.sd()[1], id.sd()[2]));
      }
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
