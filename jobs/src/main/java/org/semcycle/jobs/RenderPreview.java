package org.semcycle.jobs;

import org.semcycle.spark.JobOutput;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.semcycle.rendering.ContactSheet;
import org.semcycle.rendering.FloatImage;
import org.semcycle.rendering.ImageCodec;
import org.semcycle.rendering.ProjectedKeypoint;
import org.semcycle.spark.HadoopDataSink;
import org.semcycle.spark.Locations;

/**
 * Side outputs of the render job for people and for tools without Parquet: summary.json (counts),
 * views.csv (one line a view, no images), and preview.png (a contact sheet of N views: RGB with
 * keypoints, depth, normals, silhouette).
 */
public final class RenderPreview {
  private RenderPreview() {}

  public static void writeSummary(SparkSession spark, String out, RenderJob.Summary s) {
    ObjectNode n = new ObjectMapper().createObjectNode();
    n.put("models", s.models());
    n.put("views", s.views());
    n.put("voxels", s.voxels());
    n.put("rejects", s.rejects());
    n.put("seconds", s.seconds());
    write(spark, out, "summary.json", n.toPrettyString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    JobOutput.singleCsv(spark, spark
        .read()
        .parquet(out + "/views")
        .selectExpr(
            "synset", "model_id", "split", "view_id", "azimuth", "elevation", "distance", "in_plane",
            "size(filter(keypoints, k -> k.visible)) as visible_keypoints", "size(keypoints) as keypoints")
        .orderBy("synset", "model_id", "view_id"), out + "/views.csv");
  }

  /** A contact sheet of {@code n} views spread over categories and models (a fixed hash order). */
  public static void write(SparkSession spark, String out, int n) {
    List<Row> rows =
        spark
            .read()
            .parquet(out + "/views")
            .orderBy(org.apache.spark.sql.functions.expr("xxhash64(synset, model_id, view_id)"))
            .limit(n)
            .select("synset", "model_id", "view_id", "rgb", "depth", "depth_min", "depth_max", "normal", "silhouette", "keypoints")
            .collectAsList();
    ContactSheet sheet = new ContactSheet(4, 128, 128);
    for (Row r : rows) {
      String label = r.getString(0) + "/" + r.getString(1).substring(0, 6) + " v" + r.getInt(2);
      List<Row> kps = r.getList(9);
      List<ProjectedKeypoint> pts = new ArrayList<>();
      int[] ids = new int[kps.size()];
      for (int i = 0; i < kps.size(); i++) {
        Row k = kps.get(i);
        ids[i] = k.getInt(0);
        pts.add(new ProjectedKeypoint(k.getDouble(1), k.getDouble(2), k.getDouble(3), k.getBoolean(4)));
      }
      sheet.addKeypoints(label + " rgb", png((byte[]) r.get(3)), pts, ids);
      FloatImage d = ImageCodec.decodeDepth((byte[]) r.get(4), r.getDouble(5), r.getDouble(6), label);
      sheet.add("depth", ContactSheet.depthImage(d.data(), d.width(), d.height()));
      sheet.add("normals", png((byte[]) r.get(7)));
      sheet.add("silhouette", png((byte[]) r.get(8)));
    }
    write(spark, out, "preview.png", sheet.toPng());
  }

  static BufferedImage png(byte[] bytes) {
    try {
      return ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(SparkSession spark, String out, String name, byte[] bytes) {
    JobOutput.bytes(Locations.sink(spark, out), name, bytes);
  }
}
