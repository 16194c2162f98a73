package org.semcycle.rendering;

import java.util.ArrayList;
import java.util.List;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.Vec3;
import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Intrinsics;

/**
 * Projects 3D points (keypoints) through a camera and decides their visibility against a depth
 * map of the scene (a {@link RenderOutput}'s depth, or a decoded depth PNG: 0 = no surface).
 *
 * <p>A point is <b>visible</b> when
 *
 * <ol>
 *   <li>it is in front of the camera and its projection (x, y) is on the image, {@code [-0.5,
 *       W - 0.5) x [-0.5, H - 0.5)}; and
 *   <li>it is not behind the surface: {@code z <= zbuf + tol} with {@code tol = max(relTol * z,
 *       absTol)} (defaults 1% of the depth and 0.01 object units) for at least one pixel of the
 *       {@code (2r+1) x (2r+1)} neighbourhood (default r = 1) of its pixel {@code (round(x),
 *       round(y))} that lies on the image; a pixel without surface counts as infinitely deep.
 * </ol>
 *
 * The tolerance absorbs the depth of the surface a keypoint lies on and the flat facets of a
 * tessellated surface; the neighbourhood keeps points exactly on a silhouette or crease edge
 * (where the own pixel may show a neighbouring face or the background) and costs points hidden
 * by an occluder less than one pixel from them. Immutable and thread-safe.
 */
public final class KeypointProjector {
  public static final double DEFAULT_RELATIVE_TOLERANCE = 0.01;
  public static final double DEFAULT_ABSOLUTE_TOLERANCE = 0.01;
  public static final int DEFAULT_NEIGHBOURHOOD = 1;

  private final Camera camera;
  private final float[] depth;
  private final double relTol;
  private final double absTol;
  private final int radius;

  /**
   * @param camera the camera that produced {@code depth}
   * @param depth row-major camera-z map of the camera's image size, 0 where there is no surface
   */
  public KeypointProjector(Camera camera, float[] depth, double relTol, double absTol, int radius) {
    if (depth.length != camera.width() * camera.height()) {
      throw new IllegalArgumentException(
          "depth map has " + depth.length + " values for a " + camera.width() + "x" + camera.height() + " camera");
    }
    if (relTol < 0 || absTol < 0 || radius < 0) {
      throw new IllegalArgumentException("tolerances and neighbourhood must be non-negative");
    }
    this.camera = camera;
    this.depth = depth;
    this.relTol = relTol;
    this.absTol = absTol;
    this.radius = radius;
  }

  /** A projector with the default tolerances against a render's depth map. */
  public static KeypointProjector of(RenderOutput render) {
    return new KeypointProjector(render.camera(), render.depth(),
        DEFAULT_RELATIVE_TOLERANCE, DEFAULT_ABSOLUTE_TOLERANCE, DEFAULT_NEIGHBOURHOOD);
  }

  /**
   * Renders {@code mesh}'s depth with {@code camera} (one sample a pixel) and returns a projector
   * with the default tolerances against it: the cycle's visibility test on a predicted mesh.
   */
  public static KeypointProjector forMesh(Mesh mesh, Camera camera) {
    RenderSettings s = RenderSettings.DEFAULT.withLightDirection(new Vec3(0, 0, -1))
        .withBackground(Background.BLACK);
    return of(new Rasterizer(s).render(mesh, camera, 0));
  }

  public Camera camera() {
    return camera;
  }

  /** Projects one world point and tests its visibility. */
  public ProjectedKeypoint project(Vec3 p) {
    double[] out = new double[3];
    camera.project(p.x(), p.y(), p.z(), out);
    double x = out[0];
    double y = out[1];
    double z = out[2];
    Intrinsics in = camera.intrinsics();
    if (!(z > 0) || !in.contains(x, y)) {
      return new ProjectedKeypoint(x, y, z, false);
    }
    return new ProjectedKeypoint(x, y, z, unoccluded(x, y, z));
  }

  /** Projects every point, in order. */
  public List<ProjectedKeypoint> projectAll(List<Vec3> points) {
    List<ProjectedKeypoint> out = new ArrayList<>(points.size());
    for (Vec3 p : points) {
      out.add(project(p));
    }
    return out;
  }

  private boolean unoccluded(double x, double y, double z) {
    int w = camera.width();
    int h = camera.height();
    int px = (int) Math.floor(x + 0.5);
    int py = (int) Math.floor(y + 0.5);
    double tol = Math.max(relTol * z, absTol);
    for (int dy = -radius; dy <= radius; dy++) {
      int yy = py + dy;
      if (yy < 0 || yy >= h) {
        continue;
      }
      for (int dx = -radius; dx <= radius; dx++) {
        int xx = px + dx;
        if (xx < 0 || xx >= w) {
          continue;
        }
        float zb = depth[yy * w + xx];
        if (!(zb > 0) || z <= zb + tol) {
          return true;
        }
      }
    }
    return false;
  }
}
