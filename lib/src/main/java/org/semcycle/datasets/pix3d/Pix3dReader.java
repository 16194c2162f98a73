package org.semcycle.datasets.pix3d;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.DataRoot;
import org.semcycle.io.ImageLoader;
import org.semcycle.io.JsonFields;
import org.semcycle.io.RelativePaths;

/**
 * Reads Pix3D: {@code pix3d.json} (an array of {@link Pix3dRecord}s), the 3D keypoint files and
 * the images and masks it names. Every path in the JSON is normalised with {@link RelativePaths}
 * so it never resolves outside the root. A bad record raises a {@link DataFormatException} naming
 * the file, the record index (0-based) and the field.
 *
 * <p>Required fields: img, category, img_size, model, rot_mat, trans_mat, focal_length, bbox.
 * Optional: 2d_keypoints (default none), mask, 3d_keypoints, voxel, cam_position (null),
 * inplane_rotation (0), truncated / occluded / slightly_occluded (false; true/false or 0/1).
 * Unknown fields are ignored.
 */
public final class Pix3dReader {
  /** The index file at the root. */
  public static final String INDEX = "pix3d.json";

  private final DataRoot root;

  public Pix3dReader(DataRoot root) {
    this.root = root;
  }

  /** Reads {@code pix3d.json} at the root. */
  public List<Pix3dRecord> readIndex() {
    return readIndex(INDEX);
  }

  /** Reads an index file in Pix3D's format at a relative path. */
  public List<Pix3dRecord> readIndex(String relPath) {
    return parse(root.readUtf8(relPath), root.describe(relPath));
  }

  /**
   * An index read record by record: the records that parse, and for each one that does not, the
   * error (naming the file, the record index and the field). {@code inputs} = records + rejects.
   */
  public record Index(List<Pix3dRecord> records, List<DataFormatException> rejects) {
    public int inputs() {
      return records.size() + rejects.size();
    }
  }

  /**
   * Reads an index file, keeping the good records when some are bad (a bulk job turns each
   * reject into a row of its rejects table). A file that is not a JSON array of records at all
   * (malformed JSON, not UTF-8, too large) still raises a {@link DataFormatException}.
   */
  public Index readRecords(String relPath) {
    return parseEach(root.readUtf8(relPath), root.describe(relPath));
  }

  /** Parses a {@code pix3d.json} record by record ({@link #readRecords}). */
  public static Index parseEach(String json, String source) {
    JsonNode top = JsonFields.parse(json, source);
    if (!top.isArray()) {
      throw new DataFormatException(source, "expected a JSON array of records");
    }
    List<Pix3dRecord> out = new ArrayList<>(top.size());
    List<DataFormatException> rejects = new ArrayList<>();
    for (int i = 0; i < top.size(); i++) {
      try {
        out.add(parseRecord(top.get(i), new JsonFields(source, "record " + i)));
      } catch (DataFormatException e) {
        rejects.add(e);
      }
    }
    return new Index(List.copyOf(out), List.copyOf(rejects));
  }

  /** Parses the text of a {@code pix3d.json}; {@code source} names it in errors. */
  public static List<Pix3dRecord> parse(String json, String source) {
    JsonNode top = JsonFields.parse(json, source);
    if (!top.isArray()) {
      throw new DataFormatException(source, "expected a JSON array of records");
    }
    List<Pix3dRecord> out = new ArrayList<>(top.size());
    for (int i = 0; i < top.size(); i++) {
      out.add(parseRecord(top.get(i), new JsonFields(source, "record " + i)));
    }
    return out;
  }

