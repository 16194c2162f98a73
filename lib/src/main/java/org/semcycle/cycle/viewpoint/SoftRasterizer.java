package org.semcycle.cycle.viewpoint;

import org.semcycle.cycle.viewpoint.ViewpointFitter.Loss;
import org.semcycle.geometry.Mesh;
import org.semcycle.rendering.camera.Viewpoint;

/**
 * The soft silhouette of {@link SoftSilhouetteRenderer} (PRODUCT aggregation) in plain Java over
 * primitive arrays, with the exact gradient of a silhouette loss with respect to the six
 * viewpoint parameters by hand-written reverse mode. Written here because no Java library
 * computes SoftRas with analytic gradients; the DJL renderer computes the same function through
 * libtorch's autograd at about 30 times the CPU (a libtorch op per array, a few hundred small
 * arrays a step; ViewpointFitter's measurements), which this class avoids for stage 8's
 * fine-tuning.
 *
 * <p><b>The function</b> (identical to the DJL renderer's, see its class description for the
 * projection's closed forms): the corners are projected to pixels (u, v); for pixel centre q
 * and projected face j, {@code d^2(q, j)} is the squared distance to the nearest of its three
 * edge segments ({@code t = clamp(((q - p0) . e) / (|e|^2 + 1e-12), 0, 1)}), {@code delta = +1}
 * when q is strictly inside (every edge function has the sign of the face's area), else -1,
 * {@code s = delta d^2 / sigma} (sigma in pixels^2), and
 * {@code S(q) = 1 - exp(-sum_j softplus(s_j))}, i.e. {@code 1 - prod_j (1 - sigmoid(s_j))}.
 * Same faces too: {@link FaceCorners} (vertex clustering to the face budget, degenerate faces
 * dropped).
 *
 * <p><b>Gradient.</b> With {@code A(q) = sum_j softplus(s_j)}: {@code dL/dA = dL/dS exp(-A)},
 * {@code dA/ds_j = sigmoid(s_j)}, {@code ds_j/d(d^2) = delta / sigma}; {@code d^2 = |w - t e|^2}
 * with {@code w = q - p0} of the nearest edge, and since t minimises the distance along the edge
 * (or is clamped, where dt = 0), {@code d(d^2)/dp0 = -2 (1 - t) (w - t e)},
 * {@code d(d^2)/dp1 = -2 t (w - t e)} (the 1e-12 in the edge's length changes this by a relative
 * 1e-12). The inside test is piecewise constant and carries no gradient, as in the DJL renderer.
 * The corners' gradients then go through the projection: {@code u = f x'/z + cx}, so
 * {@code du/dx' = f/z}, {@code du/dz = -f x'/z^2}; {@code dx'/dtheta = y'}, {@code dy'/dtheta =
 * -x'}; {@code dx/daz = -(sin az X + cos az Z)}, {@code dy/daz = sin el x}, {@code dz/daz =
 * -cos el x}, {@code dy/del = d - z}, {@code dz/del = y}, {@code dz/dd = 1}; the offsets move u
 * by W and v by H. Angles are differentiated per degree. Depth is clamped to at least 1e-3, where
 * its gradient is 0.
 *
 * <p><b>Cut-offs</b> (each changes a term by at most {@code exp(-30) = 9e-14} relative, below
 * float32 resolution and at the rounding level of the float64 loss): a face's terms are
 * computed only for the pixels within its projected bounding box grown by
 * {@code sqrt(30 sigma)} pixels; outside the face a pixel with {@code d^2 / sigma > 30} is
 * skipped ({@code softplus(s) < exp(-30)}, {@code sigmoid(s) < exp(-30)}); a pixel with
 * {@code A > 30} is saturated ({@code S = 1} within exp(-30)) and its gradient, scaled by
 * {@code exp(-A)}, is dropped. Inside a face, {@code softplus(s) = s} beyond s = 36 (the log term
 * is below double rounding there).
 *
 * <p><b>Cost and threads.</b> An evaluation projects the corners once and visits each face's
 * pixels within reach once (each row of its bounding box grown by the reach, trimmed to the
 * columns within reach of the box), computing each term's softplus into the pixel's coverage and
 * its derivatives dA/d(corners) onto a tape; the loss's dL/dA per pixel then plays the tape back
 * (reverse mode), and the corners' gradients go through the projection. The softplus logs are
 * summed as a product, one log a pixel, so a term costs one exp. No allocation inside the pixel
 * loops: an {@link Evaluator} holds the tape and the per-pixel and per-corner buffers and reuses
 * them from call to call, one per thread; the rasteriser itself is immutable and serves any
 * number of threads at once. Double precision throughout.
 */
