package org.semcycle.datasets.pix3d;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.semcycle.io.DataSink;
import org.semcycle.io.JsonFields;

/**
 * Writes Pix3D's layout: {@code pix3d.json} (Jackson; fields in Pix3D's order, integral numbers
 * without a fraction) and the 3D keypoint text files. Images, masks and models are written by
 * the caller as bytes through the same {@link DataSink}, at the paths the records name.
 */
public final class Pix3dWriter {
  private final DataSink sink;

  public Pix3dWriter(DataSink sink) {
    this.sink = sink;
  }

  /** Writes {@code pix3d.json} at the sink's root. */
  public void writeIndex(List<Pix3dRecord> records) throws IOException {
    sink.write(Pix3dReader.INDEX, toJson(records));
  }

  /** Writes a 3D keypoint file (M lines {@code x y z}) at a relative path. */
  public void write3dKeypoints(String relPath, double[][] xyz) throws IOException {
    sink.write(relPath, Pix3dKeypointFile.toBytes(xyz));
  }

  /** The bytes of a {@code pix3d.json} holding the records, in order. */
  public static byte[] toJson(List<Pix3dRecord> records) {
    ArrayNode top = JsonFields.nodes().arrayNode();
    for (Pix3dRecord r : records) {
      top.add(toNode(r));
    }
    return JsonFields.toBytes(top);
  }

  static ObjectNode toNode(Pix3dRecord r) {
    ObjectNode o = JsonFields.nodes().objectNode();
    o.put("img", r.img());
    o.put("category", r.category());
    o.set("img_size", JsonFields.numbers(r.width(), r.height()));
    ArrayNode kps = o.putArray("2d_keypoints");
    for (double[][] annotator : r.keypoints2d()) {
      ArrayNode a = kps.addArray();
      for (double[] p : annotator) {
        a.add(JsonFields.numbers(p));
      }
    }
    putPath(o, "mask", r.mask());
    o.put("model", r.model());
    putPath(o, "3d_keypoints", r.keypoints3d());
    putPath(o, "voxel", r.voxel());
    ArrayNode rot = o.putArray("rot_mat");
    for (double[] row : r.rotMat()) {
      rot.add(JsonFields.numbers(row));
    }
    o.set("trans_mat", JsonFields.numbers(r.transMat()));
    o.set("focal_length", JsonFields.number(r.focalLength()));
    if (r.camPosition() != null) {
      o.set("cam_position", JsonFields.numbers(r.camPosition()));
    }
    o.set("inplane_rotation", JsonFields.number(r.inplaneRotation()));
    o.put("truncated", r.truncated());
    o.put("occluded", r.occluded());
    o.put("slightly_occluded", r.slightlyOccluded());
    o.set("bbox", JsonFields.numbers(r.bbox()));
    return o;
  }

  private static void putPath(ObjectNode o, String field, String path) {
    if (path != null) {
      o.put(field, path);
    }
  }
}
