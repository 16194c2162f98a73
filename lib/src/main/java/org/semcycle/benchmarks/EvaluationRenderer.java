package org.semcycle.benchmarks;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.semcycle.datasets.keypointnet.Keypoint;
import org.semcycle.geometry.Vec3;
import org.semcycle.io.Seeds;
import org.semcycle.rendering.Background;
import org.semcycle.rendering.ImageCodec;
import org.semcycle.rendering.KeypointProjector;
import org.semcycle.rendering.ProjectedKeypoint;
import org.semcycle.rendering.Rasterizer;
import org.semcycle.rendering.RenderOutput;
import org.semcycle.rendering.RenderSettings;
import org.semcycle.rendering.RenderableMesh;
import org.semcycle.rendering.camera.Camera;

/**
 * Renders the evaluation images of one model under harder conditions than training ({@link
 * ConditionSampler}): cluttered background, random lighting, optional truncation and occluders.
 *
 * <p>Per image:
 *
 * <ul>
 *   <li>The object is rendered with the spec's background and supersampling and the drawn light;
 *       occluders are then painted over the RGB at image resolution (a pixel is covered when its
 *       centre is inside a shape).
 *   <li>Keypoint visibility is the render job's test ({@link KeypointProjector}) against the
 *       object's depth with occluder pixels set to the near plane, so a keypoint under an occluder
 *       is not visible (unless a pixel of its 3x3 neighbourhood is not covered, the projector's
 *       tolerance for keypoints on silhouette edges).
 *   <li>Mask (Pix3D's mask, SPair's segmentation): the <b>visible</b> object, pixels whose
 *       silhouette coverage is at least half and which no occluder covers. The box comes from
 *       it. The true silhouette, depth and normals are of the whole object (amodal).
 *   <li>{@code truncated}: some mesh vertex projects off the image (or lies behind the camera).
 *   <li>Draws that leave fewer than 2 visible keypoints (or all of them when the model has
 *       fewer) or fewer than 16 mask pixels are drawn again with the next attempt's seed, up to
 *       {@value #ATTEMPTS} attempts; the last one is kept.
 * </ul>
 *
 * Seeds come from {@code (seed, "benchmark", synset, model, index, attempt)}. One instance per
 * thread.
 */
public final class EvaluationRenderer {
  static final int ATTEMPTS = 4;
  static final float OCCLUDER_DEPTH = 0.01f;
  static final float JPEG_QUALITY = 0.92f;

  private final BenchmarkSpec spec;
  private final ConditionSampler sampler;
  private final Background background;

  public EvaluationRenderer(BenchmarkSpec spec) {
    this.spec = spec;
    this.sampler = new ConditionSampler(spec);
    this.background = background(spec.background());
  }

