package org.semcycle.jobs.train;

import ai.djl.ndarray.types.DataType;
import org.semcycle.networks.ViewNet;
import org.semcycle.networks.ViewTask;
import org.semcycle.training.SampleSource;
import org.semcycle.training.TrainLoop;
import org.semcycle.training.TrainProfile;
import org.semcycle.training.views.ViewSamples;

/**
 * ViewNet on the rendered views with the reference's Adam betas (semcycle.train.view-betas):
 * from RGB (net view, augmented when the profile says so) or from the true 2.5D maps (net
 * view-sketch, the "w/o v.p. from RGB" ablation; 5 input channels, never augmented).
 */
final class ViewRecipe implements Recipe {
  private final boolean fromSketches;

  ViewRecipe(boolean fromSketches) {
    this.fromSketches = fromSketches;
  }

  @Override
  public TrainLoop.Summary train(TrainRun run) throws Exception {
    TrainProfile p = run.profile();
    DataType dtype = run.dataType();
    TrainingData.Split data = run.trainingViews(false);
    ViewNet.Options options = new ViewNet.Options(p.imageSize(), fromSketches ? 5 : 3, p.base());
    SampleSource train = fromSketches ? ViewSamples.view(data.train(), p.imageSize(), true, dtype)
        : run.augmented(ViewSamples.view(data.train(), p.imageSize(), false, dtype));
    SampleSource val = TrainRun.validation(data.val(), v -> ViewSamples.view(v, p.imageSize(), fromSketches, dtype));
    TrainLoop.Options loop = run.profileLoop(p.viewBetas(), dtype);
    return run.fit(new ViewTask(new ViewNet(options)), train, val, options, loop);
  }
}
