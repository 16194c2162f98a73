package org.semcycle.jobs.train;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.semcycle.networks.CriticTask;
import org.semcycle.networks.VoxelCritic;
import org.semcycle.networks.VoxelNet;
import org.semcycle.training.ModelFiles;
import org.semcycle.training.SampleSource;
import org.semcycle.training.TrainLoop;
import org.semcycle.training.TrainProfile;
import org.semcycle.training.views.VoxelPredictions;
import org.semcycle.training.views.ViewSamples;

/**
 * ShapeHD's naturalness critic (WGAN-GP, semcycle.train.critic's lambda) on a trained voxel
 * net's predictions (fake) and the models' true grids (real), for the rendered views.
 */
final class CriticRecipe implements Recipe {
  @Override
  public TrainLoop.Summary train(TrainRun run) throws Exception {
    run.requireViews();
    TrainProfile p = run.profile();
    DataType dtype = run.dataType();
    int batch = p.schedule().batchSize();
    try (Model voxel = loadVoxelNet(run)) {
      VoxelNet vn = (VoxelNet) voxel.getBlock();
      VoxelNet.Options vo = vn.options();
      TrainingData.Split data = readViews(run, vo);
      TrainLoop.Options loop = run.profileLoop(TrainProfile.Betas.ADAM, dtype);
      try (NDManager m = NDManager.newBaseManager()) {
        SampleSource train = VoxelPredictions.criticSamples(vn,
            ViewSamples.voxel(data.train(), vo.imageSize(), vo.resolution(), DataType.FLOAT32), batch, dtype, m);
        SampleSource val = TrainRun.validation(data.val(), v -> VoxelPredictions.criticSamples(vn,
            ViewSamples.voxel(v, vo.imageSize(), vo.resolution(), DataType.FLOAT32), batch, dtype, m));
        VoxelCritic.Options co = new VoxelCritic.Options(vo.resolution(), p.base());
        CriticTask task = new CriticTask(new VoxelCritic(co), p.critic().lambda(), run.seed());
        return new TrainLoop(loop).fit(task, train, val, run.out(), co, m);
      }
    }
  }

  /** The trained voxel net of --voxel-net, trainable (an error when the option is absent). */
  static Model loadVoxelNet(TrainRun run) throws java.io.IOException {
    int batch = run.profile().schedule().batchSize();
    return ModelFiles.loadTrainable(run.require(run.voxelNet(), "--voxel-net"), "voxel", VoxelNet.Options.class,
        VoxelNet::new, b -> new Shape[] {b.inputShape(batch)});
  }

  /** The rendered views with their grids, announced with the voxel net they are read for. */
  static TrainingData.Split readViews(TrainRun run, VoxelNet.Options vo) {
    TrainingData.Split data = run.readViews(true, run.profile().maxTrainSamples());
    System.err.printf("train %s: %d train / %d val views, voxel net from %s (%dpx -> %d^3)%n",
        run.net(), data.train().size(), data.val().size(), run.voxelNet(), vo.imageSize(), vo.resolution());
    return data;
  }
}
