package org.semcycle.rendering;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.Vec3;
import org.semcycle.io.Seeds;
import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Intrinsics;

/**
 * A z-buffered software triangle rasteriser, written here (no library): one pass over the
 * triangles gives, for every pixel, RGB, metric depth, camera-frame normals, silhouette and the
 * visible face index ({@link RenderOutput}).
 *
 * <p>How it works:
 *
 * <ul>
 *   <li>Vertices go to the camera frame once per view. Triangles with a vertex in front of the
 *       near plane, or far outside the image (a guard band of {@value #GUARD} pixels), are
 *       clipped in the camera frame (Sutherland-Hodgman; intersection points are computed from
 *       the lexicographically smaller end point so that triangles sharing an edge get the same
 *       point) and fan-triangulated. No back-face culling: both sides are drawn.
 *   <li>Coverage: screen positions snapped to 1/256 pixel, integer edge functions evaluated at
 *       pixel centres (integer coordinates, docs/CONVENTIONS.md), top-left fill rule, so pixels
 *       on an edge shared by two triangles are drawn exactly once and never left open.
 *   <li>Depth: 1/z is affine in screen space; each face's 1/z plane comes from its camera-frame
 *       plane (unsnapped, double precision), so depth is perspective-correct and exact for
 *       planes. The z-test keeps the nearest surface; ties keep the earlier face.
 *   <li>Deferred shading: after all triangles, each visible pixel is shaded once from its face:
 *       Lambertian + ambient with the camera-facing face normal, colour from the material Kd
 *       times the texture (bilinear, repeat; perspective-correct UVs from the corner UVs) where
 *       there is one (the .mtl rule: map_Kd is multiplied by Kd). Colours are computed on the
 *       8-bit values directly (no gamma conversion).
 *   <li>Supersampling k x k renders at k times the resolution and box-averages RGB (blending
 *       with the background by coverage) and silhouette; depth, normal and face index come from
 *       the centre sub-sample {@code (k/2, k/2)} or, where it sees background but the pixel is
 *       partly covered, from the first covered sub-sample in raster order, so every pixel of the
 *       silhouette has a depth and a normal.
 * </ul>
 *
 * <p>An instance keeps scratch buffers between renders: use one per thread.
 */
public final class Rasterizer {
  /** Guard band in pixels beyond the image edges; geometry further out is clipped. */
  public static final int GUARD = 4096;

  private static final int SUB_BITS = 8;
  private static final int SUB = 1 << SUB_BITS;

  private final RenderSettings settings;

  // Per-view scratch, grown as needed.
  private double[] cam = new double[0]; // camera-frame vertex positions
  private double[] scr = new double[0]; // screen x, y per vertex
  private int[] outcode = new int[0];
  private float[] faceNormal = new float[0]; // camera-facing unit normals
  private double[] facePlane = new double[0]; // 1/z = A x + B y + C at raster resolution
  private float[] faceShade = new float[0];
  private float[] zbuf = new float[0];
  private int[] fbuf = new int[0];
  private int[] hiRgb = new int[0];
  private final double[] polyA = new double[3 * 12];
  private final double[] polyB = new double[3 * 12];
  private long fragments;

  public Rasterizer(RenderSettings settings) {
    this.settings = settings;
  }

  public Rasterizer() {
    this(RenderSettings.DEFAULT);
  }

  public RenderSettings settings() {
    return settings;
  }

  /**
   * Number of pixels that passed the coverage test in the last render, before the depth test
   * (for tests of the fill rule: a pixel on a shared edge counts once).
   */
  public long lastFragmentCount() {
    return fragments;
  }

  /** Renders an untextured mesh (prepares it first; prefer {@link RenderableMesh} for many views). */
  public RenderOutput render(Mesh mesh, Camera camera, long seed) {
    return render(RenderableMesh.of(mesh), camera, seed);
  }