  private static Pix3dRecord parseRecord(JsonNode n, JsonFields f) {
    if (!n.isObject()) {
      throw f.error("expected a JSON object");
    }
    String img = path(f, n, "img", true);
    String category = f.text(n, "category");
    double[] size = f.doubles(n, "img_size", 2);
    if (size[0] != Math.rint(size[0]) || size[1] != Math.rint(size[1]) || size[0] < 1
        || size[1] < 1 || size[0] > Integer.MAX_VALUE || size[1] > Integer.MAX_VALUE) {
      throw f.error("img_size", "expected two positive integers [W, H]");
    }
    double[][][] kps = keypoints2d(f, n);
    String mask = path(f, n, "mask", false);
    String model = path(f, n, "model", true);
    String kp3 = path(f, n, "3d_keypoints", false);
    String voxel = path(f, n, "voxel", false);
    double[][] rot = f.matrix(n, "rot_mat", 3, 3);
    double[] trans = f.doubles(n, "trans_mat", 3);
    double focal = f.number(n, "focal_length");
    if (!(focal > 0)) {
      throw f.error("focal_length", "must be positive, found " + focal);
    }
    double[] cam = JsonFields.has(n, "cam_position") ? f.doubles(n, "cam_position", 3) : null;
    double inplane = f.optNumber(n, "inplane_rotation", 0);
    boolean truncated = f.optFlag(n, "truncated", false);
    boolean occluded = f.optFlag(n, "occluded", false);
    boolean slightly = f.optFlag(n, "slightly_occluded", false);
    double[] bbox = f.doubles(n, "bbox", 4);
    return new Pix3dRecord(
        img, category, new int[] {(int) size[0], (int) size[1]}, kps, mask, model, kp3, voxel,
        rot, trans, focal, cam, inplane, truncated, occluded, slightly, bbox);
  }

  private static double[][][] keypoints2d(JsonFields f, JsonNode n) {
    String field = "2d_keypoints";
    if (!JsonFields.has(n, field)) {
      return new double[0][][];
    }
    JsonNode a = n.get(field);
    if (!a.isArray()) {
      throw f.error(field, "expected annotators x M x 2 arrays, found " + a.getNodeType());
    }
    double[][][] out = new double[a.size()][][];
    for (int k = 0; k < a.size(); k++) {
      JsonNode ann = a.get(k);
      if (!ann.isArray()) {
        throw f.error(field, "annotator " + k + ": expected an array of [x, y]");
      }
      out[k] = new double[ann.size()][];
      for (int m = 0; m < ann.size(); m++) {
        out[k][m] = f.toDoubles(ann.get(m), field + "[" + k + "][" + m + "]", 2);
      }
      if (out[k].length != out[0].length) {
        throw f.error(
            field, "annotator " + k + " gives " + out[k].length + " keypoints, annotator 0 gives "
                + out[0].length);
      }
    }
    return out;
  }

  private static String path(JsonFields f, JsonNode n, String field, boolean required) {
    String p = required ? f.text(n, field) : f.optText(n, field, null);
    if (p == null || (!required && p.isEmpty())) {
      return null;
    }
    try {
      return RelativePaths.normalize(p, "");
    } catch (DataFormatException e) {
      throw f.error(field, e.problem());
    }
  }

  /** Reads the record's 3D keypoints (M x 3); throws if the record names no file. */
  public double[][] read3dKeypoints(Pix3dRecord r) {
    if (r.keypoints3d() == null) {
      throw new DataFormatException(root.describe(INDEX), "record for " + r.img()
          + " names no 3d_keypoints file");
    }
    return Pix3dKeypointFile.read(root, r.keypoints3d());
  }

  /** Loads the record's image, refusing images of more than {@code maxPixels}. */
  public BufferedImage loadImage(Pix3dRecord r, long maxPixels) {
    return ImageLoader.load(root, r.img(), maxPixels);
  }

  /** Loads the record's mask, refusing images of more than {@code maxPixels}. */
  public BufferedImage loadMask(Pix3dRecord r, long maxPixels) {
    if (r.mask() == null) {
      throw new DataFormatException(root.describe(INDEX), "record for " + r.img() + " has no mask");
    }
    return ImageLoader.load(root, r.mask(), maxPixels);
  }
}
