package org.semcycle.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.semcycle.cycle.crop.ObjectCrop;
import org.semcycle.cycle.nets.ViewEstimate;
import org.semcycle.cycle.viewpoint.SketchAgreement;
import org.semcycle.cycle.viewpoint.TestShapes;
import org.semcycle.cycle.viewpoint.ViewpointFitter;
import org.semcycle.geometry.Mesh;
import org.semcycle.rendering.Rasterizer;
import org.semcycle.rendering.RenderOutput;
import org.semcycle.rendering.camera.Camera;
import org.semcycle.rendering.camera.Viewpoint;
import org.semcycle.viewpoint.AzimuthDecoding;
import org.semcycle.viewpoint.ViewpointLabels;

class ViewpointStageTest {
  static final ViewpointStage STAGE = new ViewpointStage(35, 1.9, 32, 400,
      ViewpointFitter.Options.defaults().withSteps(40).withFree(EnumSet.of(
          Viewpoint.Parameter.AZIMUTH, Viewpoint.Parameter.ELEVATION, Viewpoint.Parameter.DISTANCE,
          Viewpoint.Parameter.OFFSET_X, Viewpoint.Parameter.OFFSET_Y)));

  @Test
  void theSilhouetteBoxPlacesTheStartAndFineTuningRecoversTheViewpoint() {
    Mesh chair = TestShapes.chair();
    Viewpoint truth = new Viewpoint(40, 20, 2.4, 0, 0.06, -0.04);
    float[] mask = mask(chair, truth, 64);
    // ViewNet off by +12 / -6 degrees; distance and offset come from the silhouette's box.
    Viewpoint start = STAGE.initial(52, 14, chair, mask, 64);
    assertTrue(Math.abs(start.distance() - truth.distance()) < 0.25 * truth.distance(), start.toString());
    assertTrue(Math.abs(start.offsetX() - truth.offsetX()) < 0.05, start.toString());
    assertTrue(Math.abs(start.offsetY() - truth.offsetY()) < 0.05, start.toString());
    ViewpointFitter.Fit fit = STAGE.finetune(chair, mask, 64, start);
    double startIou = ViewpointFitter.softIou(mask(chair, start, 64), mask);
    double fitIou = ViewpointFitter.softIou(mask(chair, fit.viewpoint(), 64), mask);
    assertTrue(fitIou > startIou, "fit IoU " + fitIou + " vs start " + startIou);
    assertTrue(fitIou > 0.8, "fit IoU " + fitIou + " at " + fit.viewpoint());
  }

  @Test
  void aSecondStartTurnedBy180DegreesUndoesAFrontBackConfusion() {
    Mesh chair = TestShapes.chair();
    Viewpoint truth = new Viewpoint(60, 20, 2.4, 0, 0, 0);
    float[] mask = mask(chair, truth, 64);
    // ViewNet sees the chair from behind: azimuth off by 180 degrees.
    Viewpoint start = STAGE.initial(60 + 180, 20, chair, mask, 64);
    ViewpointStage both = new ViewpointStage(35, 1.9, 32, 400, STAGE.fitter(), java.util.List.of(0.0, 180.0));
    ViewpointFitter.Fit one = STAGE.finetune(chair, mask, 64, start);
    ViewpointFitter.Fit two = both.finetune(chair, mask, 64, start);
    double err = Viewpoint.angularDistance(two.viewpoint().azimuth(), truth.azimuth());
    assertTrue(err < 15, "two starts end " + err + " deg from the truth at " + two.viewpoint());
    assertTrue(two.softIou() > one.softIou(), two.softIou() + " vs " + one.softIou());
  }

