package org.semcycle.cycle.viewpoint;

import org.semcycle.rendering.camera.Viewpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.jni.JniUtils;
import org.semcycle.cycle.mesh.VertexClustering;
import org.semcycle.geometry.Mesh;
import org.semcycle.networks.DjlRuntime;

/**
 * A differentiable soft silhouette rasteriser in the spirit of SoftRas (Liu et al. 2019), written
 * here with DJL NDArray operations so that autograd (or finite differences of the forward pass)
 * gives the gradient of a silhouette loss with respect to the viewpoint: stage 8 of the cycle.
 *
 * <p><b>Projection</b> (the look-at camera of {@link org.semcycle.rendering.camera.Camera#lookAt}, as closed forms of the
 * parameters so every step is an NDArray op): with az, el, theta in radians, distance d, a world
 * point p = (X, Y, Z),
 *
 * <pre>
 *   x  = cos az X - sin az Z
 *   y  = sin el sin az X - cos el Y + sin el cos az Z
 *   z  = d - (cos el sin az X + sin el Y + cos el cos az Z)        (depth, clamped to >= 1e-3)
 *   x' = cos theta x + sin theta y,   y' = -sin theta x + cos theta y     (in-plane, CCW on screen)
 *   u  = f x' / z + (W - 1) / 2 + offsetX W,   v = f y' / z + (H - 1) / 2 + offsetY H
 * </pre>
 *
 * with f = (W / 2) / tan(fov / 2). These are the rows of the look-at rotation (right =
 * (cos az, 0, -sin az), down = (sin el sin az, -cos el, sin el cos az), forward = -c / |c|), and
 * the translation reduces to +d on z because right and down are orthogonal to the camera centre.
 *
 * <p><b>Soft coverage.</b> For pixel centre q (integer pixel coordinates) and projected triangle
 * j with corners a, b, c: the squared distance to the triangle's boundary
 * {@code d^2(q, j) = min over its edges of |q - (p0 + clamp(((q - p0) . e) / |e|^2, 0, 1) e)|^2}
 * (distance to the edge segments, so thin triangles do not smear along their edge lines), signed
 * {@code delta = +1} when q is strictly inside (all edge functions {@code e x (q - p0)} have the
 * sign of the triangle's area; degenerate triangles are never inside) else -1, and, as in SoftRas,
 * {@code D(q, j) = sigmoid(delta d^2(q, j) / sigma)} with sigma in pixels^2 (smaller is sharper).
 *
 * <p><b>Aggregation.</b> {@link Aggregation#PRODUCT} (default, SoftRas's silhouette):
 * {@code S(q) = 1 - prod_j (1 - D(q, j))}, computed in log space: {@code log(1 - sigmoid(s)) =
 * -softplus(s)}, {@code softplus(s) = max(s, 0) + log(1 + exp(-|s|))}, so
 * {@code S = 1 - exp(-sum_j softplus(delta d^2 / sigma))}. The tails of the faces near an edge
 * add up, so the soft outline grows by about {@code sqrt(sigma ln n)} pixels where n faces are
 * near (with a linear d / sigma this was sigma ln n, far worse: it biased fitted distances), hence
 * the small final sigma of the fitter. {@link Aggregation#MAX}: {@code S = sigmoid(max_j delta
 * d^2 / sigma)}, a soft step of the signed distance to the outline (no growth; the gradient goes
 * to the nearest face only; it dips at seams inside). Faces are not culled: the silhouette is the
 * union of all of them.
 *
 * <p><b>Cost.</b> Work is pixels x faces x batch; the mesh is simplified by
 * {@link VertexClustering} to at most {@code maxFaces} faces (default 800; {@link FaceCorners}),
 * and faces are processed in chunks of at most ~1M (batch x pixel x face) elements, each chunk's
 * intermediates in a sub-manager that is closed right away (autograd keeps what it needs
 * natively).
 *
 * <p>{@link SoftRasterizer} computes the PRODUCT silhouette of the same faces in plain Java with
 * hand-written gradients ({@link #rasterizer()}), at a thirtieth of the CPU; the fitter uses it by
 * default, and this class serves the autograd strategies, the MAX aggregation and the checks
 * that the two agree.
 */