  static Background background(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "plain", "white" -> Background.WHITE;
      case "random" -> Background.randomColour();
      case "clutter" -> Background.clutter();
      default -> throw new IllegalArgumentException("background must be plain, random or clutter, got '" + name + "'");
    };
  }

  /** The spec's images of a model, index 0..imagesPerModel-1, conditions drawn from seeds. */
  public List<EvaluationImage> render(
      BenchmarkCategory category, String synset, String modelId, RenderableMesh mesh, List<Keypoint> keypoints) {
    List<EvaluationImage> out = new ArrayList<>(spec.imagesPerModel());
    for (int i = 0; i < spec.imagesPerModel(); i++) {
      out.add(renderSampled(category, synset, modelId, i, mesh, keypoints));
    }
    return out;
  }

  /** Image {@code index} of a model with drawn conditions (and redraws, see the class comment). */
  public EvaluationImage renderSampled(
      BenchmarkCategory category, String synset, String modelId, int index, RenderableMesh mesh, List<Keypoint> keypoints) {
    EvaluationImage img = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      long seed = Seeds.mix(spec.seed(), "benchmark", synset, modelId, index, attempt);
      ImageConditions c = sampler.sample(new SplittableRandom(seed));
      img = render(category, synset, modelId, index, mesh, keypoints, c, null, seed);
      EvaluationRecord r = img.record();
      int needKps = Math.min(2, r.keypoints().size());
      if (r.visibleKeypoints() >= needKps && r.visiblePixels() >= 16) {
        break;
      }
    }
    return img;
  }

  /**
   * One image under given conditions. {@code occluders} null: {@code c.occluders()} shapes are
   * drawn from {@code seed} over the object's silhouette; otherwise exactly these are painted.
   */
  public EvaluationImage render(
      BenchmarkCategory category,
      String synset,
      String modelId,
      int index,
      RenderableMesh mesh,
      List<Keypoint> keypoints,
      ImageConditions c,
      List<Occluder> occluders,
      long seed) {
    int size = spec.imageSize();
    Camera cam = Camera.lookAt(c.viewpoint(), size, size, spec.fov());
    RenderSettings settings =
        RenderSettings.DEFAULT
            .withSupersample(spec.supersample())
            .withBackground(background)
            .withLighting(c.ambient(), c.diffuse())
            .withLightDirection(c.lightDirection());
    RenderOutput out = new Rasterizer(settings).render(mesh, cam, Seeds.mix(seed, "render"));
    int n = size * size;
    boolean[] object = new boolean[n];
    byte[] sil = out.silhouette();
    for (int i = 0; i < n; i++) {
      object[i] = (sil[i] & 255) >= 128;
    }
    List<Occluder> shapes =
        occluders != null
            ? occluders
            : sampler.occluders(new SplittableRandom(Seeds.mix(seed, "occluders")), c.occluders(), object, size);
    int[] rgb = out.rgb().clone();
    boolean[] covered = Occluder.paint(shapes, rgb, size, size);
    float[] depth = out.depth().clone();
    byte[] mask = new byte[n];
    int objectPixels = 0;
    int occludedPixels = 0;
    int visible = 0;
    int x1 = Integer.MAX_VALUE;
    int y1 = Integer.MAX_VALUE;
    int x2 = -1;
    int y2 = -1;
    for (int i = 0; i < n; i++) {
      if (covered[i]) {
        depth[i] = OCCLUDER_DEPTH;
      }
      if (object[i]) {
        objectPixels++;
        if (covered[i]) {
          occludedPixels++;
        } else {
          mask[i] = (byte) 255;
          visible++;
          int x = i % size;
          int y = i / size;
          x1 = Math.min(x1, x);
          y1 = Math.min(y1, y);
          x2 = Math.max(x2, x);
          y2 = Math.max(y2, y);
        }
      }
    }
    double[] bbox = visible == 0 ? new double[4] : new double[] {x1, y1, x2, y2};
    KeypointProjector alone = KeypointProjector.of(out);
    KeypointProjector withOccluders =
        new KeypointProjector(cam, depth, KeypointProjector.DEFAULT_RELATIVE_TOLERANCE,
            KeypointProjector.DEFAULT_ABSOLUTE_TOLERANCE, KeypointProjector.DEFAULT_NEIGHBOURHOOD);
    List<BenchmarkKeypoint> kps = new ArrayList<>();
    for (Keypoint k : keypoints) {
      if (k.semanticId() < 0 || k.semanticId() >= category.keypointSlots()) {
        continue;
      }
      Vec3 p = Vec3.of(k.xyz());
      ProjectedKeypoint a = alone.project(p);
      ProjectedKeypoint b = withOccluders.project(p);
      kps.add(new BenchmarkKeypoint(k.semanticId(), b.x(), b.y(), b.depth(), b.visible(), a.visible() && !b.visible()));
    }
    ImageCodec.EncodedDepth d = ImageCodec.encodeDepth(out);
    Vec3 l = c.lightDirection();
    EvaluationRecord record =
        new EvaluationRecord(
            imageId(category, modelId, index),
            category,
            synset,
            modelId,
            index,
            size,
            size,
            c.viewpoint().azimuth(),
            c.viewpoint().elevation(),
            c.viewpoint().distance(),
            c.viewpoint().inPlane(),
            c.viewpoint().offsetX(),
            c.viewpoint().offsetY(),
            spec.fov(),
            cam.intrinsicsRowMajor(),
            cam.extrinsicsRowMajor(),
            new double[] {l.x(), l.y(), l.z()},
            c.ambient(),
            c.diffuse(),
            d.zmin(),
            d.zmax(),
            truncated(mesh, cam),
            objectPixels == 0 ? 0 : occludedPixels / (double) objectPixels,
            shapes.size(),
            visible,
            bbox,
            kps);
    return new EvaluationImage(
        record,
        jpeg(rgb, size, size),
        ImageCodec.encodeGray8(mask, size, size),
        d.png(),
        ImageCodec.encodeNormals(out),
        ImageCodec.encodeSilhouette(out));
  }

  /** {@code <category>_<model id, other characters as '_'>_<index, 2 digits>}. */
  public static String imageId(BenchmarkCategory category, String modelId, int index) {
    return String.format(Locale.ROOT, "%s_%s_%02d", category.name(), safeId(modelId), index);
  }

  /** The model id with every character other than letters, digits and '_' replaced by '_'. */
  public static String safeId(String modelId) {
    return modelId.replaceAll("[^A-Za-z0-9_]", "_");
  }

  /** True when a vertex of the mesh projects off the image or lies behind the camera. */
  static boolean truncated(RenderableMesh mesh, Camera cam) {
    double[] p = mesh.mesh().positions();
    double[] o = new double[3];
    for (int i = 0; i + 2 < p.length; i += 3) {
      cam.project(p[i], p[i + 1], p[i + 2], o);
      if (!(o[2] > 0) || !cam.intrinsics().contains(o[0], o[1])) {
        return true;
      }
    }
    return false;
  }

  /** Baseline JPEG at quality {@value #JPEG_QUALITY} (javax.imageio; deterministic). */
  static byte[] jpeg(int[] rgb, int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, w, h, rgb, 0, w);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam p = writer.getDefaultWriteParam();
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionQuality(JPEG_QUALITY);
      writer.setOutput(stream);
      writer.write(null, new IIOImage(img, null, null), p);
      stream.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
  }
}
