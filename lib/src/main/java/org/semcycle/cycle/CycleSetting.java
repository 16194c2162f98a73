package org.semcycle.cycle;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The ablation settings of the paper's tables 2 and 3, each as what it substitutes: the stages
 * taken from ground truth instead of predicted ({@link CycleStage}), what ViewNet estimates the
 * initial viewpoint from ({@link ViewSource}), and whether the viewpoint is fine-tuned against
 * the silhouette.
 *
 * <ul>
 *   <li>{@link #FULL}: every stage predicted, viewpoint from RGB, fine-tuned.
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
  FULL("full", EnumSet.noneOf(CycleStage.class), ViewSource.RGB, true),
  NO_VP_FROM_RGB("no-vp-from-rgb", EnumSet.noneOf(CycleStage.class), ViewSource.SKETCH, true),
  NO_FINETUNE("no-finetune", EnumSet.noneOf(CycleStage.class), ViewSource.RGB, false),
  GT_SKETCH("gt-2.5d", EnumSet.of(CycleStage.SKETCH), ViewSource.RGB, true),
  GT_SHAPE("gt-3d", EnumSet.of(CycleStage.SHAPE), ViewSource.RGB, true),
  GT_VIEWPOINT("gt-viewpoint", EnumSet.of(CycleStage.VIEWPOINT), ViewSource.RGB, false),
  GT_SEMANTIC("gt-semantic", EnumSet.of(CycleStage.SEMANTICS), ViewSource.RGB, true),
  ALL_GT("all-gt", EnumSet.allOf(CycleStage.class), ViewSource.RGB, false);

  private final String label;
  private final Set<CycleStage> fromTruth;
  private final ViewSource viewSource;
  private final boolean finetune;

  CycleSetting(String label, Set<CycleStage> fromTruth, ViewSource viewSource, boolean finetune) {
    this.label = label;
    this.fromTruth = Set.copyOf(fromTruth);
    this.viewSource = viewSource;
    this.finetune = finetune;
  }

  /** The name used on the command line and in tables. */
  public String label() {
    return label;
  }

  /** The stages this setting takes from ground truth. */
  public Set<CycleStage> fromTruth() {
    return fromTruth;
  }

  /** True when the setting replaces {@code stage} by ground truth. */
  public boolean substitutes(CycleStage stage) {
    return fromTruth.contains(stage);
  }

  /** Where the sketches this setting uses come from. */
  public Origin sketchOrigin() {
    return substitutes(CycleStage.SKETCH) ? Origin.TRUE : Origin.PREDICTED;
  }

  /** What ViewNet sees for the initial viewpoint (unused when the viewpoint is substituted). */
  public ViewSource viewSource() {
    return viewSource;
  }

  /** True when the predicted viewpoint is fine-tuned against the silhouette. */
  public boolean finetune() {
    return finetune && !substitutes(CycleStage.VIEWPOINT);
  }

  /** True when the setting needs ground truth beyond the image. */
  public boolean needsGroundTruth() {
    return !fromTruth.isEmpty();
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
