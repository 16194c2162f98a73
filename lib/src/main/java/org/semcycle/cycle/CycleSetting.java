package org.semcycle.cycle;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The ablation settings of the paper's tables 2 and 3: which stages of the cycle are predicted
 * and which are replaced by ground truth.
 *
 * <ul>
 *   <li>{@link #FULL}: every stage predicted.
 *   <li>{@link #NO_VP_FROM_RGB}: the initial viewpoint from the predicted 2.5D sketches (ViewNet
 *       trained on sketches) instead of RGB; fine-tuned as in full.
 *   <li>{@link #NO_FINETUNE}: ViewNet's viewpoint without silhouette fine-tuning (distance and
 *       offset still come from the silhouette's box).
 *   <li>{@link #GT_SKETCH}: the true depth, normals and silhouette instead of SketchNet's.
 *   <li>{@link #GT_SHAPE}: the true 3D model instead of the reconstructed mesh.
 *   <li>{@link #GT_VIEWPOINT}: the true camera (intrinsics and pose) for the projection.
 *   <li>{@link #GT_SEMANTIC}: the true model's annotated 3D keypoints instead of transferred ones.
 *   <li>{@link #ALL_GT}: all of the above: only projection and visibility remain, so PCK is
 *       close to 1 on synthetic data (an end-to-end check of projection and scoring).
 * </ul>
 */
public enum CycleSetting {
  FULL("full", false, false, false, false, false, true),
  NO_VP_FROM_RGB("no-vp-from-rgb", false, false, false, false, true, true),
  NO_FINETUNE("no-finetune", false, false, false, false, false, false),
  GT_SKETCH("gt-2.5d", true, false, false, false, false, true),
  GT_SHAPE("gt-3d", false, true, false, false, false, true),
  GT_VIEWPOINT("gt-viewpoint", false, false, true, false, false, false),
  GT_SEMANTIC("gt-semantic", false, false, false, true, false, true),
  ALL_GT("all-gt", true, true, true, true, false, false);

  private final String label;
  private final boolean gtSketch;
  private final boolean gtShape;
  private final boolean gtViewpoint;
  private final boolean gtSemantic;
  private final boolean viewFromSketch;
  private final boolean finetune;

  CycleSetting(String label, boolean gtSketch, boolean gtShape, boolean gtViewpoint,
      boolean gtSemantic, boolean viewFromSketch, boolean finetune) {
    this.label = label;
    this.gtSketch = gtSketch;
    this.gtShape = gtShape;
    this.gtViewpoint = gtViewpoint;
    this.gtSemantic = gtSemantic;
    this.viewFromSketch = viewFromSketch;
    this.finetune = finetune;
  }

  /** The name used on the command line and in tables. */
  public String label() {
    return label;
  }

  public boolean gtSketch() {
    return gtSketch;
  }

  public boolean gtShape() {
    return gtShape;
  }

  public boolean gtViewpoint() {
    return gtViewpoint;
  }

  public boolean gtSemantic() {
    return gtSemantic;
  }

  public boolean viewFromSketch() {
    return viewFromSketch;
  }

  public boolean finetune() {
    return finetune;
  }

  /** True when the setting needs ground truth beyond the image. */
  public boolean needsGroundTruth() {
    return gtSketch || gtShape || gtViewpoint || gtSemantic;
  }

  /** The setting of a label ({@code full}, {@code gt-2.5d}, ...). */
  public static CycleSetting parse(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    for (CycleSetting c : values()) {
      if (c.label.equals(t)) {
        return c;
      }
    }
    List<String> names = new ArrayList<>();
    for (CycleSetting c : values()) {
      names.add(c.label);
    }
    throw new IllegalArgumentException("unknown setting '" + s + "'; one of " + names);
  }

  /** Settings from labels; {@code all} stands for every setting. */
  public static Set<CycleSetting> parseAll(Iterable<String> labels) {
    EnumSet<CycleSetting> out = EnumSet.noneOf(CycleSetting.class);
    for (String l : labels) {
      if (l.trim().equalsIgnoreCase("all")) {
        out.addAll(EnumSet.allOf(CycleSetting.class));
      } else if (!l.isBlank()) {
        out.add(parse(l));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no setting given");
    }
    return out;
  }
}
