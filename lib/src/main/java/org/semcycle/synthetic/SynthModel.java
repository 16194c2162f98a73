package org.semcycle.synthetic;

import java.util.List;
import java.util.Optional;
import org.semcycle.datasets.keypointnet.Keypoint;
import org.semcycle.datasets.keypointnet.ModelAnnotation;
import org.semcycle.datasets.keypointnet.Symmetries;
import org.semcycle.geometry.Mesh;

/**
 * One procedurally generated model: a ShapeNet-frame mesh (bounding-box diagonal 1, +Y up,
 * -Z front, right = +X) with per-part groups and materials, and its KeypointNet-style keypoints
 * (sorted by semantic id, {@code pcdPointIndex} -1 until a point cloud is sampled) and
 * symmetries (indexes into {@code keypoints}). {@code variant} names the topology, e.g.
 * "swivel5/arms/slatted".
 */
public record SynthModel(
    String synset,
    String category,
    String modelId,
    String variant,
    Mesh mesh,
    List<Keypoint> keypoints,
    Symmetries symmetries) {
  public SynthModel {
    keypoints = List.copyOf(keypoints);
  }

  /** The keypoint with this semantic id, if the model has it. */
  public Optional<Keypoint> keypoint(int semanticId) {
    return keypoints.stream().filter(k -> k.semanticId() == semanticId).findFirst();
  }

  /** KeypointNet's annotation record of this model. */
  public ModelAnnotation annotation() {
    return new ModelAnnotation(synset, modelId, keypoints, symmetries);
  }
}
