package org.semcycle.rendering;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.semcycle.geometry.Mesh;

/**
 * Solid voxelisation of a mesh in the canonical frame (the cube [-0.5, 0.5]^3 of
 * docs/CONVENTIONS.md, no rescaling: normalise the mesh first), written here (no library).
 *
 * <p>A cell is occupied when either
 *
 * <ol>
 *   <li><b>its centre is inside the mesh.</b> The mesh is split into connected components
 *       (triangles sharing a vertex position; ShapeNet parts are usually separate closed
 *       shells that may intersect each other). For each component and each of the three axes a
 *       ray is cast along the axis through every column of cell centres; a centre is inside for
 *       that axis when an odd number of the component's surface crossings lie before it. A
 *       centre is inside the component when at least two of the three axes say so (majority
 *       vote: a hole in a not-quite-closed shell lets one axis leak, rarely two), and inside the
 *       mesh when inside any component (parity per component, so intersecting parts make a
 *       union, not an exclusive-or). Ray-triangle tests use integer edge functions on positions
 *       snapped to 2^-20 with a top-left rule, so a ray through a shared edge or vertex crosses
 *       exactly one of the triangles; or
 *   <li><b>it is a thin-part surface cell:</b> the surface passes through the (closed) cell and
 *       no cell of its 3x3x3 neighbourhood has its centre inside. Parts thinner than a cell
 *       (legs, wings, sheets) whose surface misses every cell centre are kept this way, while
 *       the surface of a thick solid, whose inside is always within one cell (in the 26-
 *       neighbourhood sense) of its surface cells, adds no outer shell: volumes stay unbiased.
 * </ol>
 *
 * With {@link SurfaceCells#ALL} every cell the surface touches is occupied as well (a
 * conservative grid: no part is ever lost, but solids gain up to a cell all round). Geometry
 * outside the cube is ignored. Thread-safe (no state).
 */
public final class Voxelizer {
  /** The default grid resolution. */
  public static final int DEFAULT_RESOLUTION = 32;

  /** Which cells the surface marks besides the inside ones. */
  public enum SurfaceCells {
    /** Surface cells with no inside cell in their 3x3x3 neighbourhood (the default). */
    THIN_PARTS,
    /** Every cell the surface touches. */
    ALL
  }

  private static final double SNAP = 1 << 20;
  private static final double MAX_COORD = 100; // keeps the integer edge functions inside a long

  private final int resolution;
  private final SurfaceCells surfaceCells;

  public Voxelizer(int resolution, SurfaceCells surfaceCells) {
    if (resolution < 1 || resolution > 1024) {
      throw new IllegalArgumentException("voxel resolution must be in 1..1024: " + resolution);
    }
    this.resolution = resolution;
    this.surfaceCells = surfaceCells;
  }

  public Voxelizer(int resolution) {
    this(resolution, SurfaceCells.THIN_PARTS);
  }

  public Voxelizer() {
    this(DEFAULT_RESOLUTION);
  }

  public int resolution() {
    return resolution;
  }

