package org.semcycle.datasets.spair;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.DataRoot;
import org.semcycle.io.ImageLoader;
import org.semcycle.io.JsonFields;

/**
 * Reads SPair-71k's layout: split lists ({@code Layout/large/<split>.txt}, one pair name a line),
 * pair annotations, image annotations and images. Names from files are validated ({@link
 * SpairPairName}; image file names must be {@code <id>.<ext>} with id of letters, digits and
 * '_'), so nothing outside the root is opened. Bad input raises a {@link DataFormatException}
 * naming the file, the line (split lists) and the field.
 *
 * <p>Optional fields and defaults: image annotation {@code image_depth} (3), {@code pose} (""),
 * {@code truncated}/{@code occluded}/{@code difficult} (false, given as 0/1 or true/false); pair
 * {@code filename} (the pair name), {@code src_pose}/{@code trg_pose} (""), {@code mirror},
 * {@code viewpoint_variation}, {@code scale_variation}, {@code truncation}, {@code occlusion} (0).
 * Unknown fields are ignored.
 */
public final class SpairReader {
  private static final Pattern FILE_NAME = Pattern.compile("\\w+\\.\\w+");

  private final DataRoot root;

  public SpairReader(DataRoot root) {
    this.root = root;
  }

  /** Pair names of a split list, in file order; blank lines skipped, last line kept. */
  public List<SpairPairName> pairNames(SpairSplit split) {
    String rel = SpairLayout.layout(split);
    return parseLayout(root.readUtf8(rel), root.describe(rel));
  }

