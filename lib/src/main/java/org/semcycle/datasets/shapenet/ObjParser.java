package org.semcycle.datasets.shapenet;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.semcycle.datasets.parse.StrictNumbers;
import org.semcycle.datasets.parse.TextLines;
import org.semcycle.datasets.parse.Tokens;
import org.semcycle.geometry.Material;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.MeshBuilder;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.DataRoot;
import org.semcycle.io.RelativePaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The two-pass parser behind {@link ObjReader}; see there for what is accepted. */
final class ObjParser {
  private static final Logger LOG = LoggerFactory.getLogger(ObjReader.class);

  private static final Set<String> NUMERIC = Set.of("v", "vt", "vn", "f");

  private final DataRoot root;
  private final String relPath;
  private final String source;
  private final MeshBuilder builder = new MeshBuilder();
  private final Map<String, Material> materials = new HashMap<>();
  private final Set<String> warnedMaterials = new HashSet<>();
  private float[] texCoords = new float[2 * 64];
  private int nTex;
  private int nNormals;
  private int line;
  private boolean lastLineOpen;

  ObjParser(DataRoot root, String relPath) {
    this.root = root;
    this.relPath = relPath;
    this.source = root.describe(relPath);
  }

  Mesh parse() {
    String text = root.readUtf8(relPath);
    readVertices(text);
    readFaces(text);
    if (builder.faceCount() == 0) {
      throw new DataFormatException(source, "no faces (empty mesh)");
    }
    return builder.build();
  }

  /** Pass 1: v, vt and vn, so that faces may refer to any vertex of the file. */
  private void readVertices(String text) {
    TextLines lines = new TextLines(text);
    while (lines.next()) {
      List<String> t = statement(lines);
      if (t == null) {
        continue;
      }
      switch (t.get(0)) {
        case "v" -> {
          double[] c = numbers(t, 3, 7, "vertex coordinate");
          builder.addVertex(c[0], c[1], c[2]);
        }
        case "vt" -> {
          double[] c = numbers(t, 1, 3, "texture coordinate");
          if (2 * nTex + 2 > texCoords.length) {
            texCoords = Arrays.copyOf(texCoords, texCoords.length * 2);
          }
          texCoords[2 * nTex] = (float) c[0];
          texCoords[2 * nTex + 1] = c.length > 1 ? (float) c[1] : 0f;
          nTex++;
        }
        case "vn" -> {
          numbers(t, 3, 3, "normal component");
          nNormals++;
        }
        default -> { }
      }
    }
  }

  /** Pass 2: faces, groups and materials, counting v/vt/vn again for relative indices. */
  private void readFaces(String text) {
    int[] seen = new int[3];
    TextLines lines = new TextLines(text);
    while (lines.next()) {
      List<String> t = statement(lines);
      if (t == null) {
        continue;
      }
      switch (t.get(0)) {
        case "v" -> seen[0]++;
        case "vt" -> seen[1]++;
        case "vn" -> seen[2]++;
        case "f" -> face(t, seen);
        case "g", "o" -> {
          String name = Tokens.rest(stripComment(lines.line()));
          builder.useGroup(name.isEmpty() ? "default" : name);
        }
        case "usemtl" -> useMaterial(Tokens.rest(stripComment(lines.line())));
        case "mtllib" -> {
          for (String name : t.subList(1, t.size())) {
            loadMtl(name);
          }
        }
        default -> { }
      }
    }
  }

  /** Tokens of the current line without comment, or null if blank; checks for truncation. */
  private List<String> statement(TextLines lines) {
    line = lines.number();
    lastLineOpen = lines.lastWithoutNewline();
    List<String> t = Tokens.split(stripComment(lines.line()));
    if (t.isEmpty()) {
      return null;
    }
    if (lastLineOpen && NUMERIC.contains(t.get(0))) {
      for (String tok : t.subList(1, t.size())) {
        if (StrictNumbers.looksCut(tok)) {
          throw error("file looks truncated: last line '" + lines.line() + "' ends mid-number");
        }
      }
    }
    return t;
  }

  private static String stripComment(String s) {
    int hash = s.indexOf('#');
    return hash >= 0 ? s.substring(0, hash) : s;
  }

