package org.semcycle.jobs.train;

import ai.djl.ndarray.types.DataType;
import org.semcycle.networks.SketchNet;
import org.semcycle.networks.SketchTask;
import org.semcycle.training.SampleSource;
import org.semcycle.training.TrainLoop;
import org.semcycle.training.TrainProfile;
import org.semcycle.training.views.ViewSamples;

/** SketchNet (RGB -> 2.5D sketches) on the rendered views, RGB augmented when the profile says so. */
final class SketchRecipe implements Recipe {
  @Override
  public TrainLoop.Summary train(TrainRun run) throws Exception {
    TrainProfile p = run.profile();
    DataType dtype = run.dataType();
    TrainingData.Split data = run.trainingViews(false);
    SketchNet.Options options = new SketchNet.Options(p.imageSize(), p.base(), 1f);
    SampleSource train = run.augmented(ViewSamples.sketch(data.train(), p.imageSize(), dtype));
    SampleSource val = TrainRun.validation(data.val(), v -> ViewSamples.sketch(v, p.imageSize(), dtype));
    TrainLoop.Options loop = run.profileLoop(TrainProfile.Betas.ADAM, dtype);
    return run.fit(new SketchTask(new SketchNet(options)), train, val, options, loop);
  }
}
