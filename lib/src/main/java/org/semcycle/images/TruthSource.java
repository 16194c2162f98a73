package org.semcycle.images;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.semcycle.benchmarks.ImageGroundTruth;
import org.semcycle.cycle.CycleTruth;
import org.semcycle.datasets.keypointnet.AnnotationIndex;
import org.semcycle.datasets.keypointnet.ModelAnnotation;
import org.semcycle.datasets.shapenet.ObjReader;
import org.semcycle.embedding.KeypointTransfer;
import org.semcycle.embedding.TransferredKeypoint;
import org.semcycle.geometry.Mesh;
import org.semcycle.io.DataRoot;
import org.semcycle.rendering.FloatImage;
import org.semcycle.rendering.ImageCodec;

/**
 * What the ground-truth settings substitute, for an image of a synthetic evaluation set: camera
 * and 2.5D maps from the set's {@code semcycle_gt/}, the true mesh from a ShapeNet root and the
 * true keypoints from a KeypointNet root when given. Missing parts stay null (the settings that
 * need them are rejected for the image with the reason). Meshes are cached: one instance per
 * partition or task.
 */
public final class TruthSource {
  private final DataRoot shapes;
  private final AnnotationIndex annotations;
  private final Map<String, Mesh> meshes = new HashMap<>();

  /**
   * @param shapes a ShapeNet root, or null
   * @param annotations the KeypointNet annotations, or null
   */
  public TruthSource(DataRoot shapes, AnnotationIndex annotations) {
    this.shapes = shapes;
    this.annotations = annotations;
  }

  /** The image's truth, or null when the set has no {@code semcycle_gt} file for it. */
  public CycleTruth read(DataRoot root, ImageTask t) {
    String rel = ImageGroundTruth.path(t.category(), t.imageId());
    if (!root.exists(rel)) {
      return null;
    }
    ImageGroundTruth g = ImageGroundTruth.read(root, rel);
    FloatImage depth = ImageCodec.decodeDepth(root.readBytes(g.depthPath(), 64L << 20),
        g.depthMin(), g.depthMax(), root.describe(g.depthPath()));
    FloatImage normals = ImageCodec.decodeNormals(root.readBytes(g.normalsPath(), 64L << 20),
        root.describe(g.normalsPath()));
    FloatImage sil = ImageCodec.decodeSilhouette(root.readBytes(g.silhouettePath(), 64L << 20),
        root.describe(g.silhouettePath()));
    Mesh mesh = null;
    if (shapes != null) {
      String obj = g.synset() + "/" + g.modelId() + "/models/model_normalized.obj";
      mesh = meshes.computeIfAbsent(obj, o -> shapes.exists(o) ? ObjReader.read(shapes, o) : null);
    }
    List<TransferredKeypoint> kps = null;
    if (annotations != null) {
      ModelAnnotation a = annotations.find(g.synset(), g.modelId());
      kps = a == null ? null : KeypointTransfer.groundTruth(a);
    }
    return new CycleTruth(g.camera(), mesh, kps, depth, normals, sil, g.depthMin(), g.depthMax());
  }
}
