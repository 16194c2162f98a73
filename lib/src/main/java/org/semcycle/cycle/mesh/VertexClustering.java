package org.semcycle.cycle.mesh;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.semcycle.geometry.Bounds;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.MeshBuilder;
import org.semcycle.geometry.Vec3;

/**
 * Mesh simplification by vertex clustering (Rossignac and Borrel 1993), written here: vertices
 * falling in one cell of a uniform grid merge into their mean, faces that collapse or repeat are
 * dropped. Crude but fast and deterministic, and enough where only the outline matters (the soft
 * silhouette of a marching-cubes mesh, which has thousands of faces at 32^3). The grid is refined
 * from coarse to fine and the finest grid that stays within the face budget wins.
 */
public final class VertexClustering {
  private VertexClustering() {}

  /** The mesh itself when it has at most {@code maxFaces} faces, else its clustered version. */
  public static Mesh simplify(Mesh mesh, int maxFaces) {
    if (maxFaces < 1) {
      throw new IllegalArgumentException("maxFaces must be positive: " + maxFaces);
    }
    if (mesh.faceCount() <= maxFaces) {
      return mesh;
    }
    Mesh best = null;
    for (int cells = 2; cells <= 256; cells = Math.max(cells + 1, (int) Math.round(cells * 1.25))) {
      Mesh m = cluster(mesh, cells);
      if (m.faceCount() > maxFaces) {
        break;
      }
      best = m;
    }
    return best != null ? best : cluster(mesh, 1);
  }

  /** Clusters vertices on a grid of {@code cells} cells along the longest bounding-box side. */
  public static Mesh cluster(Mesh mesh, int cells) {
    Bounds b = mesh.bounds();
    double h = Math.max(b.maxExtent(), 1e-12) / cells;
    Map<Long, Integer> cellOf = new HashMap<>();
    int[] vertexCluster = new int[mesh.vertexCount()];
    double[] sum = new double[3 * mesh.vertexCount()];
    int[] count = new int[mesh.vertexCount()];
    int clusters = 0;
    for (int v = 0; v < mesh.vertexCount(); v++) {
      Vec3 p = mesh.vertex(v);
      long ix = (long) Math.floor((p.x() - b.min().x()) / h);
      long iy = (long) Math.floor((p.y() - b.min().y()) / h);
      long iz = (long) Math.floor((p.z() - b.min().z()) / h);
      long key = (ix * 1_000_003L + iy) * 1_000_003L + iz;
      Integer c = cellOf.get(key);
      if (c == null) {
        c = clusters++;
        cellOf.put(key, c);
      }
      vertexCluster[v] = c;
      sum[3 * c] += p.x();
      sum[3 * c + 1] += p.y();
      sum[3 * c + 2] += p.z();
      count[c]++;
    }
    MeshBuilder out = new MeshBuilder();
    for (int c = 0; c < clusters; c++) {
      out.addVertex(sum[3 * c] / count[c], sum[3 * c + 1] / count[c], sum[3 * c + 2] / count[c]);
    }
    Set<String> seen = new HashSet<>();
    for (int f = 0; f < mesh.faceCount(); f++) {
      int a = vertexCluster[mesh.corner(f, 0)];
      int bb = vertexCluster[mesh.corner(f, 1)];
      int c = vertexCluster[mesh.corner(f, 2)];
      if (a == bb || bb == c || a == c) {
        continue;
      }
      int lo = Math.min(a, Math.min(bb, c));
      int hi = Math.max(a, Math.max(bb, c));
      String key = lo + "," + (a + bb + c - lo - hi) + "," + hi;
      if (seen.add(key)) {
        out.addTriangle(a, bb, c);
      }
    }
    return out.build();
  }
}
