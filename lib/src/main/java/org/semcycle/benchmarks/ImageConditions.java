package org.semcycle.benchmarks;

import org.semcycle.geometry.Vec3;
import org.semcycle.rendering.camera.Viewpoint;

/**
 * The conditions of one evaluation image: the viewpoint (with the principal-point offset that
 * truncates the object, if any), the light (camera-frame direction toward it, ambient and
 * diffuse terms) and how many occluders to draw over the object (0 for none; where they go is
 * drawn once the object's silhouette is known).
 */
public record ImageConditions(Viewpoint viewpoint, Vec3 lightDirection, double ambient, double diffuse, int occluders) {
  public ImageConditions {
    if (occluders < 0 || ambient < 0 || diffuse < 0) {
      throw new IllegalArgumentException("occluder count and lighting terms must be >= 0");
    }
  }

  /** Plain conditions: headlight, ambient 0.35 + diffuse 0.65 (the renderer's defaults), no occluders. */
  public static ImageConditions plain(Viewpoint vp) {
    return new ImageConditions(vp, new Vec3(0, 0, -1), 0.35, 0.65, 0);
  }
}
