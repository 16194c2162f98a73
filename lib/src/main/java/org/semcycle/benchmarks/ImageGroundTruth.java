package org.semcycle.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.semcycle.io.DataRoot;
import org.semcycle.io.JsonFields;
import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Extrinsics;
import org.semcycle.rendering.camera.Intrinsics;

/**
 * One image's {@code semcycle_gt/<cat>/<id>.json} as written by {@link GroundTruthJson}: what the
 * cycle's ground-truth settings need (the model's ids, the true camera, the true 2.5D maps'
 * paths relative to the set's root) and the 2D keypoints.
 */
public record ImageGroundTruth(
    String imageId,
    String category,
    String synset,
    String modelId,
    int width,
    int height,
    double fov,
    double[] intrinsics,
    double[] extrinsics,
    double[] bbox,
    List<BenchmarkKeypoint> keypoints,
    String depthPath,
    double depthMin,
    double depthMax,
    String normalsPath,
    String silhouettePath)
    implements Serializable {

  /** {@code semcycle_gt/<category>/<imageId>.json} */
  public static String path(String category, String imageId) {
    return BenchmarkLayout.GROUND_TRUTH + "/" + category + "/" + imageId + ".json";
  }

  /** Reads and checks one ground-truth file below a set's root. */
  public static ImageGroundTruth read(DataRoot root, String relPath) {
    return parse(root.readUtf8(relPath, 16L << 20), root.describe(relPath));
  }

  /** Parses a ground-truth JSON; {@code source} names it in errors. */
  public static ImageGroundTruth parse(String json, String source) {
    JsonFields f = new JsonFields(source, "");
    JsonNode o = JsonFields.parse(json, source);
    double[] size = f.doubles(o, "img_size", 2);
    double[] k = flatten(f, o, "intrinsics", 3, 3);
    double[] rt = flatten(f, o, "extrinsics", 3, 4);
    List<BenchmarkKeypoint> kps = new ArrayList<>();
    JsonNode arr = f.require(o, "keypoints");
    for (int i = 0; i < arr.size(); i++) {
      JsonNode n = arr.get(i);
      kps.add(new BenchmarkKeypoint(f.integer(n, "semantic_id"),
          f.optNumber(n, "x", Double.NaN), f.optNumber(n, "y", Double.NaN),
          f.optNumber(n, "depth", Double.NaN), f.flag(n, "visible"),
          f.optFlag(n, "hidden_by_occluder", false)));
    }
    return new ImageGroundTruth(f.text(o, "image_id"), f.text(o, "category"),
        f.text(o, "synset"), f.text(o, "model_id"), (int) size[0], (int) size[1],
        f.number(o, "fov"), k, rt, f.doubles(o, "bbox", 4), kps, f.text(o, "depth"),
        f.number(o, "depth_min"), f.number(o, "depth_max"), f.text(o, "normals"),
        f.text(o, "silhouette"));
  }

  /** The true camera in the image's pixels. */
  public Camera camera() {
    Intrinsics in = new Intrinsics(width, height, intrinsics[0], intrinsics[2], intrinsics[5]);
    double[] r = {extrinsics[0], extrinsics[1], extrinsics[2], extrinsics[4], extrinsics[5],
        extrinsics[6], extrinsics[8], extrinsics[9], extrinsics[10]};
    double[] t = {extrinsics[3], extrinsics[7], extrinsics[11]};
    return new Camera(in, new Extrinsics(r, t));
  }

  private static double[] flatten(JsonFields f, JsonNode o, String field, int rows, int cols) {
    JsonNode m = f.require(o, field);
    if (!m.isArray() || m.size() != rows) {
      throw f.error(field, "expected " + rows + " rows");
    }
    double[] out = new double[rows * cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(f.toDoubles(m.get(r), field, cols), 0, out, r * cols, cols);
    }
    return out;
  }
}
