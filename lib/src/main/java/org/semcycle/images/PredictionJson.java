package org.semcycle.images;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.semcycle.cycle.CycleResult;
import org.semcycle.cycle.PredictedKeypoint;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;
import org.semcycle.io.JsonFields;
import org.semcycle.rendering.camera.Viewpoint;

/**
 * One image's answer as JSON (one line per image): the image, its category, the object's box,
 * the viewpoint (azimuth, elevation in degrees, distance in object units, of the crop camera
 * after fine-tuning), the fitted silhouette's soft IoU, and every keypoint with its id, its name
 * in the vocabulary, its position in the original image's pixels, whether it is visible and the
 * transfer's confidence. A failed image is {@code {"image": ..., "error": reason}}.
 */
public final class PredictionJson {
  private PredictionJson() {}

  public static ObjectNode of(String image, KeypointVocabulary.Category category, CycleResult r) {
    ObjectNode o = JsonFields.nodes().objectNode();
    o.put("image", image);
    o.put("category", category.name());
    ArrayNode box = o.putArray("box");
    for (double v : r.box()) {
      box.add(round(v));
    }
    Viewpoint v = r.viewpoint();
    if (v != null) {
      ObjectNode vp = o.putObject("viewpoint");
      vp.put("azimuth", round(v.azimuth()));
      vp.put("elevation", round(v.elevation()));
      vp.put("distance", round(v.distance()));
    }
    if (Double.isFinite(r.fitIou())) {
      o.put("fit_iou", round(r.fitIou()));
    }
    ArrayNode kps = o.putArray("keypoints");
    for (PredictedKeypoint k : r.keypoints()) {
      ObjectNode n = kps.addObject();
      n.put("id", k.semanticId());
      n.put("name", category.name(k.semanticId()));
      if (Double.isFinite(k.x()) && Double.isFinite(k.y())) {
        n.put("x", round(k.x()));
        n.put("y", round(k.y()));
      } else {
        n.putNull("x");
        n.putNull("y");
      }
      n.put("visible", k.visible());
      n.put("confidence", round(k.confidence()));
    }
    return o;
  }

  public static ObjectNode error(String image, String reason) {
    ObjectNode o = JsonFields.nodes().objectNode();
    o.put("image", image);
    o.put("error", reason);
    return o;
  }

  /** Names by id of a category's vocabulary, for overlays. */
  public static Map<Integer, String> names(KeypointVocabulary.Category c) {
    return new LinkedHashMap<>(c.names());
  }

  /** The JSON of a list of answers, one object a line. */
  public static String lines(List<ObjectNode> answers) {
    StringBuilder sb = new StringBuilder();
    for (ObjectNode o : answers) {
      sb.append(o.toString()).append('\n');
    }
    return sb.toString();
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
