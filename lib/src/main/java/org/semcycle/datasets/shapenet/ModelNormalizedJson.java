package org.semcycle.datasets.shapenet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.semcycle.geometry.Bounds;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.Vec3;
import org.semcycle.io.DataRoot;
import org.semcycle.io.JsonFields;

/**
 * ShapeNetCore v2's {@code model_normalized.json}: bounding box ({@code min}, {@code max}) and
 * {@code centroid} of the original (un-normalised) mesh, the model id and its vertex count.
 */
public record ModelNormalizedJson(
    double[] max, double[] min, double[] centroid, String id, int numVertices) {
  public ModelNormalizedJson {
    max = max.clone();
    min = min.clone();
    centroid = centroid.clone();
  }

  /**
   * The json of an original (un-normalised) mesh: its bounding box, the mean of its vertices as
   * centroid, and its vertex count.
   */
  public static ModelNormalizedJson describe(String id, Mesh original) {
    Bounds b = original.bounds();
    double[] sum = new double[3];
    for (int i = 0; i < original.vertexCount(); i++) {
      Vec3 v = original.vertex(i);
      sum[0] += v.x();
      sum[1] += v.y();
      sum[2] += v.z();
    }
    int n = Math.max(original.vertexCount(), 1);
    return new ModelNormalizedJson(b.max().toArray(), b.min().toArray(),
        new double[] {sum[0] / n, sum[1] / n, sum[2] / n}, id, original.vertexCount());
  }

  public static ModelNormalizedJson read(DataRoot root, String relPath) {
    return parse(root.readUtf8(relPath), root.describe(relPath));
  }

  /** Parses the JSON text; every field is required. */
  public static ModelNormalizedJson parse(String json, String source) {
    JsonNode o = JsonFields.parse(json, source);
    JsonFields f = new JsonFields(source, "");
    return new ModelNormalizedJson(f.doubles(o, "max", 3), f.doubles(o, "min", 3),
        f.doubles(o, "centroid", 3), f.text(o, "id"), f.integer(o, "numVertices"));
  }

  /** JSON bytes (UTF-8) with the fields in the order above; deterministic. */
  public byte[] toJson() {
    ObjectNode o = JsonFields.nodes().objectNode();
    putArray(o, "max", max);
    putArray(o, "min", min);
    putArray(o, "centroid", centroid);
    o.put("id", id);
    o.put("numVertices", numVertices);
    return JsonFields.toCompactBytes(o);
  }

  private static void putArray(ObjectNode o, String name, double[] v) {
    var a = o.putArray(name);
    for (double d : v) {
      a.add(d);
    }
  }
}