public final class SoftSilhouetteRenderer {
  /** Default face budget. */
  public static final int DEFAULT_MAX_FACES = 800;

  private static final long CHUNK_ELEMENTS = 1L << 20;
  private static final double NEAR = 1e-3;

  private final int width;
  private final int height;
  private final double fovDegrees;
  private final double focal;
  private final DataType dataType;
  private final Aggregation aggregation;
  private final FaceCorners corners;
  private final int faces;
  /** Corner k of face t at index k * faces + t, for x, y, z. */
  private final double[] cornerX;
  private final double[] cornerY;
  private final double[] cornerZ;
  private final double[] pixelX;
  private final double[] pixelY;

  /** How per-face coverage is combined into the silhouette (see the class description). */
  public enum Aggregation {
    /** SoftRas: 1 - prod_j (1 - D_j). */
    PRODUCT,
    /** sigmoid(max_j delta_j d_j^2 / sigma): a soft step of the distance to the outline. */
    MAX
  }

  /** A float32, product-aggregation renderer with the default face budget. */
  public SoftSilhouetteRenderer(Mesh mesh, int width, int height, double fovDegrees) {
    this(mesh, width, height, fovDegrees, DEFAULT_MAX_FACES, DataType.FLOAT32);
  }

  /** A product-aggregation renderer. */
  public SoftSilhouetteRenderer(
      Mesh mesh, int width, int height, double fovDegrees, int maxFaces, DataType dataType) {
    this(mesh, width, height, fovDegrees, maxFaces, dataType, Aggregation.PRODUCT);
  }