  /** Parses a split list; a bad name is an error with its line number. */
  public static List<SpairPairName> parseLayout(String text, String source) {
    List<SpairPairName> out = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String s = lines[i].strip();
      if (!s.isEmpty()) {
        out.add(SpairPairName.parse(s, source, i + 1));
      }
    }
    return out;
  }

  /** Reads one pair annotation; its category and image names must agree with the name. */
  public SpairPair readPair(SpairSplit split, SpairPairName name) {
    String rel = SpairLayout.pairAnnotation(split, name);
    String source = root.describe(rel);
    SpairPair p = parsePair(root.readUtf8(rel), source);
    JsonFields f = new JsonFields(source, "");
    if (!p.category().equals(name.category())) {
      throw f.error("category", "'" + p.category() + "' but the pair name says '"
          + name.category() + "'");
    }
    if (!p.name().srcImageId().equals(name.srcImageId())
        || !p.name().trgImageId().equals(name.trgImageId())) {
      throw f.error("src_imname", "images " + p.srcImname() + ", " + p.trgImname()
          + " do not match the pair name " + name);
    }
    return p;
  }

  /** Parses a pair annotation JSON. */
  public static SpairPair parsePair(String json, String source) {
    JsonNode n = JsonFields.parse(json, source);
    JsonFields f = new JsonFields(source, "");
    if (!n.isObject()) {
      throw f.error("expected a JSON object");
    }
    int pairId = f.integer(n, "pair_id");
    String src = fileName(f, n, "src_imname");
    String trg = fileName(f, n, "trg_imname");
    String category = f.text(n, "category");
    if (!SpairPairName.isValidId(category)) {
      throw f.error("category", "must be letters, digits and '_': '" + category + "'");
    }
    int[] srcSize = imsize(f, n, "src_imsize");
    int[] trgSize = imsize(f, n, "trg_imsize");
    double[] srcBox = f.doubles(n, "src_bndbox", 4);
    double[] trgBox = f.doubles(n, "trg_bndbox", 4);
    double[][] srcKps = f.matrix(n, "src_kps", -1, 2);
    double[][] trgKps = f.matrix(n, "trg_kps", -1, 2);
    List<String> ids = new ArrayList<>();
    JsonNode idNode = f.require(n, "kps_ids");
    if (!idNode.isArray()) {
      throw f.error("kps_ids", "expected an array of keypoint ids");
    }
    for (JsonNode id : idNode) {
      if (!id.isTextual() && !id.isIntegralNumber() || !id.asText().strip().matches("\\d{1,9}")) {
        throw f.error("kps_ids", "expected keypoint ids (non-negative integers), found " + id);
      }
      ids.add(id.asText());
    }
    if (trgKps.length != srcKps.length) {
      throw f.error("trg_kps", trgKps.length + " keypoints but src_kps has " + srcKps.length);
    }
    if (ids.size() != srcKps.length) {
      throw f.error("kps_ids", ids.size() + " ids but src_kps has " + srcKps.length
          + " keypoints");
    }
    SpairPairName name =
        new SpairPairName(pairId, SpairPair.imageId(src), SpairPair.imageId(trg), category);
    return new SpairPair(
        pairId,
        f.optText(n, "filename", name.toString()),
        src,
        trg,
        category,
        srcSize,
        trgSize,
        srcBox,
        trgBox,
        JsonFields.has(n, "src_pose") ? n.get("src_pose").asText() : "",
        JsonFields.has(n, "trg_pose") ? n.get("trg_pose").asText() : "",
        srcKps,
        trgKps,
        ids,
        flag(f, n, "mirror", 1),
        flag(f, n, "viewpoint_variation", 2),
        flag(f, n, "scale_variation", 2),
        flag(f, n, "truncation", 3),
        flag(f, n, "occlusion", 3));
  }

  /** Reads {@code ImageAnnotation/<cat>/<imgid>.json}. */
  public SpairImageAnnotation readImageAnnotation(String category, String imageId) {
    String rel = SpairLayout.imageAnnotation(category, imageId);
    return parseImageAnnotation(root.readUtf8(rel), root.describe(rel));
  }

  /** Parses an image annotation JSON. */
  public static SpairImageAnnotation parseImageAnnotation(String json, String source) {
    JsonNode n = JsonFields.parse(json, source);
    JsonFields f = new JsonFields(source, "");
    if (!n.isObject()) {
      throw f.error("expected a JSON object");
    }
    String filename = fileName(f, n, "filename");
    String category = f.text(n, "category");
    int w = f.integer(n, "image_width");
    int h = f.integer(n, "image_height");
    if (w <= 0 || h <= 0) {
      throw f.error("image_width", "image size must be positive: " + w + "x" + h);
    }
    int depth = f.optInteger(n, "image_depth", 3);
    JsonNode kpsNode = f.require(n, "kps");
    if (!kpsNode.isObject()) {
      throw f.error("kps", "expected an object \"0\"..\"N-1\" -> [x, y] or null");
    }
    Map<Integer, double[]> byId = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = kpsNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      int id;
      try {
        id = Integer.parseInt(e.getKey());
      } catch (NumberFormatException ex) {
        throw f.error("kps", "key '" + e.getKey() + "' is not a keypoint id");
      }
      if (id < 0 || id >= kpsNode.size()) {
        throw f.error("kps", "key '" + e.getKey() + "' outside 0.." + (kpsNode.size() - 1));
      }
      JsonNode v = e.getValue();
      byId.put(id, v.isNull() ? null : f.toDoubles(v, "kps." + e.getKey(), 2));
    }
    List<double[]> kps = new ArrayList<>(byId.values());
    return new SpairImageAnnotation(
        filename,
        category,
        w,
        h,
        depth,
        JsonFields.has(n, "pose") ? n.get("pose").asText() : "",
        f.optFlag(n, "truncated", false),
        f.optFlag(n, "occluded", false),
        f.optFlag(n, "difficult", false),
        f.doubles(n, "bndbox", 4),
        f.integer(n, "azimuth_id"),
        kps);
  }

  /** Categories: the folders of {@code JPEGImages/}, sorted. */
  public List<String> categories() {
    List<String> out = new ArrayList<>();
    for (String c : root.list("JPEGImages")) {
      if (SpairPairName.isValidId(c)) {
        out.add(c);
      }
    }
    return out;
  }

  /** Image ids of a category: the {@code .jpg} files of {@code JPEGImages/<cat>/}, sorted. */
  public List<String> imageIds(String category) {
    List<String> out = new ArrayList<>();
    for (String name : root.list("JPEGImages/" + checkedCategory(category))) {
      if (name.endsWith(".jpg")) {
        String id = name.substring(0, name.length() - 4);
        if (SpairPairName.isValidId(id)) {
          out.add(id);
        }
      }
    }
    return out;
  }

  /** Loads {@code JPEGImages/<cat>/<imgid>.jpg}, refusing images of more than maxPixels. */
  public BufferedImage loadImage(String category, String imageId, long maxPixels) {
    return ImageLoader.load(root, SpairLayout.image(category, imageId), maxPixels);
  }

  private static String checkedCategory(String c) {
    SpairPairName.checkId(c, "category");
    return c;
  }

  private static String fileName(JsonFields f, JsonNode n, String field) {
    String s = f.text(n, field);
    if (!FILE_NAME.matcher(s).matches()) {
      throw f.error(field, "not a plain image file name <id>.<ext>: '" + s + "'");
    }
    return s;
  }

  private static int[] imsize(JsonFields f, JsonNode n, String field) {
    double[] d = f.doubles(n, field, 3);
    int[] out = new int[3];
    for (int i = 0; i < 3; i++) {
      if (d[i] != Math.rint(d[i]) || d[i] < 1 || d[i] > 1 << 20) {
        throw f.error(field, "expected [W, H, C] positive integers");
      }
      out[i] = (int) d[i];
    }
    return out;
  }

  private static int flag(JsonFields f, JsonNode n, String field, int max) {
    int v = f.optInteger(n, field, 0);
    if (v < 0 || v > max) {
      throw f.error(field, "expected 0.." + max + ", found " + v);
    }
    return v;
  }
}