  /**
   * Renders all maps of {@code mesh} seen by {@code camera}. {@code seed} drives the random
   * light (when the settings give none) and the background; same inputs give identical output.
   */
  public RenderOutput render(RenderableMesh mesh, Camera camera, long seed) {
    int k = settings.supersample();
    int w = camera.width();
    int h = camera.height();
    Camera raster = camera.supersampled(k);
    int rw = raster.width();
    int rh = raster.height();
    Vec3 light = settings.lightDirection() != null
        ? settings.lightDirection()
        : randomLight(Seeds.mix(seed, "light"));

    int[] rgb = new int[w * h];
    settings.background().fill(rgb, w, h, Seeds.mix(seed, "background"));

    prepareVertices(mesh, raster);
    prepareFaces(mesh, raster, light);
    ensureRaster(rw * rh);
    Arrays.fill(zbuf, 0, rw * rh, Float.POSITIVE_INFINITY);
    Arrays.fill(fbuf, 0, rw * rh, -1);
    fragments = 0;
    rasterizeAll(mesh, raster.intrinsics());

    float[] depth = new float[w * h];
    float[] normals = new float[3 * w * h];
    byte[] sil = new byte[w * h];
    int[] fid = new int[w * h];
    if (k == 1) {
      for (int i = 0; i < w * h; i++) {
        int f = fbuf[i];
        fid[i] = f;
        if (f < 0) {
          continue;
        }
        rgb[i] = shade(mesh, raster.intrinsics(), f, i % w, i / w);
        depth[i] = zbuf[i];
        System.arraycopy(faceNormal, 3 * f, normals, 3 * i, 3);
        sil[i] = (byte) 255;
      }
    } else {
      for (int i = 0; i < rw * rh; i++) {
        int f = fbuf[i];
        if (f >= 0) {
          hiRgb[i] = shade(mesh, raster.intrinsics(), f, i % rw, i / rw);
        }
      }
      downsample(k, w, h, rgb, depth, normals, sil, fid);
    }
    return new RenderOutput(camera, rgb, depth, normals, sil, fid, light);
  }

  /** A direction toward the light within 60 degrees of the headlight (0, 0, -1), uniform on the cap. */
  static Vec3 randomLight(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double cosMax = Math.cos(Math.toRadians(60));
    double ct = cosMax + (1 - cosMax) * rng.nextDouble();
    double st = Math.sqrt(Math.max(0, 1 - ct * ct));
    double phi = 2 * Math.PI * rng.nextDouble();
    return new Vec3(st * Math.cos(phi), st * Math.sin(phi), -ct);
  }

  private void prepareVertices(RenderableMesh mesh, Camera raster) {
    int nv = mesh.vertexCount();
    if (cam.length < 3 * nv) {
      cam = new double[3 * nv];
      scr = new double[2 * nv];
      outcode = new int[nv];
    }
    double[] r = raster.extrinsics().rotation();
    double[] t = raster.extrinsics().translation();
    Intrinsics in = raster.intrinsics();
    double f = in.f();
    double cx = in.cx();
    double cy = in.cy();
    double near = settings.near();
    double[] p = mesh.positions;
    double xlo = -GUARD;
    double xhi = in.width() - 1 + GUARD;
    double ylo = -GUARD;
    double yhi = in.height() - 1 + GUARD;
    for (int v = 0; v < nv; v++) {
      double x = p[3 * v];
      double y = p[3 * v + 1];
      double z = p[3 * v + 2];
      double xc = r[0] * x + r[1] * y + r[2] * z + t[0];
      double yc = r[3] * x + r[4] * y + r[5] * z + t[1];
      double zc = r[6] * x + r[7] * y + r[8] * z + t[2];
      cam[3 * v] = xc;
      cam[3 * v + 1] = yc;
      cam[3 * v + 2] = zc;
      int oc = 0;
      if (zc < near) {
        oc = 1;
      } else {
        double sx = f * xc / zc + cx;
        double sy = f * yc / zc + cy;
        scr[2 * v] = sx;
        scr[2 * v + 1] = sy;
        if (sx < xlo) {
          oc |= 2;
        }
        if (sx > xhi) {
          oc |= 4;
        }
        if (sy < ylo) {
          oc |= 8;
        }
        if (sy > yhi) {
          oc |= 16;
        }
      }
      outcode[v] = oc;
    }
  }

