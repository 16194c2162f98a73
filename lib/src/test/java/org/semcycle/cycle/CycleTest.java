package org.semcycle.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.semcycle.cycle.nets.ShapePredictor;
import org.semcycle.cycle.nets.SketchPredictor;
import org.semcycle.cycle.nets.ViewEstimate;
import org.semcycle.cycle.nets.ViewPredictor;
import org.semcycle.cycle.viewpoint.ViewpointFitter;
import org.semcycle.embedding.KeypointDatabase;
import org.semcycle.embedding.KeypointRecord;
import org.semcycle.embedding.KeypointTransfer;
import org.semcycle.embedding.PointEmbedder;
import org.semcycle.embedding.TransferredKeypoint;
import org.semcycle.geometry.Bounds;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.Vec3;
import org.semcycle.rendering.FloatImage;
import org.semcycle.rendering.PrimitiveMeshes;
import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Viewpoint;

/**
 * The cycle on fake nets whose outputs say where they came from: every setting substitutes
 * exactly the stages it names ({@link CycleSetting#fromTruth()}), takes its view estimate from
 * the source it names, fine-tunes only when it says so, and reads no ground truth it does not
 * name. The fake SketchNet draws depth 0.25; the fake VoxelNet returns a cube whose size says
 * which sketch it saw (half side 0.2 from a predicted sketch, 0.35 from a true one); the fake
 * ViewNets say azimuth 30 (RGB) or 120 (sketches); the true model is a cube of half side 0.45, the
 * true camera at azimuth 250; transferred keypoints have ids 0 and 1, true ones 5 and 6.
 */
class CycleTest {
  static final int S = 32;
  static final int R = 16;
  static final String SYNSET = "03001627";
  static final Camera TRUE_CAMERA = Camera.lookAt(Viewpoint.of(250, 40, 2.0), 96, 96, 35);
  static final Mesh TRUE_MESH = PrimitiveMeshes.box(-0.45, -0.45, -0.45, 0.45, 0.45, 0.45);

  static final SketchPredictor SKETCH = sketchNet(1f);

  /** A SketchNet that draws {@link #square} at depth 0.25, its silhouette probabilities times {@code certainty}. */
  static SketchPredictor sketchNet(float certainty) {
    return new SketchPredictor() {
      @Override
      public int imageSize() {
        return S;
      }

      @Override
      public List<SketchMaps> predict(List<float[]> crops) {
        List<SketchMaps> out = new ArrayList<>();
        for (float[] ignored : crops) {
          SketchMaps m = square(0.25f);
          float[] sil = m.silhouette();
          for (int i = 0; i < sil.length; i++) {
            sil[i] *= certainty;
          }
          out.add(m);
        }
        return out;
      }
    };
  }

  static final ShapePredictor SHAPE = new ShapePredictor() {
    @Override
    public int imageSize() {
      return S;
    }

    @Override
    public int resolution() {
      return R;
    }

    @Override
    public List<float[]> voxelLogits(List<float[]> sketches) {
      List<float[]> out = new ArrayList<>();
      for (float[] sk : sketches) {
        float centreDepth = sk[(S / 2) * S + S / 2];
        out.add(cube(Math.abs(centreDepth - 0.25f) < 1e-6 ? 0.2 : 0.35));
      }
      return out;
    }
  };

  static ViewPredictor view(int channels, double azimuth) {
    return new ViewPredictor() {
      @Override
      public int imageSize() {
        return S;
      }

      @Override
      public int inChannels() {
        return channels;
      }

      @Override
      public List<ViewEstimate> predict(List<float[]> inputs) {
        List<ViewEstimate> out = new ArrayList<>();
        for (float[] in : inputs) {
          assertEquals(channels * S * S, in.length);
          out.add(ViewEstimate.of(azimuth, 15));
        }
        return out;
      }
    };
  }

  /** Embeds a point as its position: transfer then picks the mesh point nearest to each database keypoint. */
  static final PointEmbedder POSITION = new PointEmbedder() {
    @Override
    public int dim() {
      return 3;
    }

    @Override
    public float[] embed(float[] xyz) {
      return xyz.clone();
    }
  };

  /** A (S x S) sketch: a centred square of constant depth, normals towards the camera. */
  static SketchMaps square(float depth) {
    float[] d = new float[S * S];
    float[] n = new float[3 * S * S];
    float[] sil = new float[S * S];
    for (int y = S / 4; y < 3 * S / 4; y++) {
      for (int x = S / 4; x < 3 * S / 4; x++) {
        d[y * S + x] = depth;
        sil[y * S + x] = 1;
        n[2 * S * S + y * S + x] = 1;
      }
    }
    return new SketchMaps(S, d, n, sil, 1.5f, 2.5f);
  }

