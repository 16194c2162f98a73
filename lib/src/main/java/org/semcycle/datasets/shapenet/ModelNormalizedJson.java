package org.semcycle.datasets.shapenet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.semcycle.datasets.parse.JsonFields;
import org.semcycle.io.DataRoot;

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

  public static ModelNormalizedJson read(DataRoot root, String relPath) {
    return parse(root.readUtf8(relPath), root.describe(relPath));
  }

  /** Parses the JSON text; every field is required. */
  public static ModelNormalizedJson parse(String json, String source) {
    JsonNode o = JsonFields.parse(json, source);
    JsonFields f = new JsonFields(source, "");
    return new ModelNormalizedJson(f.numbers(o, "max", 3), f.numbers(o, "min", 3),
        f.numbers(o, "centroid", 3), f.text(o, "id"), f.integer(o, "numVertices"));
  }

  /** JSON bytes (UTF-8) with the fields in the order above; deterministic. */
  public byte[] toJson() {
    ObjectNode o = JsonFields.MAPPER.createObjectNode();
    putArray(o, "max", max);
    putArray(o, "min", min);
    putArray(o, "centroid", centroid);
    o.put("id", id);
    o.put("numVertices", numVertices);
    return DataRoot.utf8(o.toString() + "\n");
  }

  private static void putArray(ObjectNode o, String name, double[] v) {
    var a = o.putArray(name);
    for (double d : v) {
      a.add(d);
    }
  }
}