  private double[] numbers(List<String> t, int min, int max, String what) {
    int n = t.size() - 1;
    if (n < min) {
      throw error("'" + t.get(0) + "' needs at least " + min + " numbers, found " + n);
    }
    if (n > max) {
      throw error("'" + t.get(0) + "' takes at most " + max + " numbers, found " + n);
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      try {
        out[i] = StrictNumbers.parseFinite(t.get(i + 1), source, line, what);
      } catch (DataFormatException e) {
        throw error(e.problem());
      }
    }
    return out;
  }

  private void face(List<String> t, int[] seen) {
    int n = t.size() - 1;
    if (n < 3) {
      throw error("face needs at least 3 vertices, found " + n);
    }
    int[] v = new int[n];
    int[] vt = new int[n];
    boolean allUv = true;
    for (int i = 0; i < n; i++) {
      String corner = t.get(i + 1);
      String[] parts = corner.split("/", -1);
      if (parts.length > 3) {
        throw error("face corner '" + corner + "' has more than 3 indices");
      }
      v[i] = index(parts[0], seen[0], builder.vertexCount(), "vertex", corner);
      vt[i] = -1;
      if (parts.length >= 2 && !(parts.length == 3 && parts[1].isEmpty())) {
        vt[i] = index(parts[1], seen[1], nTex, "texture", corner);
      }
      if (parts.length == 3) {
        index(parts[2], seen[2], nNormals, "normal", corner);
      }
      allUv &= vt[i] >= 0;
    }
    for (int i = 1; i + 1 < n; i++) {
      float[] uv = null;
      if (allUv) {
        uv = new float[] {
          texCoords[2 * vt[0]], texCoords[2 * vt[0] + 1],
          texCoords[2 * vt[i]], texCoords[2 * vt[i] + 1],
          texCoords[2 * vt[i + 1]], texCoords[2 * vt[i + 1] + 1]
        };
      }
      builder.addTriangle(v[0], v[i], v[i + 1], uv);
    }
  }

  /** A 0-based index from an OBJ index: 1..total, or -1..-seenSoFar counting back. */
  private int index(String s, int seenSoFar, int total, String kind, String corner) {
    if (s.isEmpty()) {
      throw error("face corner '" + corner + "' has an empty " + kind + " index"
          + (lastLineOpen ? " (file looks truncated)" : ""));
    }
    int i;
    try {
      i = StrictNumbers.parseInt(s, source, line, kind + " index");
    } catch (DataFormatException e) {
      throw error(e.problem());
    }
    if (i == 0) {
      throw error(kind + " index 0 in face corner '" + corner + "' (OBJ indices start at 1)");
    }
    if (i > 0) {
      if (i > total) {
        throw error(kind + " index " + i + " out of range (the file has " + total + ")");
      }
      return i - 1;
    }
    if (-i > seenSoFar) {
      throw error("relative " + kind + " index " + i + " out of range (" + seenSoFar
          + " defined so far)");
    }
    return seenSoFar + i;
  }

  private void useMaterial(String name) {
    if (name.isEmpty()) {
      throw error("usemtl without a material name");
    }
    Material m = materials.get(name);
    if (m == null) {
      if (warnedMaterials.add(name)) {
        LOG.warn("{}:{}: material '{}' not defined in any mtllib; using the default colour",
            source, line, name);
      }
      m = new Material(name, Material.DEFAULT.kd(), null);
    }
    builder.useMaterial(m);
  }

  private void loadMtl(String name) {
    int slash = relPath.lastIndexOf('/');
    String dir = slash < 0 ? "" : relPath.substring(0, slash);
    String mtlPath;
    try {
      mtlPath = RelativePaths.normalize(RelativePaths.join(dir, name), source);
    } catch (DataFormatException e) {
      throw error("mtllib '" + name + "': " + e.problem());
    }
    if (!root.exists(mtlPath)) {
      LOG.warn("{}:{}: mtllib {} not found; materials get the default colour",
          source, line, root.describe(mtlPath));
      return;
    }
    materials.putAll(MtlReader.read(root, mtlPath));
  }

  private DataFormatException error(String problem) {
    if (lastLineOpen && !problem.contains("truncated")) {
      problem += " (last line has no newline: the file looks truncated)";
    }
    return new DataFormatException(source, line, problem);
  }
}
