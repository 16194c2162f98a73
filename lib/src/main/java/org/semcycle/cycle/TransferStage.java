package org.semcycle.cycle;

import java.util.List;
import org.semcycle.embedding.PointEmbedder;
import org.semcycle.embedding.KeypointTransfer;
import org.semcycle.embedding.TransferredKeypoint;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.SurfaceSampler;

/**
 * Stage 5: keypoints transferred from the database onto a mesh: {@code points} area-weighted
 * samples (seeded), embedded by the KeypointEmbedder, matched against the database
 * ({@link KeypointTransfer}).
 */
public record TransferStage(KeypointTransfer transfer, int points, long seed) {

  /** The mesh's sampled points (packed xyz), the same for the same mesh and seed. */
  public float[] sample(Mesh mesh) {
    return sample(mesh, points, seed);
  }

  /** {@code points} area-weighted samples of a mesh (packed xyz), seeded. */
  public static float[] sample(Mesh mesh, int points, long seed) {
    return new SurfaceSampler(mesh).sample(points, seed).positionsAsFloat();
  }

  /** The 3D keypoints of every semantic id the database has for {@code synset}. */
  public List<TransferredKeypoint> keypoints(PointEmbedder net, String synset, Mesh mesh) {
    return transfer.transfer(net, synset, sample(mesh));
  }
}
