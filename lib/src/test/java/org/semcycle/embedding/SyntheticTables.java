package org.semcycle.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.semcycle.datasets.keypointnet.Keypoint;
import org.semcycle.datasets.keypointnet.ModelAnnotation;
import org.semcycle.datasets.keypointnet.Symmetries;

/**
 * Test shapes: "tables" of varying proportions (a top slab on four square legs), scaled to a
 * bounding-box diagonal of 1 and centred. Eight keypoints: the top's corners (ids 0-3) and the
 * legs' feet (ids 4-7); a cloud's first 8 points are those keypoints exactly (as a KeypointNet
 * PCD point marked by pcd_info.point_index), the rest is sampled area-weighted on the boxes.
 */
final class SyntheticTables {
  static final String SYNSET = "04379243";

  /** One table: packed points, per-point labels, and its annotation. */
  record Table(float[] xyz, int[] labels, ModelAnnotation annotation) {}

  private SyntheticTables() {}

  /** Width (x), depth (z), height (y) before normalisation. */
  static Table table(String id, double w, double d, double h, int n, long seed) {
    double t = 0.06 * h + 0.02;
    double s = 0.08 * Math.min(w, d) + 0.02;
    List<double[]> boxes = new ArrayList<>();
    boxes.add(new double[] {-w / 2, h - t, -d / 2, w / 2, h, d / 2});
    for (int sx = -1; sx <= 1; sx += 2) {
      for (int sz = -1; sz <= 1; sz += 2) {
        double x0 = sx < 0 ? -w / 2 : w / 2 - s;
        double z0 = sz < 0 ? -d / 2 : d / 2 - s;
        boxes.add(new double[] {x0, 0, z0, x0 + s, h - t, z0 + s});
      }
    }
    double[][] kps = new double[8][];
    int k = 0;
    for (int sx = -1; sx <= 1; sx += 2) {
      for (int sz = -1; sz <= 1; sz += 2) {
        kps[k++] = new double[] {sx * w / 2, h, sz * d / 2};
      }
    }
    for (int sx = -1; sx <= 1; sx += 2) {
      for (int sz = -1; sz <= 1; sz += 2) {
        kps[k++] = new double[] {sx * (w / 2 - s / 2), 0, sz * (d / 2 - s / 2)};
      }
    }
    // Normalise: centre of the bounding box to the origin, diagonal 1.
    double cy = h / 2;
    double scale = 1 / Math.sqrt(w * w + d * d + h * h);
    SplittableRandom rng = new SplittableRandom(seed);
    float[] xyz = new float[3 * n];
    int[] labels = new int[n];
    List<Keypoint> annotated = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      double[] p = {kps[i][0] * scale, (kps[i][1] - cy) * scale, kps[i][2] * scale};
      put(xyz, i, p);
      labels[i] = i;
      annotated.add(new Keypoint(p, new int[] {0, 0, 0}, i, i, 0, new double[] {1, 0, 0}));
    }
    double[] faceArea = new double[boxes.size() * 6];
    double total = 0;
    for (int b = 0; b < boxes.size(); b++) {
      double[] bx = boxes.get(b);
      double ex = bx[3] - bx[0];
      double ey = bx[4] - bx[1];
      double ez = bx[5] - bx[2];
      double[] areas = {ey * ez, ey * ez, ex * ez, ex * ez, ex * ey, ex * ey};
      for (int f = 0; f < 6; f++) {
        faceArea[b * 6 + f] = areas[f];
        total += areas[f];
      }
    }
    for (int i = 8; i < n; i++) {
      double u = rng.nextDouble() * total;
      int f = 0;
      while (f < faceArea.length - 1 && u > faceArea[f]) {
        u -= faceArea[f++];
      }
      double[] bx = boxes.get(f / 6);
      int face = f % 6;
      int axis = face / 2;
      double[] p = new double[3];
      for (int a = 0; a < 3; a++) {
        p[a] = bx[a] + rng.nextDouble() * (bx[a + 3] - bx[a]);
      }
      p[axis] = face % 2 == 0 ? bx[axis] : bx[axis + 3];
      put(xyz, i, new double[] {p[0] * scale, (p[1] - cy) * scale, p[2] * scale});
      labels[i] = -1;
    }
    return new Table(xyz, labels, new ModelAnnotation(SYNSET, id, annotated, Symmetries.NONE));
  }

  private static void put(float[] xyz, int i, double[] p) {
    xyz[3 * i] = (float) p[0];
    xyz[3 * i + 1] = (float) p[1];
    xyz[3 * i + 2] = (float) p[2];
  }

  /** {@code count} tables of varying proportions. */
  static List<Table> tables(int count, int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<Table> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double w = 0.8 + 0.8 * rng.nextDouble();
      double d = 0.5 + 0.5 * rng.nextDouble();
      double h = 0.5 + 0.5 * rng.nextDouble();
      out.add(table("table" + i, w, d, h, n, rng.nextLong()));
    }
    return out;
  }
}