  /** The occupancy grid of {@code mesh} (already in the canonical frame). */
  public VoxelGrid voxelize(Mesh mesh) {
    double[] p = mesh.positions();
    int[] tri = mesh.triangles();
    for (double v : p) {
      if (!(Math.abs(v) < MAX_COORD)) {
        throw new IllegalArgumentException("vertex coordinate " + v + " is not finite or too large to voxelise");
      }
    }
    int r = resolution;
    VoxelGrid solid = new VoxelGrid(r);
    int nf = tri.length / 3;
    if (nf == 0) {
      return solid;
    }
    long[] q = new long[p.length];
    for (int i = 0; i < p.length; i++) {
      q[i] = Math.round(p[i] * SNAP);
    }
    long[] centres = new long[r];
    for (int i = 0; i < r; i++) {
      centres[i] = Math.round((-0.5 + (i + 0.5) / r) * SNAP);
    }
    int[][] components = components(p, tri);
    byte[] votes = new byte[r * r * r];
    for (int[] faces : components) {
      fillComponent(faces, p, q, tri, centres, votes, solid);
    }
    VoxelGrid surface = surfaceCells(p, tri);
    VoxelGrid out = new VoxelGrid(r);
    out.or(solid);
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) {
        for (int k = 0; k < r; k++) {
          if (surface.get(i, j, k) && !solid.get(i, j, k)
              && (surfaceCells == SurfaceCells.ALL || !solidNeighbour(solid, i, j, k))) {
            out.set(i, j, k, true);
          }
        }
      }
    }
    return out;
  }

  private static boolean solidNeighbour(VoxelGrid g, int i, int j, int k) {
    for (int a = -1; a <= 1; a++) {
      for (int b = -1; b <= 1; b++) {
        for (int c = -1; c <= 1; c++) {
          if (g.getOrFalse(i + a, j + b, k + c)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Connected components of the triangles, joined through shared vertex positions. */
  static int[][] components(double[] p, int[] tri) {
    int nv = p.length / 3;
    int[] weld = new int[nv];
    Map<String, Integer> seen = new HashMap<>();
    for (int v = 0; v < nv; v++) {
      String key = Double.doubleToLongBits(p[3 * v] + 0.0) + ":" + Double.doubleToLongBits(p[3 * v + 1] + 0.0)
          + ":" + Double.doubleToLongBits(p[3 * v + 2] + 0.0);
      weld[v] = seen.computeIfAbsent(key, s -> seen.size());
    }
    int[] parent = new int[seen.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    int nf = tri.length / 3;
    for (int f = 0; f < nf; f++) {
      int a = find(parent, weld[tri[3 * f]]);
      int b = find(parent, weld[tri[3 * f + 1]]);
      int c = find(parent, weld[tri[3 * f + 2]]);
      parent[b] = a;
      parent[find(parent, c)] = a;
    }
    int[] label = new int[parent.length];
    Arrays.fill(label, -1);
    int n = 0;
    int[] faceComp = new int[nf];
    int[] sizes = new int[parent.length];
    for (int f = 0; f < nf; f++) {
      int root = find(parent, weld[tri[3 * f]]);
      if (label[root] < 0) {
        label[root] = n++;
      }
      faceComp[f] = label[root];
      sizes[faceComp[f]]++;
    }
    int[][] out = new int[n][];
    int[] fill = new int[n];
    for (int c = 0; c < n; c++) {
      out[c] = new int[sizes[c]];
    }
    for (int f = 0; f < nf; f++) {
      int c = faceComp[f];
      out[c][fill[c]++] = f;
    }
    return out;
  }

  private static int find(int[] parent, int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  /** Cell index range [lo, hi] whose centres lie within [min, max] (may be empty: lo > hi). */
  private int[] centreRange(double min, double max) {
    int r = resolution;
    int lo = (int) Math.max(0, Math.ceil((min + 0.5) * r - 0.5) - 1);
    int hi = (int) Math.min(r - 1, Math.floor((max + 0.5) * r - 0.5) + 1);
    return new int[] {lo, hi};
  }

  /** Parity fill of one component along the three axes, majority vote, OR-ed into {@code solid}. */
  private void fillComponent(int[] faces, double[] p, long[] q, int[] tri, long[] centres,
      byte[] votes, VoxelGrid solid) {
    int r = resolution;
    double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (int f : faces) {
      for (int c = 0; c < 3; c++) {
        int v = tri[3 * f + c];
        for (int a = 0; a < 3; a++) {
          lo[a] = Math.min(lo[a], p[3 * v + a]);
          hi[a] = Math.max(hi[a], p[3 * v + a]);
        }
      }
    }
    int[][] range = new int[3][];
    for (int a = 0; a < 3; a++) {
      range[a] = centreRange(lo[a], hi[a]);
      if (range[a][0] > range[a][1]) {
        return; // the component lies between cell centres or off the grid on this axis
      }
    }
    for (int i = range[0][0]; i <= range[0][1]; i++) {
      for (int j = range[1][0]; j <= range[1][1]; j++) {
        Arrays.fill(votes, (i * r + j) * r + range[2][0], (i * r + j) * r + range[2][1] + 1, (byte) 0);
      }
    }
    for (int axis = 0; axis < 3; axis++) {
      castAxis(axis, faces, p, q, tri, centres, range, votes);
    }
    for (int i = range[0][0]; i <= range[0][1]; i++) {
      for (int j = range[1][0]; j <= range[1][1]; j++) {
        for (int k = range[2][0]; k <= range[2][1]; k++) {
          int flat = (i * r + j) * r + k;
          if (votes[flat] >= 2) {
            solid.set(flat, true);
          }
        }
      }
    }
  }

  /**
   * Casts rays along {@code axis} through every column of cell centres in the component's range
   * and adds one vote to each centre with an odd number of crossings before it.
   */
  private void castAxis(int axis, int[] faces, double[] p, long[] q, int[] tri, long[] centres,
      int[][] range, byte[] votes) {
    int r = resolution;
    int ua = (axis + 1) % 3;
    int va = (axis + 2) % 3;
    int u0 = range[ua][0];
    int nu = range[ua][1] - u0 + 1;
    int v0 = range[va][0];
    int nv = range[va][1] - v0 + 1;
    int[] count = new int[nu * nv + 1];
    // Two passes: count crossings per column, then store them (compressed rows).
    for (int pass = 0; pass < 2; pass++) {
      double[] ts = pass == 0 ? null : new double[count[nu * nv]];
      int[] fill = pass == 0 ? null : new int[nu * nv];
      for (int f : faces) {
        int ia = tri[3 * f];
        int ib = tri[3 * f + 1];
        int ic = tri[3 * f + 2];
        long ax = q[3 * ia + ua];
        long ay = q[3 * ia + va];
        long bx = q[3 * ib + ua];
        long by = q[3 * ib + va];
        long cx = q[3 * ic + ua];
        long cy = q[3 * ic + va];
        long area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
        if (area == 0) {
          continue; // parallel to the rays
        }
        if (area < 0) {
          long tx = bx;
          long ty = by;
          bx = cx;
          by = cy;
          cx = tx;
          cy = ty;
        }
        long minU = Math.min(ax, Math.min(bx, cx));
        long maxU = Math.max(ax, Math.max(bx, cx));
        long minV = Math.min(ay, Math.min(by, cy));
        long maxV = Math.max(ay, Math.max(by, cy));
        // plane of the face for the crossing coordinate along the axis
        double nxA = 0;
        double nU = 0;
        double nV = 0;
        double d = 0;
        if (pass == 1) {
          double pax = p[3 * ia + axis];
          double pau = p[3 * ia + ua];
          double pav = p[3 * ia + va];
          double e1a = p[3 * ib + axis] - pax;
          double e1u = p[3 * ib + ua] - pau;
          double e1v = p[3 * ib + va] - pav;
          double e2a = p[3 * ic + axis] - pax;
          double e2u = p[3 * ic + ua] - pau;
          double e2v = p[3 * ic + va] - pav;
          // n = e1 x e2 in (u, v, axis) order, which is a cyclic permutation of (x, y, z)
          nU = e1v * e2a - e1a * e2v;
          nV = e1a * e2u - e1u * e2a;
          nxA = e1u * e2v - e1v * e2u;
          d = nU * pau + nV * pav + nxA * pax;
        }
        int iuLo = Math.max(0, centreIndexAbove(minU) - u0);
        int iuHi = Math.min(nu - 1, centreIndexBelow(maxU) - u0);
        int ivLo = Math.max(0, centreIndexAbove(minV) - v0);
        int ivHi = Math.min(nv - 1, centreIndexBelow(maxV) - v0);
        for (int iu = iuLo; iu <= iuHi; iu++) {
          long su = centres[u0 + iu];
          if (su < minU || su > maxU) {
            continue;
          }
          for (int iv = ivLo; iv <= ivHi; iv++) {
            long sv = centres[v0 + iv];
            if (sv < minV || sv > maxV) {
              continue;
            }
            if (!inside(ax, ay, bx, by, cx, cy, su, sv)) {
              continue;
            }
            int col = iu * nv + iv;
            if (pass == 0) {
              count[col + 1]++;
            } else {
              double u = su / SNAP;
              double v = sv / SNAP;
              double t = nxA == 0 ? Double.NaN : (d - nU * u - nV * v) / nxA;
              ts[count[col] + fill[col]++] = t;
            }
          }
        }
      }
      if (pass == 0) {
        for (int c = 0; c < nu * nv; c++) {
          count[c + 1] += count[c];
        }
      } else {
        int a0 = range[axis][0];
        int a1 = range[axis][1];
        for (int iu = 0; iu < nu; iu++) {
          for (int iv = 0; iv < nv; iv++) {
            int col = iu * nv + iv;
            int from = count[col];
            int to = count[col + 1];
            if (to - from == 0) {
              continue;
            }
            Arrays.sort(ts, from, to);
            int crossed = from;
            int[] cell = new int[3];
            cell[ua] = u0 + iu;
            cell[va] = v0 + iv;
            for (int s = a0; s <= a1; s++) {
              double centre = -0.5 + (s + 0.5) / r;
              while (crossed < to && ts[crossed] < centre) {
                crossed++;
              }
              if (((crossed - from) & 1) == 1) {
                cell[axis] = s;
                votes[(cell[0] * r + cell[1]) * r + cell[2]]++;
              }
            }
          }
        }
      }
    }
  }

  /** A cell index at or below the first centre >= snapped coordinate q (may be off the grid). */
  private int centreIndexAbove(long q) {
    return (int) Math.floor((q / SNAP + 0.5) * resolution - 0.5) - 1;
  }

  /** A cell index at or above the last centre <= snapped coordinate q (may be off the grid). */
  private int centreIndexBelow(long q) {
    return (int) Math.ceil((q / SNAP + 0.5) * resolution - 0.5) + 1;
  }

  /** Point-in-triangle with the top-left rule; the triangle is oriented so inside is positive. */
  private static boolean inside(long ax, long ay, long bx, long by, long cx, long cy, long px, long py) {
    return edgeIn(ax, ay, bx, by, px, py) && edgeIn(bx, by, cx, cy, px, py)
        && edgeIn(cx, cy, ax, ay, px, py);
  }

  private static boolean edgeIn(long x0, long y0, long x1, long y1, long px, long py) {
    long e = (x1 - x0) * (py - y0) - (y1 - y0) * (px - x0);
    if (e != 0) {
      return e > 0;
    }
    long dy = y1 - y0;
    return dy < 0 || (dy == 0 && x1 - x0 > 0);
  }

  /** Cells that the (closed) surface touches: exact triangle-box overlap (separating axes). */
  private VoxelGrid surfaceCells(double[] p, int[] tri) {
    int r = resolution;
    VoxelGrid g = new VoxelGrid(r);
    double h = 0.5 / r;
    double[] v = new double[9];
    int nf = tri.length / 3;
    for (int f = 0; f < nf; f++) {
      double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
      double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
      for (int c = 0; c < 3; c++) {
        int vi = tri[3 * f + c];
        for (int a = 0; a < 3; a++) {
          lo[a] = Math.min(lo[a], p[3 * vi + a]);
          hi[a] = Math.max(hi[a], p[3 * vi + a]);
        }
      }
      int[] cl = new int[3];
      int[] ch = new int[3];
      boolean empty = false;
      for (int a = 0; a < 3; a++) {
        // cells touching [lo, hi]; the small margin keeps cells that only touch at a boundary
        cl[a] = (int) Math.max(0, Math.floor((lo[a] + 0.5) * r - 1e-7));
        ch[a] = (int) Math.min(r - 1, Math.floor((hi[a] + 0.5) * r + 1e-7));
        empty |= cl[a] > ch[a];
      }
      if (empty) {
        continue;
      }
      for (int i = cl[0]; i <= ch[0]; i++) {
        for (int j = cl[1]; j <= ch[1]; j++) {
          for (int k = cl[2]; k <= ch[2]; k++) {
            if (g.get(i, j, k)) {
              continue;
            }
            double cx = -0.5 + (i + 0.5) / r;
            double cy = -0.5 + (j + 0.5) / r;
            double cz = -0.5 + (k + 0.5) / r;
            for (int c = 0; c < 3; c++) {
              int vi = tri[3 * f + c];
              v[3 * c] = p[3 * vi] - cx;
              v[3 * c + 1] = p[3 * vi + 1] - cy;
              v[3 * c + 2] = p[3 * vi + 2] - cz;
            }
            if (TriangleBox.overlaps(v, h)) {
              g.set(i, j, k, true);
            }
          }
        }
      }
    }
    return g;
  }

  /** Separating-axis triangle / axis-aligned cube overlap test (Akenine-Moeller), closed sets. */
  static final class TriangleBox {
    private TriangleBox() {}

    /** {@code v}: the triangle's corners relative to the cube's centre; {@code h}: half side. */
    static boolean overlaps(double[] v, double h) {
      // 1. the cube's face normals: bounding boxes overlap
      for (int a = 0; a < 3; a++) {
        double mn = Math.min(v[a], Math.min(v[3 + a], v[6 + a]));
        double mx = Math.max(v[a], Math.max(v[3 + a], v[6 + a]));
        if (mn > h || mx < -h) {
          return false;
        }
      }
      double[] e = {
        v[3] - v[0], v[4] - v[1], v[5] - v[2],
        v[6] - v[3], v[7] - v[4], v[8] - v[5],
        v[0] - v[6], v[1] - v[7], v[2] - v[8]
      };
      // 2. the triangle's normal
      double nx = e[1] * e[5] - e[2] * e[4];
      double ny = e[2] * e[3] - e[0] * e[5];
      double nz = e[0] * e[4] - e[1] * e[3];
      double d = nx * v[0] + ny * v[1] + nz * v[2];
      double rad = h * (Math.abs(nx) + Math.abs(ny) + Math.abs(nz));
      if (Math.abs(d) > rad) {
        return false;
      }
      // 3. cross products of the cube's axes with the triangle's edges
      for (int ei = 0; ei < 3; ei++) {
        double ex = e[3 * ei];
        double ey = e[3 * ei + 1];
        double ez = e[3 * ei + 2];
        for (int a = 0; a < 3; a++) {
          // axis = unit(a) x edge
          double axx;
          double axy;
          double axz;
          if (a == 0) {
            axx = 0;
            axy = -ez;
            axz = ey;
          } else if (a == 1) {
            axx = ez;
            axy = 0;
            axz = -ex;
          } else {
            axx = -ey;
            axy = ex;
            axz = 0;
          }
          double p0 = axx * v[0] + axy * v[1] + axz * v[2];
          double p1 = axx * v[3] + axy * v[4] + axz * v[5];
          double p2 = axx * v[6] + axy * v[7] + axz * v[8];
          double mn = Math.min(p0, Math.min(p1, p2));
          double mx = Math.max(p0, Math.max(p1, p2));
          double rr = h * (Math.abs(axx) + Math.abs(axy) + Math.abs(axz));
          if (mn > rr || mx < -rr) {
            return false;
          }
        }
      }
      return true;
    }
  }
}
