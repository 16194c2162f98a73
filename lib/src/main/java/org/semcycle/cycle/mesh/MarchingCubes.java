package org.semcycle.cycle.mesh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.MeshBuilder;

/**
 * Marching cubes (Lorensen and Cline 1987) from a voxel grid to a closed triangle mesh in the
 * canonical frame: stage 7 of the cycle (PIPELINE.md). Written here: no maintained JVM library
 * offers it.
 *
 * <p>Grid: {@code R^3} values in the voxel layout of docs/CONVENTIONS.md, cell (i, j, k) centred
 * at {@code (-0.5 + (i + 0.5) / R, ...)} for (x, y, z), flat index {@code (i * R + j) * R + k}.
 * The cell centres are the marching-cubes lattice points, so the mesh lives in [-0.5, 0.5]^3 with
 * spacing 1/R, exactly where the voxels are (no axis swap or flip). The region "inside" is
 * {@code value > iso}. The grid is padded with one layer of {@code outsideValue} on every side, so
 * shapes touching the grid border still give a closed surface.
 *
 * <p>The case table: instead of the usual 256-entry literal triangle table, the table is built at
 * class load from the cube's faces, which is the construction the literal table encodes: on each
 * cube face the crossed edges are joined in pairs by segments (on a face with two diagonal inside
 * corners, the ambiguous case, the inside corners are always kept apart, a rule that depends only
 * on the face so the two cubes sharing it agree); every crossed edge lies on two faces, so the
 * segments chain into closed loops; each loop is oriented so its normal points from the inside
 * corners of its edges to the outside ones, and triangulated as a fan (from a vertex whose
 * diagonals stay off the cube faces, else around an added centre vertex). The result is the
 * Lorensen-Cline surface with the ambiguous faces resolved consistently, hence watertight: every
 * mesh edge is shared by exactly two triangles, with opposite directions (outward orientation).
 *
 * <p>Vertices are welded by lattice edge: the two cubes sharing an edge share its vertex, placed
 * by linear interpolation of the values along the edge.
 */
public final class MarchingCubes {
  /** Corner c of a cube sits at offsets (c & 1, (c >> 1) & 1, (c >> 2) & 1) for (x, y, z). */
  private static final int[][] EDGE_CORNERS = new int[12][];

  /** Per case (bit c set: corner c inside), loops of cube-edge ids, each oriented outward. */
  private static final int[][][] CASE_LOOPS = new int[256][][];

  /**
   * Per case and loop: the loop vertex a fan starts from, or -1 when none is safe. A fan diagonal
   * joining two vertices on one cube face could coincide with the neighbouring cube's triangles
   * (ambiguous faces); such loops get a centre vertex instead, which keeps the surface manifold.
   */
  private static final int[][] FAN_START = new int[256][];

  static {
    int e = 0;
    for (int c = 0; c < 8; c++) {
      for (int axis = 0; axis < 3; axis++) {
        if ((c & (1 << axis)) == 0) {
          EDGE_CORNERS[e++] = new int[] {c, c | (1 << axis)};
        }
      }
    }
    for (int mask = 0; mask < 256; mask++) {
      CASE_LOOPS[mask] = buildLoops(mask);
      FAN_START[mask] = new int[CASE_LOOPS[mask].length];
      for (int li = 0; li < CASE_LOOPS[mask].length; li++) {
        FAN_START[mask][li] = fanStart(CASE_LOOPS[mask][li]);
      }
    }
  }

  /** The reference implementation's iso level on sigmoid(logits). */
  public static final double REFERENCE_ISO_PROBABILITY = 0.1;

  private MarchingCubes() {}

  /**
   * Surface of the region {@code values > iso}.
   *
   * @param values R^3 values in the voxel layout of docs/CONVENTIONS.md
   * @param r grid resolution R
   * @param iso the iso level
   * @param outsideValue the value of the padding layer around the grid; must not exceed iso
   */
  public static Mesh extract(float[] values, int r, double iso, double outsideValue) {
    if (r < 1 || values.length != (long) r * r * r) {
      throw new IllegalArgumentException(
          "grid of " + values.length + " values is not R^3 for R = " + r);
    }
    if (outsideValue > iso) {
      throw new IllegalArgumentException(
          "padding value " + outsideValue + " is above the iso level " + iso);
    }
    return new Extraction(values, r, iso, outsideValue).run();
  }

  /** Surface of {@code probability > iso} (padding 0), e.g. iso 0.1 as in the reference. */
  public static Mesh fromProbabilities(float[] probabilities, int r, double iso) {
    return extract(probabilities, r, iso, Math.min(0.0, iso));
  }