  @Test
  void viewNetsSecondAzimuthModeIsOneMoreStart() {
    Mesh chair = TestShapes.chair();
    Viewpoint truth = new Viewpoint(60, 20, 2.4, 0, 0, 0);
    float[] mask = mask(chair, truth, 64);
    // ViewNet puts 60% on the mirror (240 degrees), 40% on the truth.
    float[] p = new float[ViewpointLabels.AZIMUTH_BINS];
    float[] mirror = ViewpointLabels.azimuth(240);
    float[] right = ViewpointLabels.azimuth(60);
    for (int i = 0; i < p.length; i++) {
      p[i] = 0.6f * mirror[i] + 0.4f * right[i];
    }
    ViewpointStage modes = new ViewpointStage(35, 1.9, 32, 400, STAGE.fitter(), java.util.List.of(0.0),
        SketchAgreement.SILHOUETTE_ONLY, new AzimuthDecoding(AzimuthDecoding.Kind.MODE, 2, 0.3));
    ViewEstimate estimate = new ViewEstimate(ViewpointLabels.decodeAzimuth(p), 20, p);
    Viewpoint start = modes.initial(estimate, chair, mask, 64);
    assertEquals(240, start.azimuth(), 1e-6);
    assertEquals(1, modes.alternatives(estimate).size());
    assertEquals(60, modes.alternatives(estimate).get(0), 1e-9);
    ViewpointFitter.Fit fit = modes.finetune(chair, mask, 64, start, null, modes.alternatives(estimate));
    double err = Viewpoint.angularDistance(fit.viewpoint().azimuth(), truth.azimuth());
    assertTrue(err < 15, "the second mode's fit ends " + err + " deg from the truth at " + fit.viewpoint());
    assertTrue(STAGE.alternatives(estimate).isEmpty(), "the reference decoding offers no second start");
  }

  @Test
  void depthAndNormalsTellAViewFromItsFrontBackMirror() {
    Mesh chair = TestShapes.chair();
    Viewpoint truth = new Viewpoint(60, 20, 2.4, 0, 0, 0);
    int size = 64;
    RenderOutput r = new Rasterizer().render(chair, Camera.lookAt(truth, size, size, 35), 0);
    int n = size * size;
    float[] mask = mask(chair, truth, size);
    float[] depth01 = new float[n];
    float[] normals = new float[3 * n];
    double[] range = r.depthRange();
    for (int i = 0; i < n; i++) {
      if (r.depth()[i] > 0) {
        depth01[i] = (float) ((r.depth()[i] - range[0]) / (range[1] - range[0]));
      }
      for (int c = 0; c < 3; c++) {
        normals[c * n + i] = r.normals()[3 * i + c];
      }
    }
    double[] atTruth = SketchAgreement.errors(chair, truth, 35, size, depth01, normals, mask);
    Viewpoint mirror = new Viewpoint(240, 20, 2.4, 0, 0, 0);
    double[] atMirror = SketchAgreement.errors(chair, mirror, 35, size, depth01, normals, mask);
    assertTrue(atTruth[0] < 1e-3 && atTruth[1] < 1e-3, java.util.Arrays.toString(atTruth));
    assertTrue(atMirror[0] > 0.05 && atMirror[1] > 0.05, java.util.Arrays.toString(atMirror));
    SketchAgreement both = new SketchAgreement(0.5, 0.5);
    assertTrue(both.score(0.9, chair, truth, 35, size, depth01, normals, mask)
        > both.score(0.9, chair, mirror, 35, size, depth01, normals, mask));
    assertEquals(0.9, SketchAgreement.SILHOUETTE_ONLY.score(0.9, chair, mirror, 35, size, depth01, normals, mask));
  }

  @Test
  void theCropCameraMapsBackToTheOriginalImage() {
    Mesh chair = TestShapes.chair();
    Viewpoint vp = Viewpoint.of(30, 15, 2.0);
    ObjectCrop crop = ObjectCrop.aroundBox(new double[] {50, 20, 149, 119}, 1.5, 64);
    Camera original = STAGE.toOriginal(vp, crop, 300, 200);
    Camera inCrop = Camera.lookAt(vp, 64, 64, 35);
    for (int i = 0; i < chair.vertexCount(); i += 7) {
      var a = original.project(chair.vertex(i));
      var b = inCrop.project(chair.vertex(i));
      assertTrue(Math.abs(crop.toCropX(a.x()) - b.x()) < 1e-6 && Math.abs(crop.toCropY(a.y()) - b.y()) < 1e-6);
    }
  }

  static float[] mask(Mesh m, Viewpoint vp, int size) {
    RenderOutput r = new Rasterizer().render(m, Camera.lookAt(vp, size, size, 35), 0);
    byte[] s = r.silhouette();
    float[] out = new float[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = (s[i] & 0xff) / 255f;
    }
    return out;
  }
}