  /** R^3 logits of a centred cube of half side h (the grid spans [-0.5, 0.5]^3). */
  static float[] cube(double h) {
    float[] g = new float[R * R * R];
    for (int i = 0; i < R; i++) {
      for (int j = 0; j < R; j++) {
        for (int k = 0; k < R; k++) {
          double x = (i + 0.5) / R - 0.5;
          double y = (j + 0.5) / R - 0.5;
          double z = (k + 0.5) / R - 0.5;
          boolean in = Math.abs(x) < h && Math.abs(y) < h && Math.abs(z) < h;
          g[(i * R + j) * R + k] = in ? 10 : -10;
        }
      }
    }
    return g;
  }

  static CycleNets nets(boolean withSketchView) {
    return new CycleNets(SKETCH, SHAPE, view(3, 30), withSketchView ? view(5, 120) : null, POSITION, List.of());
  }

  static Cycle cycle(CycleNets nets) {
    List<KeypointRecord> db = List.of(
        new KeypointRecord(SYNSET, "m", 0, new float[] {0.2f, 0.2f, 0.2f}, new float[] {0.2f, 0.2f, 0.2f}),
        new KeypointRecord(SYNSET, "m", 1, new float[] {-0.2f, 0f, 0f}, new float[] {-0.2f, 0f, 0f}));
    ViewpointFitter.Options fit = ViewpointFitter.Options.defaults().withSteps(4);
    return new Cycle(nets, new Cycle.Options(1.5, 0.3f, 0.1,
        new ViewpointStage(35, 1.9, 16, 200, fit),
        new TransferStage(new KeypointTransfer(KeypointDatabase.of(db), KeypointTransfer.Options.mean()), 256, 3)));
  }

  static BufferedImage picture() {
    BufferedImage img = new BufferedImage(96, 96, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.GRAY);
    g.fillRect(24, 24, 48, 48);
    g.dispose();
    return img;
  }

  /** Full ground truth; {@code without} names the parts left out. */
  static CycleTruth truth(Set<CycleStage> without) {
    FloatImage depth = new FloatImage(96, 96, 1, fill(96 * 96, 2.0f));
    FloatImage normals = new FloatImage(96, 96, 3, fill(3 * 96 * 96, 0.5f));
    FloatImage sil = new FloatImage(96, 96, 1, fill(96 * 96, 1f));
    List<TransferredKeypoint> kps = List.of(new TransferredKeypoint(5, new Vec3(0.45, 0, 0), 1, -1),
        new TransferredKeypoint(6, new Vec3(0, 0.45, 0), 1, -1));
    boolean sketch = !without.contains(CycleStage.SKETCH);
    return new CycleTruth(without.contains(CycleStage.VIEWPOINT) ? null : TRUE_CAMERA,
        without.contains(CycleStage.SHAPE) ? null : TRUE_MESH,
        without.contains(CycleStage.SEMANTICS) ? null : kps,
        sketch ? depth : null, sketch ? normals : null, sketch ? sil : null, 1.5, 2.5);
  }

  static float[] fill(int n, float v) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  static CycleImage image(CycleTruth truth) {
    return new CycleImage("test/0", SYNSET, picture(), new double[] {24, 24, 71, 71}, truth);
  }

  static double halfSide(Mesh m) {
    Bounds b = m.bounds();
    return (b.max().x() - b.min().x()) / 2;
  }

  @Test
  void everySettingSubstitutesExactlyTheStagesItNames() {
    Cycle.Outcome o = cycle(nets(true)).run(List.of(image(truth(Set.of()))), EnumSet.allOf(CycleSetting.class)).get(0);
    assertEquals(Map.of(), o.failures());
    assertEquals(CycleSetting.values().length, o.results().size());
    for (CycleResult r : o.results()) {
      CycleSetting c = r.setting();
      String what = c.label();
      // Shape: the true model, or the cube of the sketch the setting names.
      if (c.substitutes(CycleStage.SHAPE)) {
        assertSame(TRUE_MESH, r.mesh(), what);
      } else {
        assertNotSame(TRUE_MESH, r.mesh(), what);
        double expected = c.substitutes(CycleStage.SKETCH) ? 0.35 : 0.2;
        assertEquals(expected, halfSide(r.mesh()), 1.5 / R, what + ": the cube of the " + c.sketchOrigin() + " sketch");
      }
      // Viewpoint: the true camera, or ViewNet's from the named source, fine-tuned or not.
      if (c.substitutes(CycleStage.VIEWPOINT)) {
        assertSame(TRUE_CAMERA, r.camera(), what);
        assertNull(r.viewpoint(), what);
        assertTrue(Double.isNaN(r.fitIou()), what);
      } else {
        assertNotSame(TRUE_CAMERA, r.camera(), what);
        double az = c.viewSource() == ViewSource.SKETCH ? 120 : 30;
        assertEquals(az, r.initialViewpoint().azimuth(), 1e-9, what + ": view from " + c.viewSource());
        assertEquals(c.finetune(), Double.isFinite(r.fitIou()), what + ": fine-tuned " + c.finetune());
        if (!c.finetune()) {
          assertEquals(r.initialViewpoint(), r.viewpoint(), what);
        }
      }
      // Semantics: the true keypoints (5, 6) or the transferred ones (0, 1).
      Set<Integer> ids = new TreeSet<>();
      r.keypoints().forEach(k -> ids.add(k.semanticId()));
      assertEquals(c.substitutes(CycleStage.SEMANTICS) ? Set.of(5, 6) : Set.of(0, 1), ids, what);
      // Stage times: exactly the stages the setting ran.
      Set<String> stages = r.stageMillis().keySet();
      assertEquals(!c.substitutes(CycleStage.SHAPE), stages.contains("voxel") && stages.contains("mesh"), what);
      assertEquals(!c.substitutes(CycleStage.VIEWPOINT), stages.contains("view") && stages.contains("finetune"), what);
      assertEquals(!c.substitutes(CycleStage.SEMANTICS), stages.contains("transfer"), what);
      assertEquals(c.sketchOrigin() == Origin.PREDICTED && (!c.substitutes(CycleStage.SHAPE)
          || !c.substitutes(CycleStage.VIEWPOINT)) || c.viewSource() == ViewSource.SKETCH, stages.contains("sketch"), what);
      assertTrue(stages.contains("project") && stages.contains("total"), what);
    }
  }

