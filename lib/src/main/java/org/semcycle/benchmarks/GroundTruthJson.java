package org.semcycle.benchmarks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.semcycle.io.JsonFields;

/**
 * The per-image ground truth the ablations need, {@code semcycle_gt/<cat>/<id>.json} in every
 * set: ids (image, synset, model, category), the set's image path, the true viewpoint (azimuth,
 * elevation, distance, in-plane, principal-point offset; docs/CONVENTIONS.md), fov, intrinsics
 * (3x3) and extrinsics ([R | t], 3x4), lighting, truncation and occlusion, the visible-mask box,
 * every keypoint (semantic id, x, y, depth, visible, hidden_by_occluder), and the true 2.5D maps:
 * paths (relative to the set's root) of depth (16-bit PNG, with depth_min / depth_max), normals
 * and silhouette PNGs.
 */
public final class GroundTruthJson {
  private GroundTruthJson() {}

  public static byte[] toBytes(EvaluationRecord r, String imagePath, String maskPath) {
    ObjectNode o = JsonFields.nodes().objectNode();
    o.put("image_id", r.imageId());
    o.put("image", imagePath);
    if (maskPath != null) {
      o.put("mask", maskPath);
    }
    o.put("category", r.category().name());
    o.put("synset", r.synset());
    o.put("model_id", r.modelId());
    o.put("view_index", r.index());
    ArrayNode size = o.putArray("img_size");
    size.add(r.width()).add(r.height());
    ObjectNode vp = o.putObject("viewpoint");
    vp.set("azimuth", JsonFields.number(r.azimuth()));
    vp.set("elevation", JsonFields.number(r.elevation()));
    vp.set("distance", JsonFields.number(r.distance()));
    vp.set("in_plane", JsonFields.number(r.inPlane()));
    vp.set("offset_x", JsonFields.number(r.offsetX()));
    vp.set("offset_y", JsonFields.number(r.offsetY()));
    o.set("fov", JsonFields.number(r.fov()));
    o.set("intrinsics", rows(r.intrinsics(), 3));
    o.set("extrinsics", rows(r.extrinsics(), 4));
    ObjectNode light = o.putObject("light");
    light.set("direction", JsonFields.numbers(r.lightDirection()));
    light.set("ambient", JsonFields.number(r.ambient()));
    light.set("diffuse", JsonFields.number(r.diffuse()));
    o.put("truncated", r.truncated());
    o.set("occluded_fraction", JsonFields.number(r.occludedFraction()));
    o.put("occluders", r.occluders());
    o.set("bbox", JsonFields.numbers(r.bbox()));
    ArrayNode kps = o.putArray("keypoints");
    for (BenchmarkKeypoint k : r.keypoints()) {
      ObjectNode n = kps.addObject();
      n.put("semantic_id", k.semanticId());
      putFinite(n, "x", k.x());
      putFinite(n, "y", k.y());
      putFinite(n, "depth", k.depth());
      n.put("visible", k.visible());
      n.put("hidden_by_occluder", k.hiddenByOccluder());
    }
    o.put("depth", relative(BenchmarkLayout.groundTruthMap(r, "depth")));
    o.set("depth_min", JsonFields.number(r.depthMin()));
    o.set("depth_max", JsonFields.number(r.depthMax()));
    o.put("normals", relative(BenchmarkLayout.groundTruthMap(r, "normals")));
    o.put("silhouette", relative(BenchmarkLayout.groundTruthMap(r, "silhouette")));
    return JsonFields.toBytes(o);
  }

  /** Paths in the JSON are relative to the set's root. */
  private static String relative(String p) {
    return p;
  }

  /** A number, or null for a point that does not project (behind the camera). */
  private static void putFinite(ObjectNode n, String field, double v) {
    if (Double.isFinite(v)) {
      n.set(field, JsonFields.number(v));
    } else {
      n.putNull(field);
    }
  }

  private static ArrayNode rows(double[] m, int cols) {
    ArrayNode a = JsonFields.nodes().arrayNode();
    for (int r = 0; r < m.length / cols; r++) {
      double[] row = new double[cols];
      System.arraycopy(m, r * cols, row, 0, cols);
      a.add(JsonFields.numbers(row));
    }
    return a;
  }
}
