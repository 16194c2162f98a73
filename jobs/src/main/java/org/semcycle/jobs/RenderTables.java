package org.semcycle.jobs;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.semcycle.rendering.dataset.ViewKeypoint;
import org.semcycle.rendering.dataset.RenderedView;

/** Schemas of the render job's Parquet tables and the conversions of lib records to rows. */
public final class RenderTables {
  private RenderTables() {}

  public static final StructType KEYPOINT =
      createStructType(
          List.of(
              createStructField("semantic_id", IntegerType, false),
              createStructField("x", DoubleType, false),
              createStructField("y", DoubleType, false),
              createStructField("depth", DoubleType, false),
              createStructField("visible", BooleanType, false)));

  public static final StructType VIEWS =
      createStructType(
          List.of(
              createStructField("synset", StringType, false),
              createStructField("model_id", StringType, false),
              createStructField("split", StringType, true),
              createStructField("view_id", IntegerType, false),
              createStructField("azimuth", DoubleType, false),
              createStructField("elevation", DoubleType, false),
              createStructField("distance", DoubleType, false),
              createStructField("in_plane", DoubleType, false),
              createStructField("fov", DoubleType, false),
              createStructField("image_size", IntegerType, false),
              createStructField("intrinsics", createArrayType(DoubleType, false), false),
              createStructField("extrinsics", createArrayType(DoubleType, false), false),
              createStructField("rgb", BinaryType, false),
              createStructField("depth", BinaryType, false),
              createStructField("depth_min", DoubleType, false),
              createStructField("depth_max", DoubleType, false),
              createStructField("normal", BinaryType, false),
              createStructField("silhouette", BinaryType, false),
              createStructField("keypoints", createArrayType(KEYPOINT, false), false)));

  public static final StructType VOXELS =
      createStructType(
          List.of(
              createStructField("synset", StringType, false),
              createStructField("model_id", StringType, false),
              createStructField("split", StringType, true),
              createStructField("resolution", IntegerType, false),
              createStructField("occupied", IntegerType, false),
              createStructField("occupancy", BinaryType, false)));

  public static final StructType REJECTS =
      createStructType(
          List.of(
              createStructField("stage", StringType, false),
              createStructField("synset", StringType, true),
              createStructField("model_id", StringType, true),
              createStructField("path", StringType, true),
              createStructField("reason", StringType, false)));

  /** A view as a row of {@link #VIEWS} (Spark 4's encoders take arrays, not java.util.List). */
  public static Row viewRow(RenderedView v, String split) {
    Row[] kps = new Row[v.keypoints().size()];
    for (int i = 0; i < kps.length; i++) {
      ViewKeypoint k = v.keypoints().get(i);
      kps[i] = RowFactory.create(k.semanticId(), k.x(), k.y(), k.depth(), k.visible());
    }
    return RowFactory.create(
        v.synset(),
        v.modelId(),
        split,
        v.viewId(),
        v.viewpoint().azimuth(),
        v.viewpoint().elevation(),
        v.viewpoint().distance(),
        v.viewpoint().inPlane(),
        v.fov(),
        v.imageSize(),
        v.intrinsics().clone(),
        v.extrinsics().clone(),
        v.rgbPng(),
        v.depthPng(),
        v.depthMin(),
        v.depthMax(),
        v.normalPng(),
        v.silhouettePng(),
        kps);
  }

  public static Row rejectRow(String stage, String synset, String modelId, String path, String reason) {
    return RowFactory.create(stage, synset, modelId, path, reason);
  }
}