public final class SoftRasterizer {
  /** {@code |s|} beyond which a term is negligible: exp(-30) = 9e-14. */
  static final double CUTOFF = 30;

  /** Beyond this s, {@code log(1 + exp(-s)) < exp(-36) = 2.3e-16}: softplus(s) = s in double. */
  private static final double SATURATED = 36;

  /** A pixel's product of (1 + exp(-|s|)) factors (each in (1, 2]) is folded into its sum here. */
  private static final double RENORMALISE = 1e300;

  private static final double NEAR = 1e-3;
  private static final double EDGE_EPSILON = 1e-12;
  private static final double DEGREE = Math.PI / 180;

  private final FaceCorners corners;
  private final int width;
  private final int height;
  private final double fovDegrees;
  private final double focal;

  /**
   * @param mesh the shape in the canonical frame (simplified to {@code maxFaces} when larger)
   * @param fovDegrees horizontal field of view
   */
  public SoftRasterizer(Mesh mesh, int width, int height, double fovDegrees, int maxFaces) {
    this(FaceCorners.of(mesh, maxFaces), width, height, fovDegrees);
  }

  SoftRasterizer(FaceCorners corners, int width, int height, double fovDegrees) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("image size " + width + "x" + height);
    }
    this.corners = corners;
    this.width = width;
    this.height = height;
    this.fovDegrees = fovDegrees;
    this.focal = (width / 2.0) / Math.tan(Math.toRadians(fovDegrees) / 2);
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

  /**
   * The same faces at half the width and height (both even): its pixel (col, row) covers this
   * one's pixels 2 col .. 2 col + 1 by 2 row .. 2 row + 1, and a viewpoint places the object on
   * the same part of the image (offsets are fractions of the image, the focal length halves).
   */
  public SoftRasterizer halfResolution() {
    if (width % 2 != 0 || height % 2 != 0) {
      throw new IllegalStateException("odd image size " + width + "x" + height);
    }
    return new SoftRasterizer(corners, width / 2, height / 2, fovDegrees);
  }

  /** Faces rasterised (after simplification and dropping degenerate ones). */
  public int faceCount() {
    return corners.faces();
  }

  /**
   * A loss and its gradient at one viewpoint.
   *
   * @param loss the loss (MSE or soft IoU loss, as {@link ViewpointFitter#lossOf})
   * @param softIou {@code sum(S T) / sum(S + T - S T)} of this silhouette with the target
   * @param gradient dLoss / d parameter in {@link Viewpoint#toArray()} order: per degree for
   *     the angles, per object unit for the distance, per image fraction for the offsets
   */
  public record Evaluation(double loss, double softIou, double[] gradient) {}

  /**
   * The soft silhouette at {@code vp}, row-major (index row * W + col), in [0, 1].
   *
   * @param sigma edge blur in pixels^2 (smaller is sharper)
   */
  public float[] render(Viewpoint vp, double sigma) {
    return evaluator().render(vp, sigma);
  }

  /**
   * The loss of the soft silhouette at {@code vp} against {@code target} (row-major W x H in
   * [0, 1]) and its gradient with respect to the six parameters.
   */
  public Evaluation evaluate(Viewpoint vp, double sigma, float[] target, Loss loss) {
    return evaluator().evaluate(vp, sigma, target, loss);
  }

  /** Buffers for evaluations one after another on one thread (a fit's steps). */
  public Evaluator evaluator() {
    return new Evaluator();
  }

  /**
   * Evaluations of this rasteriser with buffers of their own, reused from one call to the next:
   * not thread-safe, one per thread (each fit makes its own).
   */
  public final class Evaluator {
    // the projection of one viewpoint, per corner (index k * faces + t)
    private final double[] u;
    private final double[] v;
    private final double[] x;
    private final double[] y;
    private final double[] z;
    private final double[] xr;
    private final double[] yr;
    /** dLoss / du, dv per corner. */
    private final double[] gu;
    private final double[] gv;
    private double sa;
    private double ca;
    private double se;
    private double ce;
    private double st;
    private double ct;
    private double distance;
    // per pixel: softplus sums as max(s, 0) sums and (1 + exp(-|s|)) products; then dLoss/dA
    private final double[] linear;
    private final double[] product;
    private final double[] gradA;
    /**
     * The tape of the coverage pass, one entry a term, face f's at [faceStart[f],
     * faceStart[f + 1]): pixel * 3 + nearest edge k (from corner k to corner k + 1 mod 3), and
     * dA/d(corner k) = (g0x, g0y), dA/d(corner k + 1) = (g1x, g1y); grown on demand and kept.
     */
    private final int[] faceStart;
    private int[] code = new int[0];
    private double[] g0x = new double[0];
    private double[] g0y = new double[0];
    private double[] g1x = new double[0];
    private double[] g1y = new double[0];

    private Evaluator() {
      int n = 3 * corners.faces();
      u = new double[n];
      v = new double[n];
      x = new double[n];
      y = new double[n];
      z = new double[n];
      xr = new double[n];
      yr = new double[n];
      gu = new double[n];
      gv = new double[n];
      int pixels = width * height;
      linear = new double[pixels];
      product = new double[pixels];
      gradA = new double[pixels];
      faceStart = new int[corners.faces() + 1];
    }

    /** As {@link SoftRasterizer#render}. */
    public float[] render(Viewpoint vp, double sigma) {
      project(vp, sigma);
      sweep(sigma, false);
      float[] s = new float[linear.length];
      for (int q = 0; q < s.length; q++) {
        s[q] = (float) (1 - Math.exp(-linear[q]));
      }
      return s;
    }

    /** As {@link SoftRasterizer#evaluate}. */
    public Evaluation evaluate(Viewpoint vp, double sigma, float[] target, Loss loss) {
      int pixels = width * height;
      if (target.length != pixels) {
        throw new IllegalArgumentException(
            "target has " + target.length + " pixels, rasteriser " + width + "x" + height);
      }
      project(vp, sigma);
      sweep(sigma, true);
      double inter = 0;
      double union = 0;
      double squares = 0;
      for (int q = 0; q < pixels; q++) {
        double s = 1 - Math.exp(-linear[q]);
        double t = target[q];
        inter += s * t;
        union += s + t - s * t;
        squares += (s - t) * (s - t);
      }
      double value;
      if (loss == Loss.MSE) {
        value = squares / pixels;
        for (int q = 0; q < pixels; q++) {
          double e = Math.exp(-linear[q]);
          gradA[q] = saturated(linear[q]) ? 0 : 2 * (1 - e - target[q]) / pixels * e;
        }
      } else {
        double un = union + 1e-6;
        value = 1 - inter / un;
        for (int q = 0; q < pixels; q++) {
          double t = target[q];
          gradA[q] = saturated(linear[q]) ? 0
              : -(t * un - inter * (1 - t)) / (un * un) * Math.exp(-linear[q]);
        }
      }
      replay();
      return new Evaluation(value, union == 0 ? 1 : inter / union, parameterGradient());
    }

    private void project(Viewpoint vp, double sigma) {
      if (!(sigma > 0)) {
        throw new IllegalArgumentException("sigma must be positive: " + sigma);
      }
      double az = vp.azimuth() * DEGREE;
      double el = vp.elevation() * DEGREE;
      double th = vp.inPlane() * DEGREE;
      sa = Math.sin(az);
      ca = Math.cos(az);
      se = Math.sin(el);
      ce = Math.cos(el);
      st = Math.sin(th);
      ct = Math.cos(th);
      distance = vp.distance();
      double cu = (width - 1) / 2.0 + vp.offsetX() * width;
      double cv = (height - 1) / 2.0 + vp.offsetY() * height;
      double[] px = corners.x();
      double[] py = corners.y();
      double[] pz = corners.z();
      for (int i = 0; i < u.length; i++) {
        x[i] = ca * px[i] - sa * pz[i];
        y[i] = se * sa * px[i] - ce * py[i] + se * ca * pz[i];
        z[i] = distance - (ce * sa * px[i] + se * py[i] + ce * ca * pz[i]);
        xr[i] = ct * x[i] + st * y[i];
        yr[i] = ct * y[i] - st * x[i];
        double zc = Math.max(z[i], NEAR);
        u[i] = focal * xr[i] / zc + cu;
        v[i] = focal * yr[i] / zc + cv;
      }
    }

    /**
     * The coverage pass over every face's pixels within reach: {@code A(q) = sum_j
     * softplus(s_j)} into {@link #linear} (the softplus logs summed as a product, one log a
     * pixel), and with {@code record} the tape of each term's dA/d(corners).
     *
     * <p>A pixel within {@code reach} of the face is within {@code reach} of its bounding box,
     * so each row visits the columns of the box grown by {@code sqrt(reach^2 - dy^2)}, dy the
     * row's distance to the box.
     */
    private void sweep(double sigma, boolean record) {
      java.util.Arrays.fill(linear, 0);
      java.util.Arrays.fill(product, 1);
      int faces = corners.faces();
      double reach2 = CUTOFF * sigma;
      double reach = Math.sqrt(reach2);
      double invSigma = 1 / sigma;
      int n = 0;
      for (int f = 0; f < faces; f++) {
        faceStart[f] = n;
        int ib = faces + f;
        int ic = 2 * faces + f;
        double ax = u[f];
        double ay = v[f];
        double bx = u[ib];
        double by = v[ib];
        double cx = u[ic];
        double cy = v[ic];
        double minX = Math.min(ax, Math.min(bx, cx));
        double maxX = Math.max(ax, Math.max(bx, cx));
        double minY = Math.min(ay, Math.min(by, cy));
        double maxY = Math.max(ay, Math.max(by, cy));
        int row0 = (int) Math.max(0, Math.ceil(minY - reach));
        int row1 = (int) Math.min(height - 1, Math.floor(maxY + reach));
        int boxCol0 = (int) Math.max(0, Math.ceil(minX - reach));
        int boxCol1 = (int) Math.min(width - 1, Math.floor(maxX + reach));
        if (row0 > row1 || boxCol0 > boxCol1) {
          continue;
        }
        if (record) {
          reserve(n + (row1 - row0 + 1) * (boxCol1 - boxCol0 + 1));
        }
        double sign = Math.signum((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
        double e0x = bx - ax;
        double e0y = by - ay;
        double e1x = cx - bx;
        double e1y = cy - by;
        double e2x = ax - cx;
        double e2y = ay - cy;
        double il0 = 1 / (e0x * e0x + e0y * e0y + EDGE_EPSILON);
        double il1 = 1 / (e1x * e1x + e1y * e1y + EDGE_EPSILON);
        double il2 = 1 / (e2x * e2x + e2y * e2y + EDGE_EPSILON);
        for (int row = row0; row <= row1; row++) {
          double dyBox = row < minY ? minY - row : row > maxY ? row - maxY : 0;
          double half = Math.sqrt(reach2 - dyBox * dyBox);
          int col0 = (int) Math.max(boxCol0, Math.ceil(minX - half));
          int col1 = (int) Math.min(boxCol1, Math.floor(maxX + half));
          // the row's share of the edges' dot and cross products
          double w0y = row - ay;
          double w1y = row - by;
          double w2y = row - cy;
          double dotY0 = w0y * e0y;
          double dotY1 = w1y * e1y;
          double dotY2 = w2y * e2y;
          double crossY0 = e0x * w0y;
          double crossY1 = e1x * w1y;
          double crossY2 = e2x * w2y;
          for (int col = col0; col <= col1; col++) {
            double w0x = col - ax;
            double w1x = col - bx;
            double w2x = col - cx;
            double t0 = clamp01((w0x * e0x + dotY0) * il0);
            double t1 = clamp01((w1x * e1x + dotY1) * il1);
            double t2 = clamp01((w2x * e2x + dotY2) * il2);
            double d0x = w0x - t0 * e0x;
            double d0y = w0y - t0 * e0y;
            double d1x = w1x - t1 * e1x;
            double d1y = w1y - t1 * e1y;
            double d2x = w2x - t2 * e2x;
            double d2y = w2y - t2 * e2y;
            double dd0 = d0x * d0x + d0y * d0y;
            double dd1 = d1x * d1x + d1y * d1y;
            double dd2 = d2x * d2x + d2y * d2y;
            double d2 = Math.min(dd0, Math.min(dd1, dd2));
            boolean inside = sign * (crossY0 - e0y * w0x) > 0
                & sign * (crossY1 - e1y * w1x) > 0
                & sign * (crossY2 - e2y * w2x) > 0;
            if (!inside && d2 > reach2) {
              continue;
            }
            int q = row * width + col;
            double s = inside ? d2 * invSigma : -d2 * invSigma;
            // softplus(s) = max(s, 0) + log(1 + exp(-|s|)); sigmoid(s) = its derivative
            if (inside) {
              linear[q] += s;
            }
            double e = 0;
            if (s < SATURATED) {
              e = Math.exp(-Math.abs(s));
              double pr = product[q] * (1 + e);
              if (pr > RENORMALISE) {
                linear[q] += Math.log(pr);
                pr = 1;
              }
              product[q] = pr;
            }
            if (!record) {
              continue;
            }
            double sigmoid = (inside ? 1 : e) / (1 + e);
            // dA/d(d^2) = sigmoid(s) delta / sigma; d(d^2)/dp0 = -2 (1 - t) dvec, dp1 = -2 t dvec
            double g = sigmoid * (inside ? invSigma : -invSigma) * -2;
            double t;
            double dx;
            double dy;
            int k;
            if (dd0 <= dd1 && dd0 <= dd2) {
              k = 0;
              t = t0;
              dx = d0x;
              dy = d0y;
            } else if (dd1 <= dd2) {
              k = 1;
              t = t1;
              dx = d1x;
              dy = d1y;
            } else {
              k = 2;
              t = t2;
              dx = d2x;
              dy = d2y;
            }
            code[n] = q * 3 + k;
            g0x[n] = g * (1 - t) * dx;
            g0y[n] = g * (1 - t) * dy;
            g1x[n] = g * t * dx;
            g1y[n] = g * t * dy;
            n++;
          }
        }
      }
      faceStart[faces] = n;
      for (int q = 0; q < linear.length; q++) {
        linear[q] += Math.log(product[q]);
      }
    }

    /** Room on the tape for {@code size} terms. */
    private void reserve(int size) {
      if (size > code.length) {
        int c = Math.max(size, 2 * code.length);
        code = java.util.Arrays.copyOf(code, c);
        g0x = java.util.Arrays.copyOf(g0x, c);
        g0y = java.util.Arrays.copyOf(g0y, c);
        g1x = java.util.Arrays.copyOf(g1x, c);
        g1y = java.util.Arrays.copyOf(g1y, c);
      }
    }

    /** The tape played back with {@link #gradA}: dLoss/d(corner) into {@link #gu}, {@link #gv}. */
    private void replay() {
      int faces = corners.faces();
      double[] g = new double[6];
      for (int f = 0; f < faces; f++) {
        java.util.Arrays.fill(g, 0);
        for (int i = faceStart[f]; i < faceStart[f + 1]; i++) {
          int c = code[i];
          double w = gradA[c / 3];
          if (w == 0) {
            continue;
          }
          int k = c % 3;
          int k1 = k == 2 ? 0 : k + 1;
          g[2 * k] += w * g0x[i];
          g[2 * k + 1] += w * g0y[i];
          g[2 * k1] += w * g1x[i];
          g[2 * k1 + 1] += w * g1y[i];
        }
        for (int k = 0; k < 3; k++) {
          gu[k * faces + f] = g[2 * k];
          gv[k * faces + f] = g[2 * k + 1];
        }
      }
    }

    /** The corners' gradients {@link #gu}, {@link #gv} carried through the projection. */
    private double[] parameterGradient() {
      double[] px = corners.x();
      double[] pz = corners.z();
      double gAz = 0;
      double gEl = 0;
      double gD = 0;
      double gTh = 0;
      double gOx = 0;
      double gOy = 0;
      for (int i = 0; i < u.length; i++) {
        if (gu[i] == 0 && gv[i] == 0) {
          continue;
        }
        double zc = Math.max(z[i], NEAR);
        double k = focal / zc;
        double gxr = gu[i] * k;
        double gyr = gv[i] * k;
        double gz = z[i] < NEAR ? 0 : -(gu[i] * xr[i] + gv[i] * yr[i]) * k / zc;
        double gx = ct * gxr - st * gyr;
        double gy = st * gxr + ct * gyr;
        gAz += -gx * (sa * px[i] + ca * pz[i]) + gy * se * x[i] - gz * ce * x[i];
        gEl += gy * (distance - z[i]) + gz * y[i];
        gD += gz;
        gTh += gxr * yr[i] - gyr * xr[i];
        gOx += gu[i];
        gOy += gv[i];
      }
      return new double[] {gAz * DEGREE, gEl * DEGREE, gD, gTh * DEGREE, gOx * width,
        gOy * height};
    }
  }

  private static boolean saturated(double coverage) {
    return coverage > CUTOFF;
  }

  private static double clamp01(double t) {
    return Math.max(0, Math.min(1, t));
  }
}
