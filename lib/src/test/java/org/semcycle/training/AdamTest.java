package org.semcycle.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.semcycle.networks.DjlRuntime;

/**
 * {@link Adam} against torch.optim.Adam's update written out in double precision (Kingma and Ba
 * with bias correction, eps added to the corrected root: {@code w -= lr (m / c1) / (sqrt(v / c2)
 * + eps)}), on a block whose gradients are set exactly: its forward returns its two parameters
 * and the loss sum(a . ga) + sum(b . gb) has gradients ga and gb.
 */
class AdamTest {
  private static final float LR = 1e-3f;
  private static final float B1 = 0.9f;
  private static final float B2 = 0.999f;

  /** Two parameter vectors, returned as they are. */
  static final class Params extends AbstractBlock {
    final Parameter a;
    final Parameter b;

    Params(int na, int nb) {
      super((byte) 1);
      a = addParameter(Parameter.builder().setName("a").setType(Parameter.Type.BIAS).optShape(new Shape(na)).build());
      b = addParameter(Parameter.builder().setName("b").setType(Parameter.Type.BIAS).optShape(new Shape(nb)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
      return new NDList(ps.getValue(a, Device.cpu(), training), ps.getValue(b, Device.cpu(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      return new Shape[] {a.getArray().getShape(), b.getArray().getShape()};
    }
  }

  private static Params block(NDManager m, float[] a, float[] b) {
    DjlRuntime.engine();
    Params p = new Params(a.length, b.length);
    p.initialize(m, DataType.FLOAT32, new Shape(1));
    boolean grad = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    p.a.getArray().set(a);
    p.b.getArray().set(b);
    JniUtils.setGradMode(grad);
    return p;
  }

  /** Accumulates the gradients ga, gb on the block's parameters. */
  private static void gradients(Params p, NDManager m, float[] ga, float[] gb) {
    DjlRuntime.trainingMode();
    try (NDManager sub = m.newSubManager();
        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDList out = p.forward(new ParameterStore(sub, false), new NDList(sub.zeros(new Shape(1))), true);
      NDArray loss = out.get(0).mul(sub.create(ga)).sum().add(out.get(1).mul(sub.create(gb)).sum());
      gc.backward(loss);
    }
  }

  /** torch.optim.Adam's state for one vector, in double precision. */
  private static final class Reference {
    final double[] w;
    final double[] m;
    final double[] v;
    int t;

    Reference(float[] w0) {
      w = new double[w0.length];
      for (int i = 0; i < w0.length; i++) {
        w[i] = w0[i];
      }
      m = new double[w0.length];
      v = new double[w0.length];
    }

    void step(float[] g) {
      t++;
      double c1 = 1 - Math.pow(B1, t);
      double c2 = 1 - Math.pow(B2, t);
      for (int i = 0; i < w.length; i++) {
        m[i] = B1 * m[i] + (1 - B1) * g[i];
        v[i] = B2 * v[i] + (1 - B2) * (double) g[i] * g[i];
        w[i] -= LR * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8);
      }
    }
  }

  private static void assertNear(Reference ref, float[] w0, float[] actual, String what) {
    for (int i = 0; i < actual.length; i++) {
      double want = ref.w[i] - w0[i];
      double got = actual[i] - (double) w0[i];
      assertEquals(want, got, 1e-4 * Math.abs(want) + 1e-9, what + " element " + i);
    }
  }

  @Test
  void stepsFollowTorchAdamsFormula() {
    float[] a0 = {0.01f, -0.02f, 0.03f, 0.0f, 0.05f};
    float[] b0 = {0.1f, -0.1f, 0.2f};
    // Gradients of every scale: near eps (1e-8) the placement of eps decides the update.
    float[][] ga = {
      {1f, -2e-8f, 3e-3f, 1e-9f, -0.5f},
      {0.5f, 1e-8f, -3e-3f, 2e-9f, 4f},
      {-1f, -5e-9f, 1e-3f, 0f, 0.1f},
      {2f, 3e-8f, 3e-3f, -1e-9f, -2f},
    };
    float[][] gb = {{1e-7f, 2f, -1f}, {-1e-7f, 1f, 1f}, {3e-7f, -2f, 0.5f}, {1e-7f, 0.5f, -1f}};
    try (NDManager m = NDManager.newBaseManager()) {
      Params p = block(m, a0, b0);
      Adam adam = new Adam(m, LR, B1, B2);
      Reference ra = new Reference(a0);
      Reference rb = new Reference(b0);
      for (int s = 0; s < ga.length; s++) {
        gradients(p, m, ga[s], gb[s]);
        assertTrue(adam.step(p), "step " + s + " applied");
        ra.step(ga[s]);
        rb.step(gb[s]);
        assertNear(ra, a0, p.a.getArray().toFloatArray(), "a after step " + (s + 1));
        assertNear(rb, b0, p.b.getArray().toFloatArray(), "b after step " + (s + 1));
        assertArrayEquals(new float[a0.length], p.a.getArray().getGradient().toFloatArray(), "gradients zeroed");
      }
      assertEquals(4, adam.steps());
      assertEquals(0, adam.skipped());
    }
  }

  @Test
  void aNonFiniteGradientSkipsTheWholeUpdate() {
    float[] a0 = {0.5f, -0.5f};
    float[] b0 = {1f, 2f, 3f};
    for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
      try (NDManager m = NDManager.newBaseManager()) {
        Params p = block(m, a0, b0);
        Adam adam = new Adam(m, LR, B1, B2);
        gradients(p, m, new float[] {1f, 1f}, new float[] {1f, bad, 1f});
        assertFalse(adam.step(p), "a gradient holding " + bad + " is not applied");
        assertEquals(1, adam.skipped());
        assertEquals(0, adam.steps());
        assertArrayEquals(a0, p.a.getArray().toFloatArray(), "the finite parameter is not updated either");
        assertArrayEquals(b0, p.b.getArray().toFloatArray());
        assertArrayEquals(new float[3], p.b.getArray().getGradient().toFloatArray(), "gradients zeroed");
        // The next finite step is Adam's first: full bias correction, lr x sign(g) per element.
        gradients(p, m, new float[] {2f, -3f}, new float[] {1f, 1f, -1f});
        assertTrue(adam.step(p));
        Reference ra = new Reference(a0);
        ra.step(new float[] {2f, -3f});
        assertNear(ra, a0, p.a.getArray().toFloatArray(), "first applied step after a skip");
      }
    }
  }

  @Test
  void savedMomentsContinueTheSameRun() throws Exception {
    float[] a0 = {0.3f, -0.1f, 0.7f};
    float[] b0 = {0.2f};
    float[][] g = {{1f, -1f, 0.5f}, {0.2f, 0.4f, -2f}, {-1f, 3f, 1f}};
    try (NDManager m = NDManager.newBaseManager()) {
      Params p = block(m, a0, b0);
      Adam adam = new Adam(m, LR, B1, B2);
      for (int s = 0; s < 2; s++) {
        gradients(p, m, g[s], new float[] {1f});
        adam.step(p);
      }
      ByteArrayOutputStream saved = new ByteArrayOutputStream();
      adam.save(saved);
      Params q = block(m, p.a.getArray().toFloatArray(), p.b.getArray().toFloatArray());
      Adam resumed = new Adam(m, LR, B1, B2);
      resumed.load(new ByteArrayInputStream(saved.toByteArray()));
      assertEquals(2, resumed.steps());
      gradients(p, m, g[2], new float[] {1f});
      adam.step(p);
      gradients(q, m, g[2], new float[] {1f});
      resumed.step(q);
      assertArrayEquals(p.a.getArray().toFloatArray(), q.a.getArray().toFloatArray(), 0f);
      Reference ra = new Reference(a0);
      for (float[] gs : g) {
        ra.step(gs);
      }
      assertNear(ra, a0, q.a.getArray().toFloatArray(), "resumed run");
    }
  }
}
