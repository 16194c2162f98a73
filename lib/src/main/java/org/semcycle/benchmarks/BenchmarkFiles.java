package org.semcycle.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.semcycle.datasets.keypointnet.Keypoint;
import org.semcycle.datasets.pfpascal.PfPascalAnnotation;
import org.semcycle.datasets.pfpascal.PfPascalWriter;
import org.semcycle.datasets.pix3d.Pix3dCamera;
import org.semcycle.datasets.pix3d.Pix3dKeypointFile;
import org.semcycle.datasets.pix3d.Pix3dRecord;
import org.semcycle.datasets.shapenet.MtlWriter;
import org.semcycle.datasets.shapenet.ObjWriter;
import org.semcycle.datasets.spair.SpairImageAnnotation;
import org.semcycle.datasets.spair.SpairLayout;
import org.semcycle.datasets.spair.SpairPairs;
import org.semcycle.datasets.spair.SpairWriter;
import org.semcycle.geometry.Mesh;
import org.semcycle.io.DataRoot;
import org.semcycle.io.DataSink;

/**
 * Writes the per-image and per-model files of the evaluation sets through a {@link DataSink}
 * rooted at OUT (executor side; the index files are {@link BenchmarkIndex}'s), and builds each
 * format's annotation of a record, so that executors and the driver agree on them.
 *
 * <ul>
 *   <li>pix3d: {@code img/<cat>/<id>.jpg}, {@code mask/<cat>/<id>.png}; per model {@code
 *       model/<cat>/<model>/model.obj} + {@code model.mtl} (the mesh as read, textures
 *       dropped), {@code 3d_keypoints.txt} and the sidecar {@code 3d_keypoints_ids.txt}.
 *   <li>spair: {@code JPEGImages/<voc cat>/<id>.jpg}, {@code Segmentation/<voc cat>/<id>.png}
 *       (the visible mask), {@code ImageAnnotation/<voc cat>/<id>.json}.
 *   <li>pfpascal, as released: {@code PF-dataset-PASCAL/JPEGImages/<id>.jpg}, {@code
 *       PF-dataset-PASCAL/Annotations/<voc class>/<id>.mat} (categories without a VOC class are
 *       left out).
 *   <li>every set: {@code semcycle_gt/<cat>/<id>.json} and {@code <id>_{depth,normals,silhouette}.png}.
 * </ul>
 */
public final class BenchmarkFiles {
  private final DataSink out;
  private final BenchmarkSpec spec;

  public BenchmarkFiles(DataSink out, BenchmarkSpec spec) {
    this.out = out;
    this.spec = spec;
  }

  /** Whether a record goes into a set (PF-PASCAL needs a VOC class). */
  public static boolean included(BenchmarkFormat f, BenchmarkCategory c) {
    return f != BenchmarkFormat.PFPASCAL || c.vocClass() != null;
  }

  /** Writes one image's files in every requested set. */
  public void writeImage(EvaluationImage img) throws IOException {
    EvaluationRecord r = img.record();
    for (BenchmarkFormat f : spec.formats()) {
      if (!included(f, r.category())) {
        continue;
      }
      DataSink set = out.under(f.dir());
      String mask = null;
      switch (f) {
        case PIX3D -> {
          set.write(BenchmarkLayout.pix3dImage(r), img.jpeg());
          mask = BenchmarkLayout.pix3dMask(r);
          set.write(mask, img.maskPng());
        }
        case SPAIR -> {
          String cat = r.category().spairName();
          set.write(SpairLayout.image(cat, r.imageId()), img.jpeg());
          mask = SpairLayout.segmentation(cat, r.imageId());
          set.write(mask, img.maskPng());
          new SpairWriter(set).writeImageAnnotation(spairAnnotation(r));
        }
        case PFPASCAL -> {
          String image = BenchmarkLayout.pfPascalImage(r);
          set.write(image, img.jpeg());
          new PfPascalWriter(set).writeAnnotation(image, r.category().vocClass(), pfPascalAnnotation(r));
        }
        default -> throw new IllegalStateException(f.toString());
      }
      set.write(BenchmarkLayout.groundTruth(r), GroundTruthJson.toBytes(r, BenchmarkLayout.image(f, r), mask));
      set.write(BenchmarkLayout.groundTruthMap(r, "depth"), img.depthPng());
      set.write(BenchmarkLayout.groundTruthMap(r, "normals"), img.normalsPng());
      set.write(BenchmarkLayout.groundTruthMap(r, "silhouette"), img.silhouettePng());
    }
  }