  private void prepareFaces(RenderableMesh mesh, Camera raster, Vec3 light) {
    int nf = mesh.faceCount();
    if (faceShade.length < nf) {
      faceNormal = new float[3 * nf];
      facePlane = new double[3 * nf];
      faceShade = new float[nf];
    }
    Intrinsics in = raster.intrinsics();
    double f = in.f();
    double cx = in.cx();
    double cy = in.cy();
    double lx = light.x();
    double ly = light.y();
    double lz = light.z();
    double amb = settings.ambient();
    double dif = settings.diffuse();
    int[] tri = mesh.triangles;
    for (int face = 0; face < nf; face++) {
      int a = 3 * tri[3 * face];
      int b = 3 * tri[3 * face + 1];
      int c = 3 * tri[3 * face + 2];
      double ax = cam[a];
      double ay = cam[a + 1];
      double az = cam[a + 2];
      double e1x = cam[b] - ax;
      double e1y = cam[b + 1] - ay;
      double e1z = cam[b + 2] - az;
      double e2x = cam[c] - ax;
      double e2y = cam[c + 1] - ay;
      double e2z = cam[c + 2] - az;
      double nx = e1y * e2z - e1z * e2y;
      double ny = e1z * e2x - e1x * e2z;
      double nz = e1x * e2y - e1y * e2x;
      double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
      double hd = nx * ax + ny * ay + nz * az; // plane n . X = hd
      if (!(len > 0) || !Double.isFinite(len)) {
        facePlane[3 * face] = Double.NaN; // degenerate: never drawn
        continue;
      }
      if (hd > 0) { // face the camera: n . (X - 0) < 0 for X on the face
        nx = -nx;
        ny = -ny;
        nz = -nz;
        hd = -hd;
      }
      nx /= len;
      ny /= len;
      nz /= len;
      hd /= len;
      faceNormal[3 * face] = (float) nx;
      faceNormal[3 * face + 1] = (float) ny;
      faceNormal[3 * face + 2] = (float) nz;
      double lambert = Math.max(0, nx * lx + ny * ly + nz * lz);
      faceShade[face] = (float) (amb + dif * lambert);
      if (Math.abs(hd) < 1e-12) { // plane through the camera centre: seen edge-on
        facePlane[3 * face] = Double.NaN;
        continue;
      }
      // 1/z = (n . ray) / hd with ray = ((x - cx) / f, (y - cy) / f, 1)
      facePlane[3 * face] = nx / (f * hd);
      facePlane[3 * face + 1] = ny / (f * hd);
      facePlane[3 * face + 2] = (nz - nx * cx / f - ny * cy / f) / hd;
    }
  }

  private void ensureRaster(int n) {
    if (zbuf.length < n) {
      zbuf = new float[n];
      fbuf = new int[n];
    }
    if (settings.supersample() > 1 && hiRgb.length < n) {
      hiRgb = new int[n];
    }
  }

  private void rasterizeAll(RenderableMesh mesh, Intrinsics in) {
    int[] tri = mesh.triangles;
    int nf = mesh.faceCount();
    int w = in.width();
    int h = in.height();
    for (int face = 0; face < nf; face++) {
      if (Double.isNaN(facePlane[3 * face])) {
        continue;
      }
      int a = tri[3 * face];
      int b = tri[3 * face + 1];
      int c = tri[3 * face + 2];
      int oa = outcode[a];
      int ob = outcode[b];
      int oc = outcode[c];
      if ((oa & ob & oc) != 0) {
        continue; // all beyond one plane (near plane or guard band)
      }
      if ((oa | ob | oc) == 0) {
        triangle(face, w, h,
            scr[2 * a], scr[2 * a + 1], scr[2 * b], scr[2 * b + 1], scr[2 * c], scr[2 * c + 1]);
      } else {
        int mask = oa | ob | oc;
        if ((mask & 1) != 0) {
          mask |= 30; // points made on the near plane may land anywhere: check the guard band too
        }
        clipped(face, in, a, b, c, mask);
      }
    }
  }

