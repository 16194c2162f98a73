package org.semcycle.jobs.infer;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.semcycle.cycle.Cycle;
import org.semcycle.cycle.CycleSetting;
import org.semcycle.cycle.TransferStage;
import org.semcycle.cycle.ViewpointStage;
import org.semcycle.cycle.viewpoint.SketchAgreement;
import org.semcycle.cycle.viewpoint.ViewpointFitter;
import org.semcycle.viewpoint.AzimuthDecoding;
import org.semcycle.embedding.KeypointTransfer;
import org.semcycle.evaluation.KeypointIdMap;
import org.semcycle.io.ImageLoader;
import org.semcycle.rendering.camera.Viewpoint;

/**
 * {@code semcycle.infer} as a small serialisable value the executors get (the HOCON config
 * itself does not travel). {@code keypointIds} is evaluate's map of data set keypoint ids to
 * semantic ids ({@code semcycle.evaluation.keypoint-maps}): pair mode and the 2D baseline write
 * the semantic ids of the pair's source keypoints, as the ground truth does.
 */
public record InferSettings(
    Set<CycleSetting> settings,
    int batchSize,
    String voxelNet,
    double margin,
    boolean givenBox,
    float silhouetteThreshold,
    double iso,
    double fov,
    double referenceDistance,
    int fitSize,
    int fitSteps,
    double fitLearningRate,
    int maxFaces,
    Set<Viewpoint.Parameter> fitFree,
    int points,
    KeypointTransfer.Mode transferMode,
    int k,
    float temperature,
    KeypointTransfer.Search search,
    long seed,
    long maxPixels,
    Set<String> visualize,
    Set<CycleSetting> pairSettings,
    KeypointIdMap keypointIds,
    int torchThreads,
    List<Double> fitStarts,
    SketchAgreement fitAgreement,
    AzimuthDecoding azimuthDecoding,
    Cycle.FitTarget fitTarget,
    ViewpointFitter.Loss fitLoss)
    implements Serializable {

  public static InferSettings of(Config c, Set<CycleSetting> settings, Set<String> visualize) {
    Config i = c.getConfig("semcycle.infer");
    EnumSet<Viewpoint.Parameter> free = EnumSet.noneOf(Viewpoint.Parameter.class);
    for (String p : i.getStringList("fit.free")) {
      free.add(Viewpoint.Parameter.valueOf(p.toUpperCase(Locale.ROOT).replace('-', '_')));
    }
    String box = i.getString("box");
    if (!box.equals("given") && !box.equals("predicted")) {
      throw new IllegalArgumentException("semcycle.infer.box must be given or predicted: " + box);
    }
    return new InferSettings(EnumSet.copyOf(settings), i.getInt("batch-size"),
        i.getString("voxel-net"), i.getDouble("margin"), box.equals("given"),
        (float) i.getDouble("silhouette-threshold"), i.getDouble("iso"), i.getDouble("fov"),
        i.getDouble("reference-distance"), i.getInt("fit.size"), i.getInt("fit.steps"),
        i.getDouble("fit.learning-rate"), i.getInt("fit.max-faces"), free,
        i.getInt("transfer.points"),
        KeypointTransfer.Mode.valueOf(i.getString("transfer.mode").toUpperCase(Locale.ROOT).replace('-', '_')),
        i.getInt("transfer.k"), (float) i.getDouble("transfer.temperature"), search(i),
        c.getLong("semcycle.seed"), ImageLoader.DEFAULT_MAX_PIXELS, Set.copyOf(visualize),
        i.getStringList("pair-settings").isEmpty() ? EnumSet.noneOf(CycleSetting.class)
            : EnumSet.copyOf(CycleSetting.parseAll(i.getStringList("pair-settings"))),
        KeypointIdMap.fromConfig(c.getConfig("semcycle.evaluation")), i.getInt("torch-threads"),
        List.copyOf(i.getDoubleList("fit.starts")),
        new SketchAgreement(i.getDouble("fit.depth-weight"), i.getDouble("fit.normal-weight")),
        azimuthDecoding(i.getConfig("azimuth")), fitTarget(i.getString("fit.target")),
        fitLoss(i.getString("fit.loss")));
  }

  private static ViewpointFitter.Loss fitLoss(String name) {
    return switch (name) {
      case "mse" -> ViewpointFitter.Loss.MSE;
      case "soft-iou" -> ViewpointFitter.Loss.SOFT_IOU;
      default -> throw new IllegalArgumentException("semcycle.infer.fit.loss must be mse or soft-iou: " + name);
    };
  }

  private static Cycle.FitTarget fitTarget(String name) {
    return switch (name) {
      case "mask" -> Cycle.FitTarget.MASK;
      case "probability" -> Cycle.FitTarget.PROBABILITY;
      default -> throw new IllegalArgumentException(
          "semcycle.infer.fit.target must be mask or probability: " + name);
    };
  }

  /** The same settings drawing {@code visualize}. */
  public InferSettings withVisualize(Set<String> keys) {
    return new InferSettings(settings, batchSize, voxelNet, margin, givenBox, silhouetteThreshold,
        iso, fov, referenceDistance, fitSize, fitSteps, fitLearningRate, maxFaces, fitFree, points,
        transferMode, k, temperature, search, seed, maxPixels, Set.copyOf(keys), pairSettings, keypointIds,
        torchThreads, fitStarts, fitAgreement, azimuthDecoding, fitTarget, fitLoss);
  }

  /** The same settings with libtorch's intra-op threads per task. */
  public InferSettings withTorchThreads(int n) {
    return new InferSettings(settings, batchSize, voxelNet, margin, givenBox, silhouetteThreshold,
        iso, fov, referenceDistance, fitSize, fitSteps, fitLearningRate, maxFaces, fitFree, points,
        transferMode, k, temperature, search, seed, maxPixels, visualize, pairSettings, keypointIds, n, fitStarts,
        fitAgreement, azimuthDecoding, fitTarget, fitLoss);
  }

  /** The labels of the settings, from config when the command line gives none. */
  public static List<String> labels(Config c) {
    return c.getStringList("semcycle.infer.settings");
  }

  public KeypointTransfer.Options transfer() {
    return new KeypointTransfer.Options(transferMode, k, temperature, search);
  }

  /** {@code transfer.search} (index | exact) and {@code transfer.probes}. */
  private static KeypointTransfer.Search search(Config infer) {
    String s = infer.getString("transfer.search");
    return switch (s) {
      case "exact" -> KeypointTransfer.Search.exact();
      case "index" -> {
        int probes = infer.getInt("transfer.probes");
        if (probes < 1) {
          throw new IllegalArgumentException(
              "semcycle.infer.transfer.probes must be >= 1: " + probes);
        }
        yield KeypointTransfer.Search.index(probes);
      }
      default -> throw new IllegalArgumentException(
          "semcycle.infer.transfer.search must be index or exact: " + s);
    };
  }

  private static AzimuthDecoding azimuthDecoding(Config a) {
    String kind = a.getString("decoding");
    AzimuthDecoding.Kind k = switch (kind) {
      case "mode" -> AzimuthDecoding.Kind.MODE;
      case "circular-mean" -> AzimuthDecoding.Kind.CIRCULAR_MEAN;
      default -> throw new IllegalArgumentException(
          "semcycle.infer.azimuth.decoding must be mode or circular-mean: " + kind);
    };
    return new AzimuthDecoding(k, a.getInt("half-window"), a.getDouble("second-mode-mass"));
  }

  public Cycle.Options cycleOptions(KeypointTransfer transfer) {
    ViewpointFitter.Options fit = ViewpointFitter.Options.defaults()
        .withSteps(fitSteps).withLearningRate(fitLearningRate).withFree(fitFree).withLoss(fitLoss);
    return new Cycle.Options(margin, silhouetteThreshold, iso,
        new ViewpointStage(fov, referenceDistance, fitSize, maxFaces, fit, fitStarts, fitAgreement,
            azimuthDecoding),
        new TransferStage(transfer, points, seed), fitTarget);
  }
}
