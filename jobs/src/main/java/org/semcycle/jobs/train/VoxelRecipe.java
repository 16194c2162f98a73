package org.semcycle.jobs.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.semcycle.networks.VoxelLoss;
import org.semcycle.networks.VoxelNet;
import org.semcycle.networks.VoxelTask;
import org.semcycle.training.ArraySamples;
import org.semcycle.training.SampleSource;
import org.semcycle.training.TrainLoop;
import org.semcycle.training.TrainProfile;
import org.semcycle.training.views.MirroredVoxelSamples;
import org.semcycle.training.views.ViewSamples;
import org.semcycle.training.views.VoxelReport;

/**
 * VoxelNet (2.5D sketches -> voxels) on the rendered views and their models' grids, with the
 * profile's voxel options (net shape, loss weights, mirror augmentation), then its
 * {@link VoxelReport}.
 */
final class VoxelRecipe implements Recipe {
  @Override
  public TrainLoop.Summary train(TrainRun run) throws Exception {
    TrainProfile p = run.profile();
    DataType dtype = run.dataType();
    TrainingData.Split data = run.trainingViews(true);
    int res = p.voxelResolution();
    VoxelNet.Options options = p.voxelNetOptions();
    VoxelNet net = new VoxelNet(options);
    VoxelTask task = new VoxelTask(net, new VoxelLoss(p.voxel().loss()));
    ArraySamples voxels = ViewSamples.voxel(data.train(), p.imageSize(), res, dtype);
    SampleSource train = p.voxel().mirror() ? new MirroredVoxelSamples(voxels, run.seed()) : voxels;
    SampleSource val = TrainRun.validation(data.val(), v -> ViewSamples.voxel(v, p.imageSize(), res, dtype));
    TrainLoop.Options loop = run.profileLoop(TrainProfile.Betas.ADAM, dtype);
    try (NDManager m = NDManager.newBaseManager()) {
      TrainLoop.Summary summary = new TrainLoop(loop).fit(task, train, val, run.out(), options, m);
      VoxelReport.write(net, data.train(), voxels, val, VoxelReport.bestThreshold(summary, task), run.out(), m);
      return summary;
    }
  }
}
