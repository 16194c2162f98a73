package org.semcycle.datasets.keypointnet;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.DataRoot;
import org.semcycle.io.JsonFields;

/**
 * Reads KeypointNet's {@code annotations/<class>.json}: a JSON array of models {@code {class_id,
 * model_id, keypoints: [{xyz, rgb, semantic_id, pcd_info: {point_index}, mesh_info: {face_index,
 * face_uv}}], symmetries: {reflection: [{kp_indexes}], rotation: [{kp_indexes, is_circle,
 * circle: {center, radius, normal}}]}}}. Jackson tree model. Every keypoint field is required
 * and typed ({@code rgb} integers 0..255); a missing {@code symmetries}, or a missing
 * {@code reflection} / {@code rotation} inside it, means none; {@code circle} is required when
 * {@code is_circle} is true and not read otherwise (KeypointNet writes {@code "circle": {}}). {@code kp_indexes} must index the model's keypoint list. Errors name
 * the file, the model (index and model_id), the keypoint or symmetry, and the field.
 */
public final class AnnotationReader {
  private AnnotationReader() {}

  /** Reads {@code relPath} (e.g. "annotations/chair.json") below the root. */
  public static List<ModelAnnotation> read(DataRoot root, String relPath) {
    return parse(root.readUtf8(relPath), root.describe(relPath));
  }

  /** Parses annotation JSON text; {@code source} names the file in errors. */
  public static List<ModelAnnotation> parse(String json, String source) {
    JsonNode arr = JsonFields.parse(json, source);
    if (!arr.isArray()) {
      throw new DataFormatException(source, "expected a JSON array of models, found " + arr.getNodeType());
    }
    List<ModelAnnotation> out = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      out.add(model(arr.get(i), new JsonFields(source, "model " + i)));
    }
    return out;
  }

  private static ModelAnnotation model(JsonNode m, JsonFields f) {
    String modelId = f.text(m, "model_id");
    f = f.in("(model_id " + modelId + ")");
    String classId = f.text(m, "class_id");
    JsonNode kps = f.array(m, "keypoints");
    List<Keypoint> keypoints = new ArrayList<>(kps.size());
    for (int k = 0; k < kps.size(); k++) {
      keypoints.add(keypoint(kps.get(k), f.in("keypoint " + k)));
    }
    Symmetries sym = Symmetries.NONE;
    JsonNode s = m.get("symmetries");
    if (s != null && !s.isNull()) {
      sym = symmetries(f.object(m, "symmetries"), f.in("symmetries"), keypoints.size());
    }
    return new ModelAnnotation(classId, modelId, keypoints, sym);
  }

  private static Keypoint keypoint(JsonNode k, JsonFields f) {
    double[] xyz = f.doubles(k, "xyz", 3);
    int[] rgb = f.integers(k, "rgb", 3);
    for (int c : rgb) {
      if (c < 0 || c > 255) {
        throw f.error("rgb", "values should be 0..255, found " + c);
      }
    }
    int semantic = f.integer(k, "semantic_id");
    int point = f.integer(f.object(k, "pcd_info"), "point_index");
    JsonNode mesh = f.object(k, "mesh_info");
    JsonFields mf = f.in("mesh_info");
    return new Keypoint(xyz, rgb, semantic, point, mf.integer(mesh, "face_index"),
        mf.doubles(mesh, "face_uv", 3));
  }

  private static Symmetries symmetries(JsonNode s, JsonFields f, int nKeypoints) {
    List<int[]> reflection = new ArrayList<>();
    if (present(s, "reflection")) {
      JsonNode r = f.array(s, "reflection");
      for (int i = 0; i < r.size(); i++) {
        JsonFields rf = f.in("reflection " + i);
        reflection.add(indexes(r.get(i), rf, nKeypoints));
      }
    }
    List<RotationGroup> rotation = new ArrayList<>();
    if (present(s, "rotation")) {
      JsonNode r = f.array(s, "rotation");
      for (int i = 0; i < r.size(); i++) {
        rotation.add(rotation(r.get(i), f.in("rotation " + i), nKeypoints));
      }
    }
    return new Symmetries(reflection, rotation);
  }

  private static RotationGroup rotation(JsonNode r, JsonFields f, int nKeypoints) {
    int[] idx = indexes(r, f, nKeypoints);
    boolean circle = f.bool(r, "is_circle");
    if (!circle) {
      return new RotationGroup(idx, false, null, 0, null);
    }
    JsonNode c = f.object(r, "circle");
    JsonFields cf = f.in("circle");
    return new RotationGroup(idx, true, cf.doubles(c, "center", 3), cf.number(c, "radius"),
        cf.doubles(c, "normal", 3));
  }

  private static int[] indexes(JsonNode o, JsonFields f, int nKeypoints) {
    int[] idx = f.integers(o, "kp_indexes", -1);
    for (int i : idx) {
      if (i < 0 || i >= nKeypoints) {
        throw f.error("kp_indexes", "index " + i + " out of range (model has " + nKeypoints + " keypoints)");
      }
    }
    return idx;
  }

  private static boolean present(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n != null && !n.isNull();
  }
}