  /**
   * @param mesh the shape in the canonical frame (simplified to {@code maxFaces} when larger)
   * @param dataType FLOAT32 (default) or FLOAT64 (for gradient checks)
   * @param aggregation PRODUCT (SoftRas, default) or MAX
   */
  public SoftSilhouetteRenderer(
      Mesh mesh, int width, int height, double fovDegrees, int maxFaces, DataType dataType,
      Aggregation aggregation) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("image size " + width + "x" + height);
    }
    if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
      throw new IllegalArgumentException("data type must be FLOAT32 or FLOAT64: " + dataType);
    }
    FaceCorners fc = FaceCorners.of(mesh, maxFaces);
    this.width = width;
    this.height = height;
    this.fovDegrees = fovDegrees;
    this.focal = (width / 2.0) / Math.tan(Math.toRadians(fovDegrees) / 2);
    this.dataType = dataType;
    this.aggregation = aggregation;
    this.corners = fc;
    this.faces = fc.faces();
    cornerX = fc.x();
    cornerY = fc.y();
    cornerZ = fc.z();
    pixelX = new double[width * height];
    pixelY = new double[width * height];
    for (int row = 0; row < height; row++) {
      for (int col = 0; col < width; col++) {
        pixelX[row * width + col] = col;
        pixelY[row * width + col] = row;
      }
    }
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public double fovDegrees() {
    return fovDegrees;
  }

  public Aggregation aggregation() {
    return aggregation;
  }

  public DataType dataType() {
    return dataType;
  }

  /** Faces rasterised (after simplification and dropping degenerate ones). */
  public int faceCount() {
    return faces;
  }

  /**
   * The plain-Java rasteriser of the same faces, image size and field of view (PRODUCT
   * aggregation only): the same silhouette, with analytic gradients.
   */
  public SoftRasterizer rasterizer() {
    if (aggregation != Aggregation.PRODUCT) {
      throw new IllegalStateException("the plain-Java rasteriser aggregates by PRODUCT only");
    }
    return new SoftRasterizer(corners, width, height, fovDegrees);
  }

  /**
   * Projects points: {@code params} (B, 6) or (6) in {@link Viewpoint#toArray()} order
   * (degrees, object units, fractions), {@code points} (N, 3). Gradients flow to {@code params}
   * only when it has the renderer's data type (DJL's type conversion drops autograd). Returns (B, N, 3) or (N, 3): u, v,
   * depth, in the renderer's data type and differentiable in the parameters.
   */
  public NDArray project(NDArray params, NDArray points) {
    boolean single = params.getShape().dimension() == 1;
    NDArray p2 = single ? params.reshape(1, 6) : params;
    NDArray pts = points.toType(dataType, false);
    NDArray[] uvz =
        projectCoordinates(p2, pts.get(":, 0").expandDims(0), pts.get(":, 1").expandDims(0),
            pts.get(":, 2").expandDims(0));
    NDArray out = uvz[0].expandDims(2).concat(uvz[1].expandDims(2), 2)
        .concat(uvz[2].expandDims(2), 2);
    return single ? out.squeeze(0) : out;
  }

  /** u, v, z arrays (B, N) of points given as (1, N) coordinate arrays. */
  private NDArray[] projectCoordinates(NDArray p2, NDArray px, NDArray py, NDArray pz) {
    // DJL's toType does not carry autograd: parameters to differentiate must come in dataType
    NDArray p = p2.getDataType() == dataType ? p2 : p2.toType(dataType, false);
    long b = p.getShape().get(0);
    double deg = Math.PI / 180;
    NDArray az = p.get(":, 0").mul(deg).reshape(b, 1);
    NDArray el = p.get(":, 1").mul(deg).reshape(b, 1);
    NDArray dist = p.get(":, 2").reshape(b, 1);
    NDArray th = p.get(":, 3").mul(deg).reshape(b, 1);
    NDArray ox = p.get(":, 4").reshape(b, 1);
    NDArray oy = p.get(":, 5").reshape(b, 1);
    NDArray sa = az.sin();
    NDArray ca = az.cos();
    NDArray se = el.sin();
    NDArray ce = el.cos();
    NDArray x = ca.mul(px).sub(sa.mul(pz));
    NDArray y = se.mul(sa).mul(px).sub(ce.mul(py)).add(se.mul(ca).mul(pz));
    NDArray z = dist.sub(ce.mul(sa).mul(px).add(se.mul(py)).add(ce.mul(ca).mul(pz)))
        .maximum(NEAR);
    NDArray st = th.sin();
    NDArray ct = th.cos();
    NDArray xr = ct.mul(x).add(st.mul(y));
    NDArray yr = ct.mul(y).sub(st.mul(x));
    NDArray u = xr.div(z).mul(focal).add(ox.mul(width).add((width - 1) / 2.0));
    NDArray v = yr.div(z).mul(focal).add(oy.mul(height).add((height - 1) / 2.0));
    return new NDArray[] {u, v, z};
  }

  /**
   * Soft silhouettes: {@code params} (B, 6) or (6) as in {@link #project}; returns (B, H * W) or
   * (H * W), row-major (index row * W + col), in [0, 1], attached to the parameters' manager.
   *
   * @param sigma edge blur in pixels^2 (smaller is sharper)
   */
  public NDArray render(NDArray params, double sigma) {
    if (!(sigma > 0)) {
      throw new IllegalArgumentException("sigma must be positive: " + sigma);
    }
    NDManager outer = params.getManager();
    boolean single = params.getShape().dimension() == 1;
    NDArray p2 = single ? params.reshape(1, 6) : params;
    long b = p2.getShape().get(0);
    NDArray[] uvz =
        projectCoordinates(p2, constant(outer, cornerX), constant(outer, cornerY),
            constant(outer, cornerZ));
    NDArray u = uvz[0];
    NDArray v = uvz[1];
    int pixels = width * height;
    int chunk = (int) Math.max(1, Math.min(faces, CHUNK_ELEMENTS / (b * pixels)));
    NDArray sum = null;
    for (int t0 = 0; t0 < faces; t0 += chunk) {
      int t1 = Math.min(faces, t0 + chunk);
      try (NDManager sub = outer.newSubManager()) {
        NDArray[] corner = new NDArray[6];
        for (int k = 0; k < 3; k++) {
          String cols = ":, " + (k * faces + t0) + ":" + (k * faces + t1);
          corner[2 * k] = u.get(cols).expandDims(1);
          corner[2 * k + 1] = v.get(cols).expandDims(1);
        }
        for (NDArray a : corner) {
          a.attach(sub);
        }
        NDArray qx = sub.create(pixelX, new Shape(1, pixels, 1)).toType(dataType, false);
        NDArray qy = sub.create(pixelY, new Shape(1, pixels, 1)).toType(dataType, false);
        NDArray part = perChunk(corner, qx, qy, sigma);
        NDArray next =
            sum == null ? part : aggregation == Aggregation.PRODUCT ? part.add(sum)
                : part.maximum(sum);
        next.attach(outer);
        sum = next;
      }
    }
    NDArray sil = aggregation == Aggregation.PRODUCT
        ? sum.neg().exp().neg().add(1)
        : Activation.sigmoid(sum);
    return single ? sil.squeeze(0) : sil;
  }

  /**
   * Over the chunk's faces, with s = delta d^2 / sigma: sum of softplus(s) (PRODUCT) or max of s
   * (MAX); (B, P).
   */
  private NDArray perChunk(NDArray[] c, NDArray qx, NDArray qy, double sigma) {
    NDArray ax = c[0];
    NDArray ay = c[1];
    NDArray bx = c[2];
    NDArray by = c[3];
    NDArray cx = c[4];
    NDArray cy = c[5];
    NDArray area = bx.sub(ax).mul(cy.sub(ay)).sub(by.sub(ay).mul(cx.sub(ax)));
    NDArray sign = area.sign().stopGradient();
    NDArray[] e0 = edge(ax, ay, bx, by, qx, qy);
    NDArray[] e1 = edge(bx, by, cx, cy, qx, qy);
    NDArray[] e2 = edge(cx, cy, ax, ay, qx, qy);
    NDArray d2 = e0[0].minimum(e1[0]).minimum(e2[0]);
    NDArray inside = e0[1].mul(sign).minimum(e1[1].mul(sign)).minimum(e2[1].mul(sign)).gt(0)
        .toType(d2.getDataType(), false);
    NDArray delta = inside.mul(2).sub(1);
    NDArray s = d2.mul(delta).div(sigma);
    if (aggregation == Aggregation.MAX) {
      return s.max(new int[] {2});
    }
    NDArray softplus = s.maximum(0).add(s.abs().neg().exp().add(1).log());
    return softplus.sum(new int[] {2});
  }

  /** Squared distance to segment p0-p1 and the edge function, both (B, P, T). */
  private static NDArray[] edge(
      NDArray x0, NDArray y0, NDArray x1, NDArray y1, NDArray qx, NDArray qy) {
    NDArray ex = x1.sub(x0);
    NDArray ey = y1.sub(y0);
    NDArray len2 = ex.mul(ex).add(ey.mul(ey)).add(1e-12);
    NDArray wx = qx.sub(x0);
    NDArray wy = qy.sub(y0);
    NDArray t = wx.mul(ex).add(wy.mul(ey)).div(len2).clip(0, 1);
    NDArray dx = wx.sub(t.mul(ex));
    NDArray dy = wy.sub(t.mul(ey));
    NDArray d2 = dx.mul(dx).add(dy.mul(dy));
    NDArray cross = ex.mul(wy).sub(ey.mul(wx));
    return new NDArray[] {d2, cross};
  }

  private NDArray constant(NDManager m, double[] values) {
    return m.create(values, new Shape(1, values.length)).toType(dataType, false);
  }

  /**
   * Convenience: the soft silhouette of one viewpoint as a row-major float array, computed in a
   * manager of its own with gradient tracking off (the thread's grad mode is restored).
   */
  public float[] render(Viewpoint vp, double sigma) {
    DjlRuntime.engine();
    boolean wasTracking = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try (NDManager m = DjlRuntime.engine().newBaseManager()) {
      NDArray p = m.create(vp.toArray()).toType(dataType, false);
      return render(p, sigma).toType(DataType.FLOAT32, false).toFloatArray();
    } finally {
      JniUtils.setGradMode(wasTracking);
    }
  }
}
