package org.semcycle.cli;

import ai.djl.Device;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.semcycle.cycle.Cycle;
import org.semcycle.cycle.CycleImage;
import org.semcycle.cycle.CycleNets;
import org.semcycle.cycle.CycleResult;
import org.semcycle.cycle.CycleSetting;
import org.semcycle.cycle.PredictedKeypoint;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;
import org.semcycle.embedding.KeypointDatabase;
import org.semcycle.embedding.KeypointTransfer;
import org.semcycle.images.ImageTask;
import org.semcycle.images.PredictionJson;
import org.semcycle.io.DataRoot;
import org.semcycle.io.ImageLoader;
import org.semcycle.io.LocalDataRoot;
import org.semcycle.jobs.KeypointDatabaseFiles;
import org.semcycle.jobs.infer.InferSettings;
import org.semcycle.networks.DjlRuntime;
import org.semcycle.spark.HadoopDataRoot;
import org.semcycle.spark.JobOutput;
import org.semcycle.spark.S3Settings;
import org.semcycle.visualize.KeypointOverlay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code semcycle predict}: the cycle on a few photos, without Spark: for each image one JSON
 * line on stdout ({@link PredictionJson}) and an overlay picture (keypoints with their names,
 * hollow when predicted occluded; the fitted silhouette's outline). The object's box is found
 * from SketchNet's silhouette of the whole image. Exits 1 when an image could not be predicted
 * (its line then says why).
 */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = {
      "Keypoints of a few photos (no Spark): prints one JSON object per image (box, viewpoint, fitted IoU,",
      "every keypoint with its name, position in the image's pixels, visibility and confidence) and writes",
      "OUT/<image>.png with the keypoints drawn. Default nets: the shipped models/standard and its kpdb."
    })
public final class PredictCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "JPEG or PNG files (local paths or URIs).")
  List<String> images = new ArrayList<>();

  @Option(names = "--category", required = true, description = "The objects' category (chair, car, airplane).")
  String category;

  @Option(names = "--models", description = "A models folder (train-all's or train's layout); default the shipped models/standard.")
  String models;

  @Option(names = "--kpdb", description = "A kpdb output folder; default MODELS/kpdb.")
  String kpdb;

  @Option(names = "--box", split = ",", description = "The object's box x1,y1,x2,y2 in every image's pixels"
      + " (default: found from SketchNet's silhouette of the whole image).")
  List<Double> box;

  @Option(names = "--out", description = "Folder for the overlay pictures (default predict-out).")
  Path out = Path.of("predict-out");

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    if (box != null && box.size() != 4) {
      throw new IllegalArgumentException("--box takes x1,y1,x2,y2, got " + box);
    }
    Config c = common.load(new LinkedHashMap<>());
    KeypointVocabulary vocab = KeypointVocabulary.fromConfig(c);
    if (!vocab.categories().contains(category)) {
      throw new IllegalArgumentException("--category: '" + category + "' is not in the keypoint vocabulary "
          + vocab.categories());
    }
    KeypointVocabulary.Category cat = vocab.category(category);
    Preflight check = new Preflight(c);
    Path modelsDir = Path.of(check.models(models != null ? models : shipped().toString(), category,
        c.getString("semcycle.infer.voxel-net"), models == null));
    String kpdbDir = kpdb != null ? kpdb : modelsDir.resolve("kpdb").toString();
    check.kpdb(kpdbDir, "--kpdb");
    KeypointDatabase db = KeypointDatabaseFiles.read(kpdbDir, S3Settings.hadoopConf(c).get());
    InferSettings s = InferSettings.of(c, EnumSet.of(CycleSetting.FULL), Set.of());
    Files.createDirectories(out);
    int failed = 0;
    DjlRuntime.inferenceMode();
    try (CycleNets nets = CycleNets.loadFor(modelsDir, category, s.voxelNet(), Device.cpu())) {
      Cycle cycle = new Cycle(nets, s.cycleOptions(new KeypointTransfer(db, s.transfer())));
      for (String image : images) {
        ObjectNode answer;
        try {
          BufferedImage img = load(c, image);
          double[] b = box == null ? null : box.stream().mapToDouble(Double::doubleValue).toArray();
          Cycle.Outcome o = cycle.run(List.of(new CycleImage(image, cat.synset(), img, b, null)),
              EnumSet.of(CycleSetting.FULL)).get(0);
          if (o.results().isEmpty()) {
            throw new IllegalStateException(o.failures().get(CycleSetting.FULL));
          }
          CycleResult r = o.results().get(0);
          answer = PredictionJson.of(image, cat, r);
          Path png = out.resolve(slug(image) + ".png");
          JobOutput.bytes(new org.semcycle.io.LocalDataSink(out), png.getFileName().toString(),
              KeypointOverlay.png(overlay(img, r, cat)));
          answer.put("overlay", png.toString());
        } catch (RuntimeException e) {
          failed++;
          answer = PredictionJson.error(image, JobOutput.reason(e));
        }
        System.out.println(answer);
      }
    }
    return failed == 0 ? 0 : 1;
  }

  /** The shipped nets' folder. */
  static Path shipped() {
    return SemcycleConfig.home().resolve("models").resolve("standard");
  }

  /** An image by its path or URI, decoded upright (Exif orientation). */
  private static BufferedImage load(Config c, String image) {
    if (image.contains("://")) {
      int slash = image.lastIndexOf('/');
      DataRoot root = new HadoopDataRoot(image.substring(0, slash), S3Settings.hadoopConf(c));
      return ImageLoader.load(root, image.substring(slash + 1), ImageLoader.Policy.PHOTO);
    }
    Path p = Path.of(image).toAbsolutePath();
    return ImageLoader.load(new LocalDataRoot(p.getParent()), p.getFileName().toString(), ImageLoader.Policy.PHOTO);
  }

  static BufferedImage overlay(BufferedImage img, CycleResult r, KeypointVocabulary.Category cat) {
    List<KeypointOverlay.Mark> marks = new ArrayList<>();
    for (PredictedKeypoint k : r.keypoints()) {
      marks.add(new KeypointOverlay.Mark(k.semanticId(), k.x(), k.y(), k.visible()));
    }
    String title = String.format(java.util.Locale.ROOT, "%s: azimuth %.0f, elevation %.0f, fitted IoU %.2f",
        cat.name(), r.viewpoint().azimuth(), r.viewpoint().elevation(), r.fitIou());
    double scale = Math.max(1, Math.min(4, 512.0 / Math.max(img.getWidth(), img.getHeight())));
    return new KeypointOverlay(img).scale(scale).predicted(marks).names(PredictionJson.names(cat))
        .silhouette(r.silhouette()).title(title).render();
  }

  private static String slug(String image) {
    return ImageTask.stem(image).replaceAll("[^A-Za-z0-9_.-]+", "_");
  }

}
