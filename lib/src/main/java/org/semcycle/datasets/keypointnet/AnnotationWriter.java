package org.semcycle.datasets.keypointnet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.semcycle.io.DataSink;
import org.semcycle.io.JsonFields;

/**
 * Writes models as KeypointNet's {@code annotations/<class>.json} (the layout
 * {@link AnnotationReader} reads), one compact JSON array, fields in KeypointNet's order.
 * A rotation group that is not a circle is written as KeypointNet writes its own groups,
 * {@code "is_circle": false, "circle": {}}. Doubles are written
 * exactly (shortest round-trip form); output is deterministic.
 */
public final class AnnotationWriter {
  private AnnotationWriter() {}

  /** UTF-8 JSON bytes for the models. */
  public static byte[] toJson(List<ModelAnnotation> models) {
    ArrayNode arr = JsonFields.nodes().arrayNode();
    for (ModelAnnotation m : models) {
      ObjectNode o = arr.addObject();
      o.put("class_id", m.classId());
      o.put("model_id", m.modelId());
      ArrayNode kps = o.putArray("keypoints");
      for (Keypoint k : m.keypoints()) {
        ObjectNode ko = kps.addObject();
        doubles(ko.putArray("xyz"), k.xyz());
        ints(ko.putArray("rgb"), k.rgb());
        ko.put("semantic_id", k.semanticId());
        ko.putObject("pcd_info").put("point_index", k.pcdPointIndex());
        ObjectNode mi = ko.putObject("mesh_info");
        mi.put("face_index", k.faceIndex());
        doubles(mi.putArray("face_uv"), k.faceUv());
      }
      ObjectNode s = o.putObject("symmetries");
      ArrayNode refl = s.putArray("reflection");
      for (int[] pair : m.symmetries().reflection()) {
        ints(refl.addObject().putArray("kp_indexes"), pair);
      }
      ArrayNode rot = s.putArray("rotation");
      for (RotationGroup g : m.symmetries().rotation()) {
        ObjectNode go = rot.addObject();
        ints(go.putArray("kp_indexes"), g.kpIndexes());
        go.put("is_circle", g.isCircle());
        ObjectNode c = go.putObject("circle");
        if (g.isCircle()) {
          doubles(c.putArray("center"), g.center());
          c.put("radius", g.radius());
          doubles(c.putArray("normal"), g.normal());
        }
      }
    }
    return JsonFields.toCompactBytes(arr);
  }

  /** Writes the models to {@code relPath} (e.g. "annotations/chair.json"). */
  public static void write(DataSink sink, String relPath, List<ModelAnnotation> models)
      throws IOException {
    sink.write(relPath, toJson(models));
  }

  private static void doubles(ArrayNode a, double[] v) {
    for (double d : v) {
      a.add(d);
    }
  }

  private static void ints(ArrayNode a, int[] v) {
    for (int i : v) {
      a.add(i);
    }
  }
}