  /**
   * Writes a model's Pix3D files (when Pix3D is requested): the mesh, its 3D keypoints (those
   * whose semantic id has a slot, in the annotation's order: Pix3D's M) and their semantic ids.
   */
  public void writeModel(BenchmarkCategory c, String modelId, Mesh mesh, List<Keypoint> keypoints) throws IOException {
    if (!spec.formats().contains(BenchmarkFormat.PIX3D)) {
      return;
    }
    DataSink set = out.under(BenchmarkFormat.PIX3D.dir());
    set.write(BenchmarkLayout.pix3dModel(c, modelId), DataRoot.utf8(ObjWriter.toObj(mesh, "model.mtl")));
    set.write(BenchmarkLayout.pix3dModelDir(c, modelId) + "/model.mtl", DataRoot.utf8(MtlWriter.toMtl(mesh.materials())));
    List<double[]> xyz = new ArrayList<>();
    StringBuilder ids = new StringBuilder();
    for (Keypoint k : slotted(c, keypoints)) {
      xyz.add(k.xyz());
      ids.append(k.semanticId()).append('\n');
    }
    set.write(BenchmarkLayout.pix3dKeypoints3d(c, modelId), Pix3dKeypointFile.toBytes(xyz.toArray(new double[0][])));
    set.write(BenchmarkLayout.pix3dKeypointIds(c, modelId), DataRoot.utf8(ids.toString()));
  }

  /** The keypoints the sets keep: semantic id in 0..slots-1, in the annotation's order. */
  public static List<Keypoint> slotted(BenchmarkCategory c, List<Keypoint> keypoints) {
    List<Keypoint> out = new ArrayList<>();
    for (Keypoint k : keypoints) {
      if (k.semanticId() >= 0 && k.semanticId() < c.keypointSlots()) {
        out.add(k);
      }
    }
    return out;
  }

  /** Keypoints by semantic id (slots), {@code null} where absent or not visible. */
  static double[][] bySlot(EvaluationRecord r) {
    double[][] out = new double[r.category().keypointSlots()][];
    for (BenchmarkKeypoint k : r.keypoints()) {
      if (k.visible() && out[k.semanticId()] == null) {
        out[k.semanticId()] = new double[] {k.x(), k.y()};
      }
    }
    return out;
  }

  /** SPair's image annotation: kps "0".."slots-1" by semantic id, null when not visible. */
  public static SpairImageAnnotation spairAnnotation(EvaluationRecord r) {
    return new SpairImageAnnotation(
        r.imageId() + ".jpg",
        r.category().spairName(),
        r.width(),
        r.height(),
        3,
        "",
        r.truncated(),
        r.occluded(),
        false,
        r.bbox(),
        SpairPairs.azimuthBin(r.azimuth()),
        Arrays.asList(bySlot(r)));
  }

  /** PF-PASCAL's annotation: one row per semantic id, NaN rows when not visible (0-based here). */
  public static PfPascalAnnotation pfPascalAnnotation(EvaluationRecord r) {
    double[][] slots = bySlot(r);
    double[][] kps = new double[slots.length][];
    for (int i = 0; i < slots.length; i++) {
      kps[i] = slots[i] != null ? slots[i] : new double[] {Double.NaN, Double.NaN};
    }
    return new PfPascalAnnotation(kps, r.bbox());
  }

  /**
   * Pix3D's record: camera from {@link Pix3dCamera#fromPinhole} (principal point at the centre:
   * Pix3D has no other; on truncated images the shift is only in {@code semcycle_gt}), 1
   * annotator x M keypoints, {@code [-1, -1]} when not visible; occluded when at least {@link
   * EvaluationRecord#SLIGHT_OCCLUSION} of the object is covered, slightly occluded below.
   */
  public static Pix3dRecord pix3dRecord(EvaluationRecord r) {
    double[] e = r.extrinsics();
    double[][] rot = {{e[0], e[1], e[2]}, {e[4], e[5], e[6]}, {e[8], e[9], e[10]}};
    double[] t = {e[3], e[7], e[11]};
    double f = r.intrinsics()[0];
    Pix3dCamera cam = Pix3dCamera.fromPinhole(f, r.width(), r.height(), rot, t, Math.toRadians(r.inPlane()));
    double[][] kps = new double[r.keypoints().size()][];
    for (int i = 0; i < kps.length; i++) {
      BenchmarkKeypoint k = r.keypoints().get(i);
      kps[i] = k.visible() ? new double[] {k.x(), k.y()} : new double[] {-1, -1};
    }
    BenchmarkCategory c = r.category();
    double[] pos = r.viewpoint().cameraPosition().toArray();
    return new Pix3dRecord(
        BenchmarkLayout.pix3dImage(r),
        c.name(),
        new int[] {r.width(), r.height()},
        new double[][][] {kps},
        BenchmarkLayout.pix3dMask(r),
        BenchmarkLayout.pix3dModel(c, r.modelId()),
        BenchmarkLayout.pix3dKeypoints3d(c, r.modelId()),
        null,
        cam.rotMat(),
        cam.transMat(),
        cam.focalLength(),
        pos,
        cam.inplaneRotation(),
        r.truncated(),
        r.occludedFraction() >= EvaluationRecord.SLIGHT_OCCLUSION,
        r.occludedFraction() > 0 && r.occludedFraction() < EvaluationRecord.SLIGHT_OCCLUSION,
        r.bbox());
  }
}
