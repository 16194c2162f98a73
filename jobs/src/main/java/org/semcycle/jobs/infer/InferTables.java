package org.semcycle.jobs.infer;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.semcycle.cycle.CycleResult;
import org.semcycle.cycle.PredictedKeypoint;
import org.semcycle.images.ImageTask;
import org.semcycle.rendering.camera.Viewpoint;
import org.semcycle.training.Metrics;

/** The infer job's tables (docs/TABLES.md): predictions, viewpoints, timings, rejects. */
public final class InferTables {
  private InferTables() {}

  public static final StructType PREDICTIONS = createStructType(List.of(
      createStructField("dataset", StringType, false),
      createStructField("category", StringType, false),
      createStructField("image_id", StringType, false),
      createStructField("pair_id", StringType, true),
      createStructField("method", StringType, false),
      createStructField("setting", StringType, false),
      createStructField("keypoint_id", IntegerType, false),
      createStructField("x", DoubleType, false),
      createStructField("y", DoubleType, false),
      createStructField("visible", BooleanType, false),
      createStructField("confidence", DoubleType, false)));

  /**
   * The crop camera's viewpoint per image and setting that predicts one (not the settings that
   * take the true camera): fitted (the initial one without fine-tuning), initial, the fit's soft
   * IoU, and, where the image's true camera is known, the true angles and the angle between the
   * viewing directions (degrees; in-plane rotation not counted).
   */
  public static final StructType VIEWPOINTS = createStructType(List.of(
      createStructField("dataset", StringType, false),
      createStructField("category", StringType, false),
      createStructField("image_id", StringType, false),
      createStructField("setting", StringType, false),
      createStructField("azimuth", DoubleType, false),
      createStructField("elevation", DoubleType, false),
      createStructField("distance", DoubleType, false),
      createStructField("initial_azimuth", DoubleType, false),
      createStructField("initial_elevation", DoubleType, false),
      createStructField("fit_iou", DoubleType, true),
      createStructField("true_azimuth", DoubleType, true),
      createStructField("true_elevation", DoubleType, true),
      createStructField("error_deg", DoubleType, true),
      createStructField("initial_error_deg", DoubleType, true)));

  public static final StructType TIMINGS = createStructType(List.of(
      createStructField("dataset", StringType, false),
      createStructField("category", StringType, false),
      createStructField("image_id", StringType, false),
      createStructField("pair_id", StringType, true),
      createStructField("setting", StringType, false),
      createStructField("stage", StringType, false),
      createStructField("ms", DoubleType, false)));

  public static final StructType REJECTS = createStructType(List.of(
      createStructField("dataset", StringType, false),
      createStructField("category", StringType, true),
      createStructField("image_id", StringType, false),
      createStructField("pair_id", StringType, true),
      createStructField("method", StringType, true),
      createStructField("setting", StringType, true),
      createStructField("reason", StringType, false)));

  /** The cycle's method name in the tables. */
  static final String CYCLE = "cycle-3d";

  static Row prediction(ImageTask t, String pairId, String method, String setting,
      PredictedKeypoint k) {
    return RowFactory.create(t.dataset(), t.category(), t.imageId(), pairId, method, setting,
        k.semanticId(), k.x(), k.y(), k.visible(), k.confidence());
  }

  /**
   * The viewpoint row of a result that predicted its camera ({@code r.viewpoint()} not null);
   * {@code truth} (the true camera's viewpoint) may be null.
   */
  static Row viewpoint(ImageTask t, CycleResult r, Viewpoint truth) {
    Viewpoint v = r.viewpoint();
    Viewpoint i = r.initialViewpoint();
    Double fitIou = Double.isNaN(r.fitIou()) ? null : r.fitIou();
    boolean known = truth != null;
    return RowFactory.create(t.dataset(), t.category(), t.imageId(), r.setting().label(), v.azimuth(),
        v.elevation(), v.distance(), i.azimuth(), i.elevation(), fitIou,
        known ? truth.azimuth() : null, known ? truth.elevation() : null,
        known ? Metrics.viewpointAngle(v.azimuth(), v.elevation(), truth.azimuth(), truth.elevation()) : null,
        known ? Metrics.viewpointAngle(i.azimuth(), i.elevation(), truth.azimuth(), truth.elevation()) : null);
  }

  static Row timing(ImageTask t, String pairId, String setting, String stage, double ms) {
    return RowFactory.create(t.dataset(), t.category(), t.imageId(), pairId, setting, stage, ms);
  }

  /** A reject of one cycle setting of an image, or of the whole image when {@code setting} is null. */
  static Row reject(ImageTask t, String setting, String reason) {
    return RowFactory.create(t.dataset(), t.category(), t.imageId(), null, setting == null ? null : CYCLE, setting,
        reason);
  }

  /**
   * A reject of a pair for one method and setting, or for every setting of the method when
   * {@code setting} is null.
   */
  static Row pairReject(String dataset, String category, String targetImageId, String pairId, String method,
      String setting, String reason) {
    return RowFactory.create(dataset, category, targetImageId, pairId, method, setting, reason);
  }

  /** An image the listing could not turn into a task: every method and setting. */
  static Row listingReject(String dataset, String key, String reason) {
    int slash = key.indexOf('/');
    return RowFactory.create(dataset, slash <= 0 ? null : key.substring(0, slash),
        key.substring(slash + 1), null, null, null, reason);
  }
}
