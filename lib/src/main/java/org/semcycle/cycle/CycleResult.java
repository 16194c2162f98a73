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
    Mesh mesh, ObjectCrop crop, Viewpoint initialViewpoint, Viewpoint viewpoint, double fitIou,
    Map<String, Double> stageMillis) {}
