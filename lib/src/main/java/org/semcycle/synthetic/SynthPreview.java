package org.semcycle.synthetic;

import java.util.List;
import org.semcycle.datasets.keypointnet.Keypoint;
import org.semcycle.geometry.Vec3;
import org.semcycle.rendering.Background;
import org.semcycle.rendering.ContactSheet;
import org.semcycle.rendering.KeypointProjector;
import org.semcycle.rendering.ProjectedKeypoint;
import org.semcycle.rendering.Rasterizer;
import org.semcycle.rendering.RenderOutput;
import org.semcycle.rendering.RenderSettings;
import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Viewpoint;

/**
 * A contact sheet of generated models: each drawn from the front-right and from the back-left,
 * with its keypoints (filled when visible, hollow when hidden; one colour per semantic id).
 */
public final class SynthPreview {
  private static final Viewpoint FRONT_RIGHT = Viewpoint.of(135, 20, 1.9);
  private static final Viewpoint BACK_LEFT = Viewpoint.of(315, 30, 1.9);

  private SynthPreview() {}

  /** The first {@code perCategory} models of each category of {@code spec}, as PNG bytes. */
  public static byte[] contactSheet(SynthSpec spec, int perCategory, int tileSize) {
    ContactSheet sheet = new ContactSheet(4, tileSize, tileSize);
    Rasterizer r =
        new Rasterizer(
            RenderSettings.DEFAULT.withSupersample(2).withBackground(Background.WHITE).withLightDirection(new Vec3(0.3, -0.5, -1)));
    for (String category : spec.categories()) {
      ShapeGenerator gen = ShapeGenerators.forCategory(category, spec.vocabulary());
      for (int i = 0; i < perCategory; i++) {
        SynthModel m = gen.generate(spec.seed(), i);
        for (Viewpoint vp : List.of(FRONT_RIGHT, BACK_LEFT)) {
          Camera cam = Camera.lookAt(vp, tileSize, tileSize, 35);
          RenderOutput out = r.render(m.mesh(), cam, 0);
          KeypointProjector proj = KeypointProjector.of(out);
          List<Keypoint> kps = m.keypoints();
          int[] ids = kps.stream().mapToInt(Keypoint::semanticId).toArray();
          List<ProjectedKeypoint> pts = kps.stream().map(k -> proj.project(Vec3.of(k.xyz()))).toList();
          String label = category + " " + m.variant() + (vp == FRONT_RIGHT ? "" : " (back)");
          sheet.addKeypoints(label, ContactSheet.rgbImage(out.rgb(), out.width(), out.height()), pts, ids);
        }
      }
    }
    return sheet.toPng();
  }
}
