package org.semcycle.cycle;

import java.util.ArrayList;
import java.util.List;
import org.semcycle.embedding.PointEmbedder;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.Vec3;
import org.semcycle.rendering.KeypointProjector;
import org.semcycle.rendering.ProjectedKeypoint;
import org.semcycle.rendering.Rasterizer;
import org.semcycle.rendering.RenderOutput;
import org.semcycle.rendering.camera.Camera;

/**
 * Pair mode (the SPair / PF-PASCAL protocol through the cycle): each given source keypoint is
 * lifted onto the source's mesh (the surface point under its pixel in the source camera's
 * z-buffer, or under the nearest object pixel when it falls off the silhouette), takes the
 * embedding of the nearest of the source mesh's embedded samples, and is matched to the nearest
 * embedding among the target mesh's samples that are visible in the target camera; that sample
 * is projected into the target image. Confidence is {@code exp(-d^2 / T)} of the embedding
 * distance.
 *
 * @param points samples per mesh
 * @param seed sampling seed
 * @param temperature T, squared embedding units
 */
public record PairTransfer(int points, long seed, double temperature) {

  /** Source keypoint (id, x, y) in source image pixels. */
  public record SourceKeypoint(int id, double x, double y) {}

  public List<PredictedKeypoint> transfer(PointEmbedder net, CycleResult source,
      List<SourceKeypoint> keypoints, CycleResult target) {
    float[] sx = TransferStage.sample(source.mesh(), points, seed);
    float[] se = net.embed(sx);
    float[] tx = TransferStage.sample(target.mesh(), points, seed);
    float[] te = net.embed(tx);
    int d = se.length / (sx.length / 3);
    KeypointProjector tp = KeypointProjector.forMesh(target.mesh(), target.camera());
    List<Integer> visible = new ArrayList<>();
    List<ProjectedKeypoint> proj = new ArrayList<>();
    for (int i = 0; i < tx.length / 3; i++) {
      ProjectedKeypoint p = tp.project(new Vec3(tx[3 * i], tx[3 * i + 1], tx[3 * i + 2]));
      proj.add(p);
      if (p.visible()) {
        visible.add(i);
      }
    }
    RenderOutput sr = new Rasterizer().render(source.mesh(), source.camera(), 0);
    List<PredictedKeypoint> out = new ArrayList<>();
    for (SourceKeypoint k : keypoints) {
      Vec3 lifted = lift(sr, source.camera(), k.x(), k.y());
      if (lifted == null || visible.isEmpty()) {
        out.add(new PredictedKeypoint(k.id(), Double.NaN, Double.NaN, false, 0));
        continue;
      }
      int s = NearestSample.index(sx, lifted);
      int best = -1;
      double bd = Double.POSITIVE_INFINITY;
      for (int t : visible) {
        double dd = 0;
        for (int j = 0; j < d; j++) {
          double diff = se[s * d + j] - te[t * d + j];
          dd += diff * diff;
        }
        if (dd < bd) {
          bd = dd;
          best = t;
        }
      }
      ProjectedKeypoint p = proj.get(best);
      out.add(new PredictedKeypoint(k.id(), p.x(), p.y(), true, Math.exp(-bd / temperature)));
    }
    return out;
  }

  /** The surface point under pixel (x, y), or under the nearest object pixel; null if none. */
  static Vec3 lift(RenderOutput r, Camera camera, double x, double y) {
    int w = r.width();
    int h = r.height();
    float[] depth = r.depth();
    int px = (int) Math.round(x);
    int py = (int) Math.round(y);
    if (px >= 0 && py >= 0 && px < w && py < h && depth[py * w + px] > 0) {
      return camera.unproject(px, py, depth[py * w + px]);
    }
    int best = -1;
    double bd = Double.POSITIVE_INFINITY;
    for (int i = 0; i < w * h; i++) {
      if (depth[i] > 0) {
        double dx = i % w - x;
        double dy = i / w - y;
        double dd = dx * dx + dy * dy;
        if (dd < bd) {
          bd = dd;
          best = i;
        }
      }
    }
    return best < 0 ? null : camera.unproject(best % w, best / w, depth[best]);
  }
}