  /** Clips a triangle against the planes in {@code mask}, then fan-rasterises the polygon. */
  private void clipped(int face, Intrinsics in, int a, int b, int c, int mask) {
    double[] src = polyA;
    double[] dst = polyB;
    System.arraycopy(cam, 3 * a, src, 0, 3);
    System.arraycopy(cam, 3 * b, src, 3, 3);
    System.arraycopy(cam, 3 * c, src, 6, 3);
    int n = 3;
    // The near plane first, so that later planes see z > 0.
    for (int plane = 0; plane < 5 && n >= 3; plane++) {
      if ((mask & (1 << plane)) == 0) {
        continue;
      }
      int m = 0;
      for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        double di = planeDistance(plane, in, src, i);
        double dj = planeDistance(plane, in, src, j);
        if (di >= 0) {
          System.arraycopy(src, 3 * i, dst, 3 * m++, 3);
        }
        if ((di >= 0) != (dj >= 0)) {
          // Intersect from the lexicographically smaller end so shared edges agree exactly.
          boolean iFirst = lexLess(src, i, j);
          int p = iFirst ? i : j;
          int q = iFirst ? j : i;
          double dp = iFirst ? di : dj;
          double dq = iFirst ? dj : di;
          double t = dp / (dp - dq);
          for (int ax = 0; ax < 3; ax++) {
            dst[3 * m + ax] = src[3 * p + ax] + t * (src[3 * q + ax] - src[3 * p + ax]);
          }
          m++;
        }
      }
      double[] tmp = src;
      src = dst;
      dst = tmp;
      n = m;
    }
    if (n < 3) {
      return;
    }
    double f = in.f();
    double cx = in.cx();
    double cy = in.cy();
    // Project in place (x, y overwrite the first two slots).
    for (int i = 0; i < n; i++) {
      double z = src[3 * i + 2];
      double sx = f * src[3 * i] / z + cx;
      double sy = f * src[3 * i + 1] / z + cy;
      src[3 * i] = sx;
      src[3 * i + 1] = sy;
    }
    for (int i = 1; i + 1 < n; i++) {
      triangle(face, in.width(), in.height(),
          src[0], src[1], src[3 * i], src[3 * i + 1], src[3 * i + 3], src[3 * i + 4]);
    }
  }

  private double planeDistance(int plane, Intrinsics in, double[] poly, int i) {
    double x = poly[3 * i];
    double y = poly[3 * i + 1];
    double z = poly[3 * i + 2];
    double f = in.f();
    switch (plane) {
      case 0:
        return z - settings.near();
      case 1:
        return f * x + (in.cx() + GUARD) * z;
      case 2:
        return (in.width() - 1 + GUARD - in.cx()) * z - f * x;
      case 3:
        return f * y + (in.cy() + GUARD) * z;
      default:
        return (in.height() - 1 + GUARD - in.cy()) * z - f * y;
    }
  }

  private static boolean lexLess(double[] poly, int i, int j) {
    for (int ax = 0; ax < 3; ax++) {
      double u = poly[3 * i + ax];
      double v = poly[3 * j + ax];
      if (u != v) {
        return u < v;
      }
    }
    return true;
  }

  /** Rasterises one screen-space triangle of {@code face} into the z-buffer. */
  private void triangle(int face, int w, int h,
      double x0, double y0, double x1, double y1, double x2, double y2) {
    long ax = Math.round(x0 * SUB);
    long ay = Math.round(y0 * SUB);
    long bx = Math.round(x1 * SUB);
    long by = Math.round(y1 * SUB);
    long cx = Math.round(x2 * SUB);
    long cy = Math.round(y2 * SUB);
    long area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    if (area == 0) {
      return;
    }
    if (area < 0) { // orient so that inside is positive
      long tx = bx;
      long ty = by;
      bx = cx;
      by = cy;
      cx = tx;
      cy = ty;
    }
    int minX = (int) Math.max(0, -Math.floorDiv(-Math.min(ax, Math.min(bx, cx)), SUB));
    int maxX = (int) Math.min(w - 1, Math.floorDiv(Math.max(ax, Math.max(bx, cx)), SUB));
    int minY = (int) Math.max(0, -Math.floorDiv(-Math.min(ay, Math.min(by, cy)), SUB));
    int maxY = (int) Math.min(h - 1, Math.floorDiv(Math.max(ay, Math.max(by, cy)), SUB));
    if (minX > maxX || minY > maxY) {
      return;
    }
    // Edge e(p) = (q.x - p0.x) * (p.y - p0.y) - (q.y - p0.y) * (p.x - p0.x) for edge p0 -> q.
    long px = (long) minX << SUB_BITS;
    long py = (long) minY << SUB_BITS;
    long e0 = edge(bx, by, cx, cy, px, py); // opposite a
    long e1 = edge(cx, cy, ax, ay, px, py); // opposite b
    long e2 = edge(ax, ay, bx, by, px, py); // opposite c
    long e0dx = -(cy - by) << SUB_BITS;
    long e0dy = (cx - bx) << SUB_BITS;
    long e1dx = -(ay - cy) << SUB_BITS;
    long e1dy = (ax - cx) << SUB_BITS;
    long e2dx = -(by - ay) << SUB_BITS;
    long e2dy = (bx - ax) << SUB_BITS;
    // Top-left rule: pixels exactly on an edge belong to the triangle only for top or left edges.
    e0 += topLeft(bx, by, cx, cy) ? 0 : -1;
    e1 += topLeft(cx, cy, ax, ay) ? 0 : -1;
    e2 += topLeft(ax, ay, bx, by) ? 0 : -1;
    double pa = facePlane[3 * face];
    double pb = facePlane[3 * face + 1];
    double pc = facePlane[3 * face + 2];
    float[] zb = zbuf;
    int[] fb = fbuf;
    long frags = 0;
    for (int y = minY; y <= maxY; y++) {
      long w0 = e0;
      long w1 = e1;
      long w2 = e2;
      double rowInv = pb * y + pc;
      int idx = y * w + minX;
      for (int x = minX; x <= maxX; x++, idx++) {
        if ((w0 | w1 | w2) >= 0) {
          frags++;
          double inv = rowInv + pa * x;
          if (inv > 0) {
            float z = (float) (1.0 / inv);
            if (z < zb[idx]) {
              zb[idx] = z;
              fb[idx] = face;
            }
          }
        }
        w0 += e0dx;
        w1 += e1dx;
        w2 += e2dx;
      }
      e0 += e0dy;
      e1 += e1dy;
      e2 += e2dy;
    }
    fragments += frags;
  }

  private static long edge(long x0, long y0, long x1, long y1, long px, long py) {
    return (x1 - x0) * (py - y0) - (y1 - y0) * (px - x0);
  }

  /** With y down and inside positive: a top edge runs in +x horizontally, a left edge upward. */
  private static boolean topLeft(long x0, long y0, long x1, long y1) {
    long dy = y1 - y0;
    return dy < 0 || (dy == 0 && x1 - x0 > 0);
  }

  /** Colour of face {@code f} at raster pixel (x, y). */
  private int shade(RenderableMesh mesh, Intrinsics in, int f, int x, int y) {
    float s = faceShade[f];
    float kr = mesh.faceKd[3 * f];
    float kg = mesh.faceKd[3 * f + 1];
    float kb = mesh.faceKd[3 * f + 2];
    int ti = mesh.faceTexture[f];
    double r = 255.0 * kr * s;
    double g = 255.0 * kg * s;
    double b = 255.0 * kb * s;
    if (ti >= 0) {
      int texel = texel(mesh, in, f, ti, x, y);
      r *= ((texel >> 16) & 255) / 255.0;
      g *= ((texel >> 8) & 255) / 255.0;
      b *= (texel & 255) / 255.0;
    }
    return (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
  }

  private static int clamp(double v) {
    int i = (int) Math.round(v);
    return i < 0 ? 0 : Math.min(255, i);
  }

  /** Texture colour at raster pixel (x, y): perspective-correct barycentrics of the face. */
  private int texel(RenderableMesh mesh, Intrinsics in, int f, int ti, int x, int y) {
    double inv = facePlane[3 * f] * x + facePlane[3 * f + 1] * y + facePlane[3 * f + 2];
    double z = 1.0 / inv;
    double px = (x - in.cx()) / in.f() * z;
    double py = (y - in.cy()) / in.f() * z;
    int[] tri = mesh.triangles;
    int a = 3 * tri[3 * f];
    int b = 3 * tri[3 * f + 1];
    int c = 3 * tri[3 * f + 2];
    double e1x = cam[b] - cam[a];
    double e1y = cam[b + 1] - cam[a + 1];
    double e1z = cam[b + 2] - cam[a + 2];
    double e2x = cam[c] - cam[a];
    double e2y = cam[c + 1] - cam[a + 1];
    double e2z = cam[c + 2] - cam[a + 2];
    double qx = px - cam[a];
    double qy = py - cam[a + 1];
    double qz = z - cam[a + 2];
    double d00 = e1x * e1x + e1y * e1y + e1z * e1z;
    double d01 = e1x * e2x + e1y * e2y + e1z * e2z;
    double d11 = e2x * e2x + e2y * e2y + e2z * e2z;
    double d20 = qx * e1x + qy * e1y + qz * e1z;
    double d21 = qx * e2x + qy * e2y + qz * e2z;
    double den = d00 * d11 - d01 * d01;
    double l1 = (d11 * d20 - d01 * d21) / den;
    double l2 = (d00 * d21 - d01 * d20) / den;
    double l0 = 1 - l1 - l2;
    float[] uv = mesh.cornerUv;
    int o = 6 * f;
    double u = l0 * uv[o] + l1 * uv[o + 2] + l2 * uv[o + 4];
    double v = l0 * uv[o + 1] + l1 * uv[o + 3] + l2 * uv[o + 5];
    return mesh.textures[ti].sample(u, v);
  }

  private void downsample(int k, int w, int h,
      int[] rgb, float[] depth, float[] normals, byte[] sil, int[] fid) {
    int rw = w * k;
    int kk = k * k;
    int half = k / 2;
    for (int oy = 0; oy < h; oy++) {
      for (int ox = 0; ox < w; ox++) {
        int n = 0;
        int sr = 0;
        int sg = 0;
        int sb = 0;
        int covered = -1;
        for (int sy = 0; sy < k; sy++) {
          int base = (oy * k + sy) * rw + ox * k;
          for (int sx = 0; sx < k; sx++) {
            int i = base + sx;
            if (fbuf[i] >= 0) {
              int c = hiRgb[i];
              covered = covered < 0 ? i : covered;
              n++;
              sr += (c >> 16) & 255;
              sg += (c >> 8) & 255;
              sb += c & 255;
            }
          }
        }
        int o = oy * w + ox;
        int centre = (oy * k + half) * rw + ox * k + half;
        // Depth, normal and face come from the centre sample, or, where the centre sees background
        // but the pixel is partly covered, from the first covered sample: every pixel of the
        // silhouette has a depth and a normal, so the sketch net's targets have no zero-normal
        // holes inside the object (thin parts at low resolution often miss the centre sample).
        if (fbuf[centre] < 0 && covered >= 0) {
          centre = covered;
        }
        int f = fbuf[centre];
        fid[o] = f;
        if (f >= 0) {
          depth[o] = zbuf[centre];
          System.arraycopy(faceNormal, 3 * f, normals, 3 * o, 3);
        }
        if (n == 0) {
          continue;
        }
        int bg = rgb[o];
        int empty = kk - n;
        int r = (sr + empty * ((bg >> 16) & 255) + kk / 2) / kk;
        int g = (sg + empty * ((bg >> 8) & 255) + kk / 2) / kk;
        int b = (sb + empty * (bg & 255) + kk / 2) / kk;
        rgb[o] = (r << 16) | (g << 8) | b;
        sil[o] = (byte) ((255 * n + kk / 2) / kk);
      }
    }
  }
}
