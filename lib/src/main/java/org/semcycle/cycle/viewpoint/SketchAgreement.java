package org.semcycle.cycle.viewpoint;

import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.Vec3;
import org.semcycle.rendering.Rasterizer;
import org.semcycle.rendering.RenderOutput;
import org.semcycle.rendering.RenderSettings;
import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Viewpoint;

/**
 * How well a viewpoint explains the 2.5D sketches, used to choose among the fits of several
 * starts: {@code softIou - depthWeight * depthError - normalWeight * normalError}. A silhouette
 * alone cannot tell a viewpoint from its front-back mirror (a chair seen from the front and from
 * behind has nearly the same outline); the depth ordering and the normals can. Both errors come
 * from a hard render of the mesh at the sketches' size ({@link Rasterizer}, the renders' camera
 * conventions), over the pixels both the render and the sketch's mask cover:
 *
 * <ul>
 *   <li>depth error: mean |d - d'| of depth normalised to [0, 1] over each map's own object
 *       range (the sketches' convention: 0 nearest), so it needs no metric scale;
 *   <li>normal error: mean (1 - cos) / 2 between the camera-frame normals.
 * </ul>
 *
 * Either is 1 (the worst) where the two cover no common pixel. Weights 0 leave the soft IoU alone
 * ({@link #SILHOUETTE_ONLY}).
 *
 * @param depthWeight weight of the depth error, >= 0
 * @param normalWeight weight of the normal error, >= 0
 */
public record SketchAgreement(double depthWeight, double normalWeight) implements java.io.Serializable {

  /** The soft silhouette IoU alone. */
  public static final SketchAgreement SILHOUETTE_ONLY = new SketchAgreement(0, 0);

  private static final RenderSettings RENDER = RenderSettings.DEFAULT.withLightDirection(new Vec3(0, 0, -1));

  public SketchAgreement {
    if (!(depthWeight >= 0) || !(normalWeight >= 0)) {
      throw new IllegalArgumentException("sketch agreement weights must be >= 0: depth " + depthWeight
          + ", normals " + normalWeight);
    }
  }

  /**
   * The errors of {@code vp} against the sketches ({@code size x size}: {@code depth01} and
   * {@code mask} one plane, {@code normals} three planes, channel-major), {@code {depth,
   * normal}}.
   */
  public static double[] errors(Mesh mesh, Viewpoint vp, double fov, int size, float[] depth01, float[] normals,
      float[] mask) {
    RenderOutput r = new Rasterizer(RENDER).render(mesh, Camera.lookAt(vp, size, size, fov), 0L);
    float[] z = r.depth();
    float[] n = r.normals();
    int p = size * size;
    // Both depth maps' ranges over the common pixels.
    float zmin = Float.POSITIVE_INFINITY;
    float zmax = Float.NEGATIVE_INFINITY;
    float pmin = Float.POSITIVE_INFINITY;
    float pmax = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < p; i++) {
      if (z[i] > 0 && mask[i] > 0.5f) {
        zmin = Math.min(zmin, z[i]);
        zmax = Math.max(zmax, z[i]);
        pmin = Math.min(pmin, depth01[i]);
        pmax = Math.max(pmax, depth01[i]);
      }
    }
    float span = Math.max(1e-6f, zmax - zmin);
    float pspan = Math.max(1e-6f, pmax - pmin);
    double depthSum = 0;
    double normalSum = 0;
    int count = 0;
    for (int i = 0; i < p; i++) {
      if (!(z[i] > 0 && mask[i] > 0.5f)) {
        continue;
      }
      double dr = (z[i] - zmin) / span;
      double dp = (depth01[i] - pmin) / pspan;
      depthSum += Math.abs(dr - dp);
      double px = normals[i];
      double py = normals[p + i];
      double pz = normals[2 * p + i];
      double len = Math.sqrt(px * px + py * py + pz * pz);
      double cos = len > 1e-6 ? (n[3 * i] * px + n[3 * i + 1] * py + n[3 * i + 2] * pz) / len : 0;
      normalSum += (1 - cos) / 2;
      count++;
    }
    return count == 0 ? new double[] {1, 1} : new double[] {depthSum / count, normalSum / count};
  }

  /** The score of a fit of soft IoU {@code softIou} at {@code vp}; higher is better. */
  public double score(double softIou, Mesh mesh, Viewpoint vp, double fov, int size, float[] depth01,
      float[] normals, float[] mask) {
    if (depthWeight == 0 && normalWeight == 0) {
      return softIou;
    }
    double[] e = errors(mesh, vp, fov, size, depth01, normals, mask);
    return softIou - depthWeight * e[0] - normalWeight * e[1];
  }
}
