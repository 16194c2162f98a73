package org.semcycle.baseline;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.semcycle.cycle.crop.CropSampler;
import org.semcycle.cycle.crop.ObjectCrop;
import org.semcycle.networks.DjlRuntime;
import org.semcycle.training.ArraySamples;
import org.semcycle.training.ModelFiles;

/**
 * The direct 2D-2D baseline: transfers keypoints from a source image to a target image by dense
 * descriptor matching, no 3D. Both images are cropped around their object boxes as the cycle
 * crops ({@link ObjectCrop#aroundBox} with {@link ObjectCrop#REFERENCE_MARGIN}, S = the net's
 * image size, {@link CropSampler#rgb}); the {@link DenseDescriptorNet} describes both crops in
 * one forward pass; each keypoint is matched by {@link DescriptorMatching} (bilinear source
 * descriptor, nearest neighbour over the whole target crop, mutual check lowering the
 * confidence) and mapped back to the target's original pixels.
 *
 * <p>Thread-safe: inference only (batch norm in inference mode, gradient recording off on the
 * calling thread for the call), one sub-NDManager per call, the loaded parameters only read.
 */
public final class Baseline2dMatcher implements KeypointMatcher, AutoCloseable {
  /** The model name under which {@code train --net dense2d} saves the net. */
  public static final String NAME = "dense2d";
  /** Crop pixels within which a back-match counts as mutual. */
  public static final double DEFAULT_MUTUAL_RADIUS = 3;

  private final Model model;
  private final DenseDescriptorNet net;
  private final NDManager manager;
  private final DataType dataType;
  private final DescriptorMatching matching;

  /**
   * A matcher over an initialised (trained or loaded) net whose parameters live in manager.
   *
   * @param mutualRadius see {@link DescriptorMatching}
   */
  public Baseline2dMatcher(DenseDescriptorNet net, NDManager manager, double mutualRadius) {
    this(null, net, manager, mutualRadius);
  }

  private Baseline2dMatcher(Model model, DenseDescriptorNet net, NDManager manager, double mutualRadius) {
    if (!net.isInitialized()) {
      throw new IllegalArgumentException("the descriptor net is not initialised (train or load it first)");
    }
    this.model = model;
    this.net = net;
    this.manager = manager;
    this.dataType = net.getParameters().valueAt(0).getArray().getDataType();
    DenseDescriptorNet.Options o = net.options();
    this.matching = new DescriptorMatching(o.dim(), o.imageSize(), mutualRadius);
  }

  /** Loads the net that {@code semcycle train --net dense2d --out dir} saved. Close when done. */
  public static Baseline2dMatcher load(Path dir) throws IOException {
    DjlRuntime.engine();
    Model m = ModelFiles.load(dir, NAME, DenseDescriptorNet.Options.class, DenseDescriptorNet::new);
    return new Baseline2dMatcher(m, (DenseDescriptorNet) m.getBlock(), m.getNDManager(), DEFAULT_MUTUAL_RADIUS);
  }

  /** The net's sizes (S is the crop side). */
  public DenseDescriptorNet.Options options() {
    return net.options();
  }

  @Override
  public List<MatchedKeypoint> match(BufferedImage source, double[] sourceBox, double[][] keypoints,
      BufferedImage target, double[] targetBox) {
    int s = net.options().imageSize();
    ObjectCrop sc = ObjectCrop.aroundBox(sourceBox, ObjectCrop.REFERENCE_MARGIN, s);
    ObjectCrop tc = ObjectCrop.aroundBox(targetBox, ObjectCrop.REFERENCE_MARGIN, s);
    float[][] maps = descriptors(CropSampler.rgb(source, sc), CropSampler.rgb(target, tc));
    List<MatchedKeypoint> out = new ArrayList<>(keypoints.length);
    for (double[] k : keypoints) {
      DescriptorMatching.Match m = matching.match(maps[0], maps[1], sc.toCropX(k[0]), sc.toCropY(k[1]));
      out.add(new MatchedKeypoint(tc.toOriginalX(m.x()), tc.toOriginalY(m.y()), m.confidence()));
    }
    return out;
  }

  /**
   * Descriptor maps (D, S, S), channel-major, of RGB crops (3, S, S) in [0, 1], computed in one
   * forward pass.
   */
  public float[][] descriptors(float[]... rgbCrops) {
    int s = net.options().imageSize();
    int per = 3 * s * s;
    float[] all = new float[rgbCrops.length * per];
    for (int i = 0; i < rgbCrops.length; i++) {
      if (rgbCrops[i].length != per) {
        throw new IllegalArgumentException("crop " + i + " has " + rgbCrops[i].length + " values, not 3 x " + s + " x " + s);
      }
      System.arraycopy(rgbCrops[i], 0, all, i * per, per);
    }
    boolean grad = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try (NDManager sub = manager.newSubManager()) {
      NDArray x = ArraySamples.owned(sub, all, new Shape(rgbCrops.length, 3, s, s), dataType);
      NDArray d = net.forward(new ParameterStore(sub, false), new NDList(x), false).head();
      float[] flat = d.toType(DataType.FLOAT32, false).toFloatArray();
      int dp = net.options().dim() * s * s;
      float[][] out = new float[rgbCrops.length][];
      for (int i = 0; i < out.length; i++) {
        out[i] = java.util.Arrays.copyOfRange(flat, i * dp, (i + 1) * dp);
      }
      return out;
    } finally {
      JniUtils.setGradMode(grad);
    }
  }

  /** Closes the loaded model (a matcher over a caller's net leaves it alone). */
  @Override
  public void close() {
    if (model != null) {
      model.close();
    }
  }
}
