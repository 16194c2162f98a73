package org.semcycle.cycle;

import java.util.List;
import java.util.Map;
import org.semcycle.cycle.crop.ObjectCrop;
import org.semcycle.geometry.Mesh;
import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Viewpoint;

/**
 * The cycle's answer for one image under one setting.
 *
 * @param setting the ablation setting
 * @param keypoints one per semantic id of the database (or of the true model for gt-semantic)
 * @param camera the camera the keypoints were projected with, in original pixels
 * @param mesh the mesh used for transfer and visibility (canonical frame)
 * @param box the object's box [x1, y1, x2, y2] in the original image (the given one, or the one
 *     found from SketchNet's silhouette of the whole image)
 * @param crop the crop the networks saw
 * @param initialViewpoint the crop camera's viewpoint from ViewNet and the silhouette's box, or
 *     null when the setting takes the true camera
 * @param viewpoint the crop camera's viewpoint after fine-tuning (the initial one without), or
 *     null when the setting takes the true camera
 * @param fitIou the fitted silhouette's soft IoU with the target (NaN without fine-tuning)
 * @param stageMillis milliseconds spent in each stage this setting used, and their total (stages
 *     shared between settings of one image are counted in each)
 */
public record CycleResult(CycleSetting setting, List<PredictedKeypoint> keypoints, Camera camera,
    Mesh mesh, double[] box, ObjectCrop crop, Viewpoint initialViewpoint, Viewpoint viewpoint, double fitIou,
    Map<String, Double> stageMillis) {

  /** The mesh's silhouette under the camera, at the original image's size (row-major). */
  public boolean[] silhouette() {
    byte[] s = new org.semcycle.rendering.Rasterizer().render(mesh, camera, 0).silhouette();
    boolean[] mask = new boolean[s.length];
    for (int i = 0; i < s.length; i++) {
      mask[i] = s[i] != 0;
    }
    return mask;
  }
}
