package org.semcycle.datasets.spair;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.semcycle.io.DataRoot;
import org.semcycle.io.DataSink;
import org.semcycle.io.JsonFields;

/**
 * Writes SPair-71k's layout through a {@link DataSink}: image annotations, pair annotations and
 * split lists (JSON by Jackson; integral numbers without a fraction; flags as 0/1 integers as
 * SPair has them). Images and segmentations are written by the caller at {@link
 * SpairLayout#image} / {@link SpairLayout#segmentation}.
 */
public final class SpairWriter {
  private final DataSink sink;

  public SpairWriter(DataSink sink) {
    this.sink = sink;
  }

  /** Writes {@code ImageAnnotation/<cat>/<imgid>.json}. */
  public void writeImageAnnotation(SpairImageAnnotation a) throws IOException {
    sink.write(SpairLayout.imageAnnotation(a.category(), a.imageId()), imageAnnotationJson(a));
  }

  /** Writes {@code PairAnnotation/<split>/<pairname>.json}. */
  public void writePair(SpairSplit split, SpairPair p) throws IOException {
    sink.write(SpairLayout.pairAnnotation(split, p.name()), pairJson(p));
  }

  /** Writes {@code Layout/large/<split>.txt}, one pair name a line. */
  public void writeLayout(SpairSplit split, List<SpairPairName> names) throws IOException {
    sink.write(SpairLayout.layout(split), layoutBytes(names));
  }

  /** Bytes of a split list: one name a line, each ending with a newline. */
  public static byte[] layoutBytes(List<SpairPairName> names) {
    StringBuilder sb = new StringBuilder();
    for (SpairPairName n : names) {
      sb.append(n).append('\n');
    }
    return DataRoot.utf8(sb.toString());
  }

  /** Bytes of an image annotation JSON. */
  public static byte[] imageAnnotationJson(SpairImageAnnotation a) {
    ObjectNode o = JsonFields.nodes().objectNode();
    o.put("filename", a.filename());
    o.put("category", a.category());
    o.put("image_width", a.imageWidth());
    o.put("image_height", a.imageHeight());
    o.put("image_depth", a.imageDepth());
    o.put("pose", a.pose());
    o.put("truncated", a.truncated() ? 1 : 0);
    o.put("occluded", a.occluded() ? 1 : 0);
    o.put("difficult", a.difficult() ? 1 : 0);
    o.set("bndbox", JsonFields.numbers(a.bndbox()));
    o.put("azimuth_id", a.azimuthId());
    ObjectNode kps = o.putObject("kps");
    for (int i = 0; i < a.keypointCount(); i++) {
      double[] p = a.keypoint(i);
      if (p == null) {
        kps.putNull(Integer.toString(i));
      } else {
        kps.set(Integer.toString(i), JsonFields.numbers(p));
      }
    }
    return JsonFields.toBytes(o);
  }

  /** Bytes of a pair annotation JSON. */
  public static byte[] pairJson(SpairPair p) {
    ObjectNode o = JsonFields.nodes().objectNode();
    o.put("pair_id", p.pairId());
    o.put("filename", p.filename());
    o.put("src_imname", p.srcImname());
    o.put("trg_imname", p.trgImname());
    o.put("category", p.category());
    o.set("src_imsize", ints(p.srcImsize()));
    o.set("trg_imsize", ints(p.trgImsize()));
    o.set("src_bndbox", JsonFields.numbers(p.srcBndbox()));
    o.set("trg_bndbox", JsonFields.numbers(p.trgBndbox()));
    o.put("src_pose", p.srcPose());
    o.put("trg_pose", p.trgPose());
    o.set("src_kps", points(p.srcKps()));
    o.set("trg_kps", points(p.trgKps()));
    ArrayNode ids = o.putArray("kps_ids");
    p.kpsIds().forEach(ids::add);
    o.put("mirror", p.mirror());
    o.put("viewpoint_variation", p.viewpointVariation());
    o.put("scale_variation", p.scaleVariation());
    o.put("truncation", p.truncation());
    o.put("occlusion", p.occlusion());
    return JsonFields.toBytes(o);
  }

  private static ArrayNode ints(int[] v) {
    ArrayNode a = JsonFields.nodes().arrayNode();
    for (int x : v) {
      a.add(x);
    }
    return a;
  }

  private static ArrayNode points(double[][] pts) {
    ArrayNode a = JsonFields.nodes().arrayNode();
    for (double[] p : pts) {
      a.add(JsonFields.numbers(p));
    }
    return a;
  }
}
