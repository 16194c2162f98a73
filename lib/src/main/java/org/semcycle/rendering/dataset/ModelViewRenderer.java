package org.semcycle.rendering.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.semcycle.datasets.keypointnet.Keypoint;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.Vec3;
import org.semcycle.io.Seeds;
import org.semcycle.rendering.Background;
import org.semcycle.rendering.ImageCodec;
import org.semcycle.rendering.KeypointProjector;
import org.semcycle.rendering.Rasterizer;
import org.semcycle.rendering.RenderOutput;
import org.semcycle.rendering.RenderSettings;
import org.semcycle.rendering.RenderableMesh;
import org.semcycle.rendering.VoxelGrid;
import org.semcycle.rendering.Voxelizer;
import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Viewpoint;

/**
 * The render job's stage for one model: K training views (cameras drawn from {@code (seed,
 * synset, model, view)}, so a view does not depend on where or in what order it is rendered),
 * each with RGB, depth, normals and silhouette encoded as PNG and the model's keypoints projected
 * with visibility; and the model's canonical voxel grid. One instance per thread.
 */
public final class ModelViewRenderer {
  private final ViewRenderSpec spec;
  private final ViewpointSampler sampler;
  private final Rasterizer rasterizer;
  private final Voxelizer voxelizer;

  public ModelViewRenderer(ViewRenderSpec spec) {
    this.spec = spec;
    this.sampler = new ViewpointSampler(spec);
    RenderSettings settings =
        RenderSettings.DEFAULT.withSupersample(spec.supersample()).withBackground(background(spec.background()));
    this.rasterizer = new Rasterizer(settings);
    this.voxelizer = new Voxelizer(spec.voxelResolution());
  }

  static Background background(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "plain", "white" -> Background.WHITE;
      case "random" -> Background.randomColour();
      case "clutter" -> Background.clutter();
      default -> throw new IllegalArgumentException(
          "background must be plain, random or clutter, got '" + name + "'");
    };
  }

  /** The model's views, in view order. */
  public List<RenderedView> render(String synset, String modelId, Mesh mesh, List<Keypoint> keypoints) {
    RenderableMesh prepared = RenderableMesh.of(mesh);
    List<RenderedView> views = new ArrayList<>(spec.views());
    for (int v = 0; v < spec.views(); v++) {
      long seed = Seeds.mix(spec.seed(), "view", synset, modelId, v);
      Viewpoint vp = sampler.sample(new SplittableRandom(seed));
      views.add(renderView(synset, modelId, v, prepared, keypoints, vp, seed));
    }
    return views;
  }

  /** One view at a given viewpoint (the benchmark job calls this with its own cameras). */
  public RenderedView renderView(
      String synset, String modelId, int viewId, RenderableMesh mesh, List<Keypoint> keypoints, Viewpoint vp, long seed) {
    Camera cam = Camera.lookAt(vp, spec.imageSize(), spec.imageSize(), spec.fov());
    RenderOutput out = rasterizer.render(mesh, cam, seed);
    ImageCodec.EncodedDepth depth = ImageCodec.encodeDepth(out);
    return new RenderedView(
        synset,
        modelId,
        viewId,
        vp,
        spec.fov(),
        spec.imageSize(),
        cam.intrinsicsRowMajor(),
        cam.extrinsicsRowMajor(),
        ImageCodec.encodeRgb(out),
        depth.png(),
        depth.zmin(),
        depth.zmax(),
        ImageCodec.encodeNormals(out),
        ImageCodec.encodeSilhouette(out),
        project(out, keypoints));
  }

  /** Keypoints projected with the z-buffer visibility test, in the annotation's order. */
  public static List<ViewKeypoint> project(RenderOutput out, List<Keypoint> keypoints) {
    KeypointProjector proj = KeypointProjector.of(out);
    List<ViewKeypoint> kps = new ArrayList<>(keypoints.size());
    for (Keypoint k : keypoints) {
      kps.add(ViewKeypoint.of(k.semanticId(), proj.project(Vec3.of(k.xyz()))));
    }
    return kps;
  }

  public VoxelGrid voxelize(Mesh mesh) {
    return voxelizer.voxelize(mesh);
  }
}
