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
    TrainingData.Split data = run.readViews(false, p.maxTrainSamples());
    run.announce(data, dtype);
    int size = p.imageSize();
    SketchNet.Options options = new SketchNet.Options(size, p.base(), 1f);
    SampleSource train = run.augmented(ViewSamples.sketch(data.train(), size, dtype));
    SampleSource val = TrainRun.validation(data.val(), v -> ViewSamples.sketch(v, size, dtype));
    TrainLoop.Options loop =
        p.schedule().loopOptions(run.epochs(p.epochs(run.net())), TrainProfile.Betas.ADAM, run.seed(), 20, dtype);
    return run.fit(new SketchTask(new SketchNet(options)), train, val, options, loop);
  }
}