  /** Surface of {@code sigmoid(logit) > isoProbability}; the reference uses 0.1. */
  public static Mesh fromLogits(float[] logits, int r, double isoProbability) {
    float[] p = new float[logits.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) (1.0 / (1.0 + Math.exp(-logits[i])));
    }
    return fromProbabilities(p, r, isoProbability);
  }

  /** Coordinate of lattice index {@code i} of the padded grid (index 1 is voxel 0). */
  static double coordinate(int paddedIndex, int r) {
    return -0.5 + (paddedIndex - 0.5) / r;
  }

  private static final class Extraction {
    final float[] values;
    final int r;
    final int n; // padded lattice size per axis
    final double iso;
    final double outside;
    final MeshBuilder builder = new MeshBuilder();
    final Map<Long, Integer> edgeVertex = new HashMap<>();

    Extraction(float[] values, int r, double iso, double outside) {
      this.values = values;
      this.r = r;
      this.n = r + 2;
      this.iso = iso;
      this.outside = outside;
    }

    double value(int pi, int pj, int pk) {
      if (pi < 1 || pj < 1 || pk < 1 || pi > r || pj > r || pk > r) {
        return outside;
      }
      return values[((pi - 1) * r + (pj - 1)) * r + (pk - 1)];
    }

    Mesh run() {
      double[] cv = new double[8];
      int[] loopVertices = new int[12];
      for (int i = 0; i < n - 1; i++) {
        for (int j = 0; j < n - 1; j++) {
          for (int k = 0; k < n - 1; k++) {
            int mask = 0;
            for (int c = 0; c < 8; c++) {
              cv[c] = value(i + (c & 1), j + ((c >> 1) & 1), k + ((c >> 2) & 1));
              if (cv[c] > iso) {
                mask |= 1 << c;
              }
            }
            int[][] loops = CASE_LOOPS[mask];
            for (int li = 0; li < loops.length; li++) {
              int[] loop = loops[li];
              for (int q = 0; q < loop.length; q++) {
                loopVertices[q] = vertexOnEdge(i, j, k, loop[q], cv);
              }
              int s0 = FAN_START[mask][li];
              if (s0 >= 0) {
                int len = loop.length;
                for (int q = 1; q + 1 < len; q++) {
                  builder.addTriangle(
                      loopVertices[s0], loopVertices[(s0 + q) % len], loopVertices[(s0 + q + 1) % len]);
                }
              } else {
                int mid = centroid(loopVertices, loop.length);
                for (int q = 0; q < loop.length; q++) {
                  builder.addTriangle(mid, loopVertices[q], loopVertices[(q + 1) % loop.length]);
                }
              }
            }
          }
        }
      }
      return builder.build();
    }

    int centroid(int[] ids, int count) {
      double x = 0;
      double y = 0;
      double z = 0;
      for (int q = 0; q < count; q++) {
        org.semcycle.geometry.Vec3 p = builder.vertex(ids[q]);
        x += p.x();
        y += p.y();
        z += p.z();
      }
      return builder.addVertex(x / count, y / count, z / count);
    }

    int vertexOnEdge(int i, int j, int k, int edge, double[] cv) {
      int c0 = EDGE_CORNERS[edge][0];
      int c1 = EDGE_CORNERS[edge][1];
      int axis = Integer.numberOfTrailingZeros(c0 ^ c1);
      int i0 = i + (c0 & 1);
      int j0 = j + ((c0 >> 1) & 1);
      int k0 = k + ((c0 >> 2) & 1);
      long key = (((long) i0 * n + j0) * n + k0) * 3 + axis;
      Integer known = edgeVertex.get(key);
      if (known != null) {
        return known;
      }
      double v0 = cv[c0];
      double v1 = cv[c1];
      double t = v1 == v0 ? 0.5 : (iso - v0) / (v1 - v0);
      t = Math.max(0, Math.min(1, t));
      double x = coordinate(i0, r);
      double y = coordinate(j0, r);
      double z = coordinate(k0, r);
      double step = t / r;
      if (axis == 0) {
        x += step;
      } else if (axis == 1) {
        y += step;
      } else {
        z += step;
      }
      int id = builder.addVertex(x, y, z);
      edgeVertex.put(key, id);
      return id;
    }
  }

  // ---- case table construction -----------------------------------------------------------

  private static int edgeId(int ca, int cb) {
    for (int e = 0; e < 12; e++) {
      int[] ec = EDGE_CORNERS[e];
      if ((ec[0] == ca && ec[1] == cb) || (ec[0] == cb && ec[1] == ca)) {
        return e;
      }
    }
    throw new IllegalStateException("corners " + ca + ", " + cb + " share no edge");
  }

  /** The four corners of face (axis, side) in cyclic order. */
  private static int[] faceCorners(int axis, int side) {
    int u = (axis + 1) % 3;
    int v = (axis + 2) % 3;
    int base = side << axis;
    return new int[] {base, base | (1 << u), base | (1 << u) | (1 << v), base | (1 << v)};
  }

  private static int[][] buildLoops(int mask) {
    // partner[e] lists the (at most two) edges joined to e by face segments
    int[][] partner = new int[12][2];
    int[] degree = new int[12];
    for (int axis = 0; axis < 3; axis++) {
      for (int side = 0; side < 2; side++) {
        int[] q = faceCorners(axis, side);
        boolean[] in = new boolean[4];
        for (int a = 0; a < 4; a++) {
          in[a] = (mask & (1 << q[a])) != 0;
        }
        List<Integer> crossedAfter = new ArrayList<>(); // index a: edge q[a]-q[a+1] crossed
        for (int a = 0; a < 4; a++) {
          if (in[a] != in[(a + 1) % 4]) {
            crossedAfter.add(a);
          }
        }
        if (crossedAfter.isEmpty()) {
          continue;
        }
        List<int[]> segments = new ArrayList<>();
        if (crossedAfter.size() == 2) {
          segments.add(new int[] {crossedAfter.get(0), crossedAfter.get(1)});
        } else {
          // ambiguous face: cut off each inside corner (inside corners kept apart)
          for (int a = 0; a < 4; a++) {
            if (in[a]) {
              segments.add(new int[] {(a + 3) % 4, a});
            }
          }
        }
        for (int[] s : segments) {
          int ea = edgeId(q[s[0]], q[(s[0] + 1) % 4]);
          int eb = edgeId(q[s[1]], q[(s[1] + 1) % 4]);
          partner[ea][degree[ea]++] = eb;
          partner[eb][degree[eb]++] = ea;
        }
      }
    }
    boolean[] used = new boolean[12];
    List<int[]> loops = new ArrayList<>();
    for (int start = 0; start < 12; start++) {
      if (degree[start] == 0 || used[start]) {
        continue;
      }
      if (degree[start] != 2) {
        throw new IllegalStateException("case " + mask + ": edge " + start + " in one segment");
      }
      List<Integer> loop = new ArrayList<>();
      int prev = -1;
      int cur = start;
      while (!used[cur]) {
        used[cur] = true;
        loop.add(cur);
        int next = partner[cur][0] == prev ? partner[cur][1] : partner[cur][0];
        prev = cur;
        cur = next;
      }
      int[] arr = loop.stream().mapToInt(Integer::intValue).toArray();
      loops.add(orientOutward(arr, mask));
    }
    return loops.toArray(new int[0][]);
  }

  /** A start s whose fan diagonals (s to s + q, 2 <= q <= n-2) avoid cube faces, or -1. */
  private static int fanStart(int[] loop) {
    int n = loop.length;
    for (int s = 0; s < n; s++) {
      boolean safe = true;
      for (int q = 2; q + 1 < n && safe; q++) {
        safe = !shareFace(loop[s], loop[(s + q) % n]);
      }
      if (safe) {
        return s;
      }
    }
    return -1;
  }

  private static boolean shareFace(int ea, int eb) {
    int[] a = EDGE_CORNERS[ea];
    int[] b = EDGE_CORNERS[eb];
    for (int axis = 0; axis < 3; axis++) {
      int bit = 1 << axis;
      int sa0 = a[0] & bit;
      int sb0 = b[0] & bit;
      if ((a[1] & bit) == sa0 && (b[1] & bit) == sb0 && sa0 == sb0) {
        return true;
      }
    }
    return false;
  }

  private static double[] cornerPos(int c) {
    return new double[] {c & 1, (c >> 1) & 1, (c >> 2) & 1};
  }

  /** Reverses the loop when its (Newell) normal points toward its edges' inside corners. */
  private static int[] orientOutward(int[] loop, int mask) {
    double[][] p = new double[loop.length][];
    double[] outward = new double[3];
    for (int q = 0; q < loop.length; q++) {
      int[] ec = EDGE_CORNERS[loop[q]];
      double[] a = cornerPos(ec[0]);
      double[] b = cornerPos(ec[1]);
      p[q] = new double[] {(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2};
      double s = (mask & (1 << ec[0])) != 0 ? 1 : -1; // +1: from corner 0 (inside) to corner 1
      for (int d = 0; d < 3; d++) {
        outward[d] += s * (b[d] - a[d]);
      }
    }
    double[] normal = new double[3];
    for (int q = 0; q < p.length; q++) {
      double[] a = p[q];
      double[] b = p[(q + 1) % p.length];
      normal[0] += (a[1] - b[1]) * (a[2] + b[2]);
      normal[1] += (a[2] - b[2]) * (a[0] + b[0]);
      normal[2] += (a[0] - b[0]) * (a[1] + b[1]);
    }
    double dot = normal[0] * outward[0] + normal[1] * outward[1] + normal[2] * outward[2];
    if (dot == 0) {
      throw new IllegalStateException("case " + mask + ": loop without orientation");
    }
    if (dot < 0) {
      int[] rev = new int[loop.length];
      for (int q = 0; q < loop.length; q++) {
        rev[q] = loop[loop.length - 1 - q];
      }
      return rev;
    }
    return loop;
  }
}
