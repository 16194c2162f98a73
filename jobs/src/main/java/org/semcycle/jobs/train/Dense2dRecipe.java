package org.semcycle.jobs.train;

import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Locale;
import org.semcycle.training.views.RenderedSample;
import org.semcycle.baseline.Dense2dTask;
import org.semcycle.baseline.DenseDescriptorNet;
import org.semcycle.baseline.ViewPairSamples;
import org.semcycle.training.TrainLoop;
import org.semcycle.training.TrainProfile;

/**
 * The 2D-2D baseline's descriptor net on view pairs of the render job's output (the profile's
 * dense2d section): crops and correspondences from {@link ViewPairSamples}, the section's
 * {@link org.semcycle.baseline.DescriptorLoss} on corresponding pixels; validation reports the
 * fraction of held-out correspondences whose nearest neighbour lands within 0.05 S and 0.10 S.
 */
final class Dense2dRecipe implements Recipe {
  @Override
  public TrainLoop.Summary train(TrainRun run) throws Exception {
    String views = run.requireViews();
    TrainProfile.Dense2d d = run.profile().requireDense2d();
    DataType dtype = run.dataType();
    int size = d.imageSize();
    ViewPairSamples pairs = new ViewPairSamples(size, d.correspondences(), d.pairsPerView(),
        d.minCorrespondences(), d.depthTolerance());
    TrainingData.Split data = run.readViews(false, d.maxTrainSamples());
    ViewPairSamples.Built train = pairs.build(data.train(), run.seed(), dtype);
    if (train.pairs() == 0) {
      throw new IllegalArgumentException(views + ": no two train views of one model share "
          + d.minCorrespondences() + " visible pixels; dense2d needs render views-per-model >= 2");
    }
    // Validation views capped as the training views are (max-train-samples): a train-all run's
    // val split holds tens of thousands of views, pairs whose scoring would outlast training.
    List<RenderedSample> valViews = data.val().subList(0, Math.min(data.val().size(), d.maxTrainSamples()));
    ViewPairSamples.Built val = pairs.build(valViews, run.seed(), dtype);
    System.err.printf(Locale.ROOT,
        "train dense2d: %d train pairs (%.0f correspondences each, %d views without a partner), %d val pairs, %dpx crops (%s profile, %s)%n",
        train.pairs(), train.meanCorrespondences(), train.skippedViews(), val.pairs(), size,
        run.profile().name(), dtype);
    DenseDescriptorNet.Options options = new DenseDescriptorNet.Options(size, d.base(), d.dim());
    Dense2dTask task = new Dense2dTask(new DenseDescriptorNet(options), d.loss());
    TrainLoop.Options loop = run.sectionLoop(d.schedule(), 20, dtype);
    return run.fit(task, train.samples(), val.samples(), options, loop);
  }
}
