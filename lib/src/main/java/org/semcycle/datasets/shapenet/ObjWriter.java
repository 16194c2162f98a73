package org.semcycle.datasets.shapenet;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.semcycle.datasets.parse.NumberText;
import org.semcycle.geometry.Mesh;
import org.semcycle.io.DataRoot;
import org.semcycle.io.DataSink;

/**
 * Writes a {@link Mesh} as OBJ text that {@link ObjReader} reads back to the same triangles,
 * groups and materials: all {@code v} lines (8 decimals, so positions come back within 5e-9),
 * then the distinct texture coordinates as {@code vt} lines when the mesh has UVs, then the
 * faces in order with a {@code g} / {@code usemtl} line wherever the group or material changes.
 * Faces with no group (-1) before the first group are written without {@code g}; a return to
 * no group later is written as {@code g default} (read back as a group of that name), likewise
 * {@code usemtl default} for faces without material. Output is deterministic.
 */
public final class ObjWriter {
  private ObjWriter() {}

  /**
   * OBJ text for the mesh; {@code mtlFileName} (e.g. "model_normalized.mtl") is named in a
   * {@code mtllib} line when not null.
   */
  public static String toObj(Mesh mesh, String mtlFileName) {
    StringBuilder sb = new StringBuilder(64 + 40 * mesh.vertexCount() + 30 * mesh.faceCount());
    sb.append("# semcycle ObjWriter\n");
    if (mtlFileName != null) {
      sb.append("mtllib ").append(mtlFileName).append('\n');
    }
    for (int i = 0; i < mesh.vertexCount(); i++) {
      double[] p = mesh.vertex(i).toArray();
      sb.append('v');
      for (double c : p) {
        NumberText.append(sb.append(' '), c);
      }
      sb.append('\n');
    }
    int[] uvIndex = mesh.hasUv() ? writeTexCoords(mesh, sb) : null;
    int group = -1;
    int material = -1;
    for (int f = 0; f < mesh.faceCount(); f++) {
      int g = mesh.faceGroupIndex(f);
      if (g != group) {
        sb.append("g ").append(g < 0 ? "default" : mesh.groups().get(g)).append('\n');
        group = g;
      }
      int m = mesh.faceMaterialIndex(f);
      if (m != material) {
        sb.append("usemtl ").append(m < 0 ? "default" : mesh.materials().get(m).name()).append('\n');
        material = m;
      }
      sb.append('f');
      for (int c = 0; c < 3; c++) {
        sb.append(' ').append(mesh.corner(f, c) + 1);
        if (uvIndex != null) {
          sb.append('/').append(uvIndex[3 * f + c] + 1);
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /**
   * Writes {@code objRelPath} and, when the mesh has materials, the .mtl beside it (same base
   * name, ".mtl"), named by a {@code mtllib} line.
   */
  public static void write(DataSink sink, String objRelPath, Mesh mesh) throws IOException {
    String mtlName = null;
    if (!mesh.materials().isEmpty()) {
      int slash = objRelPath.lastIndexOf('/');
      String base = objRelPath.substring(slash + 1);
      int dot = base.lastIndexOf('.');
      mtlName = (dot > 0 ? base.substring(0, dot) : base) + ".mtl";
      String mtlPath = slash < 0 ? mtlName : objRelPath.substring(0, slash + 1) + mtlName;
      sink.write(mtlPath, DataRoot.utf8(MtlWriter.toMtl(mesh.materials())));
    }
    sink.write(objRelPath, DataRoot.utf8(toObj(mesh, mtlName)));
  }

  /** Appends distinct (u, v) pairs in first-use order; returns each corner's vt index. */
  private static int[] writeTexCoords(Mesh mesh, StringBuilder sb) {
    Map<Long, Integer> index = new LinkedHashMap<>();
    int[] out = new int[3 * mesh.faceCount()];
    for (int f = 0; f < mesh.faceCount(); f++) {
      for (int c = 0; c < 3; c++) {
        float u = mesh.uv(f, c, 0);
        float v = mesh.uv(f, c, 1);
        long key = ((long) Float.floatToIntBits(u) << 32) | (Float.floatToIntBits(v) & 0xffffffffL);
        Integer i = index.get(key);
        if (i == null) {
          i = index.size();
          index.put(key, i);
          sb.append("vt ").append(NumberText.plainFloat(u)).append(' ')
              .append(NumberText.plainFloat(v)).append('\n');
        }
        out[3 * f + c] = i;
      }
    }
    return out;
  }
}
