package org.semcycle.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Where a command's ShapeNetCore and KeypointNet data are. The user gives either a synth output
 * folder (holding ShapeNetCore.v2/ and KeypointNet/) or the data sets' own roots; this resolves
 * both the same way for every command.
 *
 * @param shapes the ShapeNetCore v2 root
 * @param keypoints the KeypointNet root, or null when none was given or found
 */
public record DataSetRoots(HadoopDataRoot shapes, HadoopDataRoot keypoints) {
  public static final String SHAPENET_DIR = "ShapeNetCore.v2";
  public static final String KEYPOINTNET_DIR = "KeypointNet";

  /**
   * @param shapes a synth output folder or a ShapeNetCore v2 root
   * @param keypoints a KeypointNet root, or null for SHAPES/KeypointNet when present
   */
  public static DataSetRoots locate(SparkSession spark, String shapes, String keypoints) {
    HadoopDataRoot given = Locations.root(spark, shapes);
    HadoopDataRoot shapeRoot = given;
    HadoopDataRoot kpRoot = keypoints == null ? null : keypointNet(spark, keypoints);
    if (!given.list(SHAPENET_DIR).isEmpty()) {
      shapeRoot = Locations.root(spark, Locations.join(shapes, SHAPENET_DIR));
      if (kpRoot == null && !given.list(KEYPOINTNET_DIR).isEmpty()) {
        kpRoot = Locations.root(spark, Locations.join(shapes, KEYPOINTNET_DIR));
      }
    }
    return new DataSetRoots(shapeRoot, kpRoot);
  }

  /** A KeypointNet root, or the KeypointNet/ folder of a synth output folder. */
  public static HadoopDataRoot keypointNet(SparkSession spark, String location) {
    HadoopDataRoot root = Locations.root(spark, location);
    return root.list(KEYPOINTNET_DIR).isEmpty() ? root : Locations.root(spark, Locations.join(location, KEYPOINTNET_DIR));
  }
}
