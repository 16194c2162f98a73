package org.semcycle.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.semcycle.rendering.ImageCodec;
import org.semcycle.rendering.RenderableMesh;
import org.semcycle.rendering.camera.Viewpoint;
import org.semcycle.synthetic.ShapeGenerators;
import org.semcycle.synthetic.SynthModel;

/** Occluders hide keypoints and leave the mask; a shifted principal point truncates. */
class EvaluationRendererTest {
  static final BenchmarkCategory CHAIR = BenchmarkSetsTest.categories("chair").get(0);
  static final BenchmarkSpec SPEC = BenchmarkSpec.defaults(3, List.of(CHAIR)).withImages(1, 64, 1);
  static final SynthModel MODEL = ShapeGenerators.forCategory("chair", BenchmarkSetsTest.vocabulary()).generate(9, 0);

  EvaluationImage render(Viewpoint vp, List<Occluder> occluders) {
    return new EvaluationRenderer(SPEC).render(CHAIR, MODEL.synset(), MODEL.modelId(), 0,
        RenderableMesh.of(MODEL.mesh()), MODEL.keypoints(), ImageConditions.plain(vp), occluders, 1);
  }

  @Test
  void aKeypointUnderAnOccluderIsNotVisible() {
    Viewpoint vp = Viewpoint.of(200, 20, 2.4);
    EvaluationImage clearImage = render(vp, List.of());
    EvaluationRecord clear = clearImage.record();
    float[] clearSil = ImageCodec.decodeSilhouette(clearImage.silhouettePng(), "sil").data();
    BenchmarkKeypoint k =
        clear.keypoints().stream()
            .filter(o -> o.visible() && clearSil[(int) Math.round(o.y()) * 64 + (int) Math.round(o.x())] > 0)
            .findFirst()
            .orElseThrow();
    assertEquals(0, clear.occludedFraction());
    Occluder box = new Occluder(Occluder.Shape.RECTANGLE, k.x(), k.y(), 4, 4, 0x00FF00);
    EvaluationImage hidden = render(vp, List.of(box));
    EvaluationRecord r = hidden.record();
    BenchmarkKeypoint h = r.keypoint(k.semanticId());
    assertFalse(h.visible(), "under the occluder");
    assertTrue(h.hiddenByOccluder());
    assertEquals(k.x(), h.x(), 0);
    assertTrue(r.occluded() && r.occludedFraction() < 1);
    assertTrue(r.visiblePixels() < clear.visiblePixels());
    float[] mask = ImageCodec.decodeSilhouette(hidden.maskPng(), "mask").data();
    assertEquals(0, mask[(int) Math.round(k.y()) * 64 + (int) Math.round(k.x())], "mask leaves occluded pixels out");
    float[] sil = ImageCodec.decodeSilhouette(hidden.silhouettePng(), "sil").data();
    assertTrue(sil[(int) Math.round(k.y()) * 64 + (int) Math.round(k.x())] > 0, "true silhouette is the whole object");
    // Keypoints far from the occluder keep their visibility.
    for (BenchmarkKeypoint o : clear.keypoints()) {
      if (Math.abs(o.x() - k.x()) > 7 || Math.abs(o.y() - k.y()) > 7) {
        assertEquals(o.visible(), r.keypoint(o.semanticId()).visible(), "kp " + o.semanticId());
      }
    }
  }

  @Test
  void aShiftedPrincipalPointTruncatesAndSetsTheFlag() {
    EvaluationRecord centred = render(Viewpoint.of(200, 20, 2.6), List.of()).record();
    assertFalse(centred.truncated());
    EvaluationRecord shifted = render(new Viewpoint(200, 20, 2.6, 0, 0.45, 0), List.of()).record();
    assertTrue(shifted.truncated());
    assertTrue(shifted.visiblePixels() < centred.visiblePixels());
    assertTrue(shifted.bbox()[2] == 63, "box reaches the right border: " + shifted);
    assertTrue(shifted.keypoints().stream().anyMatch(k -> !k.visible() && k.x() > 63.5), "keypoints off the image are not visible");
  }
}
