package org.semcycle.benchmarks;

import org.semcycle.datasets.pfpascal.PfPascalLayout;
import org.semcycle.datasets.spair.SpairLayout;

/**
 * Paths of the evaluation sets' files, relative to each set's folder ({@link
 * BenchmarkFormat#dir()} under OUT). The data sets' own files follow their layouts
 * (/work/shared/reference/FORMATS.md); the ground truth lies beside them in {@code semcycle_gt/}.
 */
public final class BenchmarkLayout {
  private BenchmarkLayout() {}

  /** The ground-truth folder of every set. */
  public static final String GROUND_TRUTH = "semcycle_gt";

  /** PF-PASCAL's test pair list at the set's root. */
  public static final String PFPASCAL_TEST_PAIRS = "test_pairs.csv";

  /**
   * PF-PASCAL as released: {@code PF-dataset-PASCAL/JPEGImages/<id>.jpg}, with its annotation
   * beside it ({@link PfPascalLayout#annotationOf}) and the pair list at the set's root.
   */
  public static String pfPascalImage(EvaluationRecord r) {
    return PfPascalLayout.image(PfPascalLayout.RELEASE_DIR, r.imageId());
  }

  /** Pix3D: {@code img/<cat>/<id>.jpg}. */
  public static String pix3dImage(EvaluationRecord r) {
    return "img/" + r.category().name() + "/" + r.imageId() + ".jpg";
  }

  /** Pix3D: {@code mask/<cat>/<id>.png}. */
  public static String pix3dMask(EvaluationRecord r) {
    return "mask/" + r.category().name() + "/" + r.imageId() + ".png";
  }

  /** Pix3D: {@code model/<cat>/<model>/}. */
  public static String pix3dModelDir(BenchmarkCategory c, String modelId) {
    return "model/" + c.name() + "/" + EvaluationRenderer.safeId(modelId);
  }

  /** Pix3D: {@code model/<cat>/<model>/model.obj} (with {@code model.mtl} beside it). */
  public static String pix3dModel(BenchmarkCategory c, String modelId) {
    return pix3dModelDir(c, modelId) + "/model.obj";
  }

  /** Pix3D: {@code model/<cat>/<model>/3d_keypoints.txt}, M lines {@code x y z}. */
  public static String pix3dKeypoints3d(BenchmarkCategory c, String modelId) {
    return pix3dModelDir(c, modelId) + "/3d_keypoints.txt";
  }

  /**
   * Pix3D sidecar: {@code model/<cat>/<model>/3d_keypoints_ids.txt}, M lines, the semantic id
   * of each line of {@code 3d_keypoints.txt} and of each entry of the record's {@code
   * 2d_keypoints} (same order).
   */
  public static String pix3dKeypointIds(BenchmarkCategory c, String modelId) {
    return pix3dModelDir(c, modelId) + "/3d_keypoints_ids.txt";
  }

  /** The image of a record in a set. */
  public static String image(BenchmarkFormat f, EvaluationRecord r) {
    return switch (f) {
      case PIX3D -> pix3dImage(r);
      case SPAIR -> SpairLayout.image(r.category().spairName(), r.imageId());
      case PFPASCAL -> pfPascalImage(r);
    };
  }

  /** {@code semcycle_gt/<cat>/<id>.json} */
  public static String groundTruth(EvaluationRecord r) {
    return groundTruthBase(r) + ".json";
  }

  /** {@code semcycle_gt/<cat>/<id>_<map>.png} for map depth, normals or silhouette. */
  public static String groundTruthMap(EvaluationRecord r, String map) {
    return groundTruthBase(r) + "_" + map + ".png";
  }

  private static String groundTruthBase(EvaluationRecord r) {
    return GROUND_TRUTH + "/" + r.category().name() + "/" + r.imageId();
  }
}