  @Test
  void theFitMatchesTheThresholdedSilhouetteOrItsProbabilities() {
    // SketchNet 50% sure of the square: the mask is the square, the probabilities half of it.
    SketchPredictor unsure = sketchNet(0.5f);
    CycleNets nets = new CycleNets(unsure, SHAPE, view(3, 30), null, POSITION, List.of());
    Cycle.Options mask = cycle(nets).options();
    Cycle.Options probability = new Cycle.Options(mask.margin(), mask.silhouetteThreshold(), mask.iso(),
        mask.viewpoint(), mask.transfer(), Cycle.FitTarget.PROBABILITY);
    Set<CycleSetting> full = EnumSet.of(CycleSetting.FULL);
    CycleImage image = image(null);
    double toMask = new Cycle(nets, mask).run(List.of(image), full).get(0).results().get(0).fitIou();
    double toProbability = new Cycle(nets, probability).run(List.of(image), full).get(0).results().get(0).fitIou();
    // The soft IoU with a target of 0.5 inside stays near half of that with the {0, 1} mask.
    assertTrue(toMask > 0.5, "IoU with the mask " + toMask);
    assertTrue(toProbability < 0.65 * toMask, "IoU with the probabilities " + toProbability + ", mask " + toMask);
  }

  @Test
  void aSettingReadsOnlyTheGroundTruthItNames() {
    // No truth at all: the predicted settings run, each ground-truth one fails with the reason.
    Cycle.Outcome none = cycle(nets(true)).run(List.of(image(null)), EnumSet.allOf(CycleSetting.class)).get(0);
    for (CycleSetting c : CycleSetting.values()) {
      assertEquals(c.needsGroundTruth(), none.failures().containsKey(c), c.label());
      if (c.needsGroundTruth()) {
        assertTrue(none.failures().get(c).contains("needs ground truth"), none.failures().get(c));
      }
    }
    // Truth lacking one part: exactly the settings that name that part fail (all-gt names the
    // sketches but uses none: its shape and camera are the true ones).
    for (CycleStage missing : CycleStage.values()) {
      Cycle.Outcome o = cycle(nets(true)).run(List.of(image(truth(Set.of(missing)))), EnumSet.allOf(CycleSetting.class))
          .get(0);
      for (CycleSetting c : CycleSetting.values()) {
        boolean usesSketch = !c.substitutes(CycleStage.SHAPE) || !c.substitutes(CycleStage.VIEWPOINT);
        boolean needs = c.substitutes(missing) && (missing != CycleStage.SKETCH || usesSketch);
        assertEquals(needs, o.failures().containsKey(c),
            c.label() + " without the true " + missing.description() + ": " + o.failures());
      }
    }
  }

  @Test
  void withoutASketchViewNetOnlyNoVpFromRgbFailsAndSaysWhy() {
    Cycle.Outcome o = cycle(nets(false)).run(List.of(image(truth(Set.of()))), EnumSet.allOf(CycleSetting.class)).get(0);
    assertEquals(Set.of(CycleSetting.NO_VP_FROM_RGB), o.failures().keySet());
    assertTrue(o.failures().get(CycleSetting.NO_VP_FROM_RGB).contains("view-sketch"));
    assertFalse(o.results().isEmpty());
  }

  @Test
  void settingsSharingAnIntermediateComputeItOnce() {
    // full and gt-semantic share sketch, shape, view and fit: the same fitted viewpoint object.
    Cycle.Outcome o = cycle(nets(true)).run(List.of(image(truth(Set.of()))),
        EnumSet.of(CycleSetting.FULL, CycleSetting.GT_SEMANTIC)).get(0);
    assertSame(o.results().get(0).viewpoint(), o.results().get(1).viewpoint());
    assertSame(o.results().get(0).mesh(), o.results().get(1).mesh());
  }
}
