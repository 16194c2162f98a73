package org.semcycle.evaluation;

import org.semcycle.datasets.pfpascal.PfPascalLayout;
import org.semcycle.datasets.pfpascal.PfPascalPair;
import org.semcycle.datasets.spair.SpairPair;
import org.semcycle.datasets.spair.SpairPairName;

/**
 * The {@code pair_id} and {@code image_id} strings of the predictions and ground-truth tables
 * (docs/TABLES.md), in one place so that infer and evaluate agree: SPair-71k {@code
 * <6-digit id>-<src>-<trg>:<voc class>} ({@link SpairPairName#toString}); PF-PASCAL {@code
 * <row>:<src stem>-<trg stem>}, row = 0-based data row of the pair CSV (header not counted).
 * Image ids are file names without directory and extension.
 */
public final class PairIds {
  private PairIds() {}

  /** SPair: the pair's name. */
  public static String spair(SpairPairName name) {
    return name.toString();
  }

  /** SPair: the pair's name. */
  public static String spair(SpairPair pair) {
    return pair.name().toString();
  }

  /** PF-PASCAL: {@code <row>:<src stem>-<trg stem>}. */
  public static String pfPascal(int row, PfPascalPair pair) {
    return pfPascal(row, imageId(pair.sourceImage()), imageId(pair.targetImage()));
  }

  /** PF-PASCAL: {@code <row>:<src stem>-<trg stem>}. */
  public static String pfPascal(int row, String sourceStem, String targetStem) {
    if (row < 0) {
      throw new IllegalArgumentException("PF-PASCAL pair row must be >= 0: " + row);
    }
    return row + ":" + PfPascalLayout.vocId(sourceStem) + "-" + PfPascalLayout.vocId(targetStem);
  }

  /**
   * The source image id of a pair id of a data set ({@code spair} or {@code pfpascal}).
   *
   * @throws IllegalArgumentException when the id is not in the data set's form
   */
  public static String sourceImageId(String dataset, String pairId) {
    return ends(dataset, pairId)[0];
  }

  /** The target image id of a pair id of a data set ({@code spair} or {@code pfpascal}). */
  public static String targetImageId(String dataset, String pairId) {
    return ends(dataset, pairId)[1];
  }

  private static String[] ends(String dataset, String pairId) {
    if ("spair".equals(dataset)) {
      try {
        SpairPairName n = SpairPairName.parse(pairId, "pair_id", 0);
        return new String[] {n.srcImageId(), n.trgImageId()};
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("not an SPair pair id: '" + pairId + "'");
      }
    }
    if ("pfpascal".equals(dataset)) {
      int colon = pairId.indexOf(':');
      String rest = colon < 0 ? "" : pairId.substring(colon + 1);
      String[] ends = rest.split("-", -1);
      if (colon <= 0 || ends.length != 2 || ends[0].isEmpty() || ends[1].isEmpty()
          || !pairId.substring(0, colon).matches("[0-9]+")) {
        throw new IllegalArgumentException("not a PF-PASCAL pair id <row>:<src>-<trg>: '" + pairId + "'");
      }
      return ends;
    }
    throw new IllegalArgumentException("no pairs in data set " + dataset);
  }

  /** The image id of a path: file name without directory and extension. */
  public static String imageId(String path) {
    int slash = path.lastIndexOf('/');
    String name = path.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }
}
