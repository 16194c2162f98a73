package org.semcycle.jobs;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.semcycle.evaluation.GroundTruthReject;
import org.semcycle.evaluation.GroundTruthRow;
import org.semcycle.evaluation.PckRow;
import org.semcycle.evaluation.UnitConditions;
import org.semcycle.evaluation.VisibilityTruth;
import scala.collection.immutable.Seq;

/**
 * Schemas of the evaluate job's tables and their conversions (docs/TABLES.md, "evaluate").
 * {@code set_root} is the qualified location of the set the ground truth came from (image paths
 * are relative to it).
 */
public final class EvaluationTables {
  private EvaluationTables() {}

  /** The predictions columns evaluate reads (docs/TABLES.md). */
  public static final List<String> PREDICTION_COLUMNS =
      List.of("dataset", "category", "image_id", "pair_id", "method", "setting", "keypoint_id", "x", "y", "visible");

  public static final StructType GROUND_TRUTH = createStructType(List.of(
      createStructField("dataset", StringType, false),
      createStructField("category", StringType, false),
      createStructField("image_id", StringType, false),
      createStructField("pair_id", StringType, true),
      createStructField("keypoint_id", IntegerType, false),
      createStructField("gt_x", DoubleType, false),
      createStructField("gt_y", DoubleType, false),
      createStructField("tau_img", DoubleType, false),
      createStructField("tau_bbox", DoubleType, false),
      createStructField("viewpoint_variation", IntegerType, true),
      createStructField("scale_variation", IntegerType, true),
      createStructField("truncation", IntegerType, true),
      createStructField("occlusion", IntegerType, true),
      createStructField("truncated", BooleanType, true),
      createStructField("occluded", BooleanType, true),
      createStructField("partner_x", DoubleType, false),
      createStructField("partner_y", DoubleType, false),
      createStructField("image_path", StringType, false),
      createStructField("set_root", StringType, false)));

  /** Every keypoint of each image's model with its true visibility (semcycle_gt). */
  public static final StructType VISIBILITY_TRUTH = createStructType(List.of(
      createStructField("dataset", StringType, false),
      createStructField("category", StringType, false),
      createStructField("image_id", StringType, false),
      createStructField("keypoint_id", IntegerType, false),
      createStructField("true_visible", BooleanType, false)));

  /** Predicted visibility against the truth, per run (single-image predictions). */
  public static final StructType VISIBILITY = createStructType(List.of(
      createStructField("dataset", StringType, false),
      createStructField("category", StringType, false),
      createStructField("method", StringType, false),
      createStructField("setting", StringType, false),
      createStructField("true_positives", LongType, false),
      createStructField("false_positives", LongType, false),
      createStructField("false_negatives", LongType, false),
      createStructField("true_negatives", LongType, false),
      createStructField("precision", DoubleType, false),
      createStructField("recall", DoubleType, false)));

  /** What evaluate reads of infer's rejects (docs/TABLES.md, "infer"). */
  public static final StructType INFER_REJECT_KEYS = createStructType(List.of(
      createStructField("dataset", StringType, false),
      createStructField("category", StringType, true),
      createStructField("image_id", StringType, true),
      createStructField("pair_id", StringType, true),
      createStructField("method", StringType, true),
      createStructField("setting", StringType, true)));

  public static final StructType REJECTS = createStructType(List.of(
      createStructField("dataset", StringType, false),
      createStructField("category", StringType, true),
      createStructField("image_id", StringType, true),
      createStructField("pair_id", StringType, true),
      createStructField("reason", StringType, false)));

  public static final StructType PCK = createStructType(List.of(
      createStructField("dataset", StringType, false),
      createStructField("category", StringType, false),
      createStructField("keypoint_id", IntegerType, true),
      createStructField("method", StringType, false),
      createStructField("setting", StringType, false),
      createStructField("protocol", StringType, false),
      createStructField("unit", StringType, false),
      createStructField("tau", StringType, false),
      createStructField("alpha", DoubleType, false),
      createStructField("averaging", StringType, false),
      createStructField("pck", DoubleType, false),
      createStructField("keypoints", LongType, false),
      createStructField("units", LongType, false),
      createStructField("missing", LongType, false),
      createStructField("rejected", LongType, false),
      createStructField("breakdown", StringType, false),
      createStructField("subset", StringType, false),
      createStructField("flip_rate", DoubleType, false)));

  public static Row row(GroundTruthRow g, String setRoot) {
    UnitConditions c = g.conditions();
    return RowFactory.create(g.dataset(), g.category(), g.imageId(), g.pairId(), g.keypointId(), g.x(), g.y(),
        g.tauImg(), g.tauBbox(), c.viewpointVariation(), c.scaleVariation(), c.truncation(), c.occlusion(),
        c.truncated(), c.occluded(), g.partnerX(), g.partnerY(), g.imagePath(), setRoot);
  }

  public static Row row(VisibilityTruth v) {
    return RowFactory.create(v.dataset(), v.category(), v.imageId(), v.keypointId(), v.visible());
  }

  public static Row row(GroundTruthReject r) {
    return RowFactory.create(r.dataset(), r.category(), r.imageId(), r.pairId(), r.reason());
  }

  public static Row row(PckRow r) {
    return RowFactory.create(r.dataset(), r.category(), r.keypointId(), r.method(), r.setting(), r.protocol(), r.unit(),
        r.tau(), r.alpha(), r.averaging(), r.pck(), r.keypoints(), r.units(), r.missing(), r.rejected(),
        r.breakdown(), r.subset(), r.flipRate());
  }

  public static PckRow pck(Row r) {
    return new PckRow(
        r.getAs("dataset"), r.getAs("category"), r.getAs("keypoint_id"), r.getAs("method"), r.getAs("setting"),
        r.getAs("protocol"), r.getAs("unit"), r.getAs("tau"), r.<Double>getAs("alpha"), r.getAs("averaging"),
        r.<Double>getAs("pck"), r.<Long>getAs("keypoints"), r.<Long>getAs("units"), r.<Long>getAs("missing"),
        r.<Long>getAs("rejected"), r.getAs("breakdown"), r.getAs("subset"), r.<Double>getAs("flip_rate"));
  }

  /** CSV of PCK rows (header = {@link #PCK}'s names; empty cells for nulls). */
  public static String pckCsv(List<PckRow> rows) {
    StringBuilder sb = new StringBuilder(String.join(",", PCK.fieldNames())).append('\n');
    for (PckRow r : rows) {
      sb.append(r.dataset()).append(',').append(r.category()).append(',')
          .append(r.keypointId() == null ? "" : r.keypointId()).append(',')
          .append(r.method()).append(',').append(r.setting()).append(',').append(r.protocol()).append(',')
          .append(r.unit()).append(',').append(r.tau()).append(',')
          .append(String.format(java.util.Locale.ROOT, "%.2f,%s,%.6f", r.alpha(), r.averaging(), r.pck())).append(',')
          .append(r.keypoints()).append(',').append(r.units()).append(',').append(r.missing()).append(',')
          .append(r.rejected()).append(',').append(r.breakdown()).append(',').append(r.subset()).append(',')
          .append(Double.isNaN(r.flipRate()) ? "" : String.format(java.util.Locale.ROOT, "%.6f", r.flipRate()))
          .append('\n');
    }
    return sb.toString();
  }

  /** A Scala Seq of column names, for multi-column joins. */
  public static Seq<String> seq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(new ArrayList<>(List.of(names))).toList();
  }
}
