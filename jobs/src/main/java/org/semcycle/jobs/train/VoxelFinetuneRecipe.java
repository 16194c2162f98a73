package org.semcycle.jobs.train;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import org.semcycle.networks.VoxelCritic;
import org.semcycle.networks.VoxelLoss;
import org.semcycle.networks.VoxelNet;
import org.semcycle.networks.VoxelTask;
import org.semcycle.training.ModelFiles;
import org.semcycle.training.SampleSource;
import org.semcycle.training.TrainLoop;
import org.semcycle.training.TrainProfile;
import org.semcycle.training.views.ViewSamples;
import org.semcycle.training.views.VoxelReport;

/**
 * ShapeHD's fine-tuning: a trained voxel net (--voxel-net) again on the rendered views, with the
 * profile's voxel loss plus the frozen critic's (--critic) naturalness term
 * ({@link TrainProfile#finetuneLoss()}), in float32; then its {@link VoxelReport}.
 */
final class VoxelFinetuneRecipe implements Recipe {
  @Override
  public TrainLoop.Summary train(TrainRun run) throws Exception {
    run.requireViews();
    run.require(run.voxelNet(), "--voxel-net");
    run.require(run.critic(), "--critic");
    TrainProfile p = run.profile();
    try (Model voxel = CriticRecipe.loadVoxelNet(run)) {
      VoxelNet vn = (VoxelNet) voxel.getBlock();
      VoxelNet.Options vo = vn.options();
      TrainingData.Split data = CriticRecipe.readViews(run, vo);
      TrainLoop.Options loop = run.profileLoop(TrainProfile.Betas.ADAM, DataType.FLOAT32);
      try (Model critic = ModelFiles.load(run.critic(), "critic", VoxelCritic.Options.class, VoxelCritic::new)) {
        VoxelTask task = new VoxelTask(vn, new VoxelLoss(p.finetuneLoss(), (VoxelCritic) critic.getBlock()));
        SampleSource train = ViewSamples.voxel(data.train(), vo.imageSize(), vo.resolution(), DataType.FLOAT32);
        SampleSource val = TrainRun.validation(data.val(),
            v -> ViewSamples.voxel(v, vo.imageSize(), vo.resolution(), DataType.FLOAT32));
        TrainLoop.Summary summary = new TrainLoop(loop).fit(task, train, val, run.out(), vo, voxel.getNDManager());
        VoxelReport.write(vn, data.train(), train, val, VoxelReport.bestThreshold(summary, task), run.out(),
            voxel.getNDManager());
        return summary;
      }
    }
  }
}
