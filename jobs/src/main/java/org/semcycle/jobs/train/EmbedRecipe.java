package org.semcycle.jobs.train;

import ai.djl.ndarray.types.DataType;
import org.semcycle.embedding.ContrastiveLoss;
import org.semcycle.embedding.EmbedSamples;
import org.semcycle.embedding.EmbedTask;
import org.semcycle.embedding.EmbedderConfig;
import org.semcycle.embedding.EmbeddingNet;
import org.semcycle.embedding.PointAugment;
import org.semcycle.training.TrainLoop;
import org.semcycle.training.TrainProfile;

/**
 * The keypoint embedder on KeypointNet-format point clouds (--keypoints), the profile's embed
 * section: training clouds with background points and augmentation, validation clouds as they
 * are; saved for kpdb.
 */
final class EmbedRecipe implements Recipe {
  @Override
  public TrainLoop.Summary train(TrainRun run) throws Exception {
    String keypoints = run.require(run.keypoints(), "--keypoints");
    TrainProfile.Embed e = run.profile().requireEmbed();
    int points = e.points();
    TrainingData.Clouds train =
        TrainingData.clouds(run.spark(), run.config(), keypoints, "train", e.background(), e.maxModels());
    TrainingData.Clouds val = TrainingData.clouds(run.spark(), run.config(), keypoints, "val", 0, e.maxModels());
    System.err.printf("train embed: %d train / %d val models, %d points each%n", train.xyz().size(), val.xyz().size(), points);
    EmbedderConfig cfg = EmbedderConfig.small().withEmbeddingDim(e.dim());
    try (EmbeddingNet net = EmbeddingNet.create(cfg, run.seed())) {
      EmbedSamples trainSamples =
          new EmbedSamples(train.xyz(), train.labels(), points, PointAugment.defaults(points), run.seed());
      EmbedSamples valSamples =
          val.xyz().isEmpty() ? null : new EmbedSamples(val.xyz(), val.labels(), val.points(), null, run.seed());
      TrainLoop.Options loop = run.sectionLoop(e.schedule(), 0, DataType.FLOAT32);
      TrainLoop.Summary s = new TrainLoop(loop).fit(
          new EmbedTask(net, new ContrastiveLoss(), points), trainSamples, valSamples, run.out(), cfg, net.model().getNDManager());
      net.save(run.out());
      return s;
    }
  }
}
