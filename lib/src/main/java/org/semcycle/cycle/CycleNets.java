package org.semcycle.cycle;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.semcycle.cycle.nets.LoadedNet;
import org.semcycle.cycle.nets.ShapePredictor;
import org.semcycle.cycle.nets.SketchNetPredictor;
import org.semcycle.cycle.nets.SketchPredictor;
import org.semcycle.cycle.nets.ViewNetPredictor;
import org.semcycle.cycle.nets.ViewPredictor;
import org.semcycle.cycle.nets.VoxelNetPredictor;
import org.semcycle.embedding.EmbeddingNet;
import org.semcycle.embedding.PointEmbedder;
import org.semcycle.networks.SketchNet;
import org.semcycle.networks.ViewNet;
import org.semcycle.networks.VoxelNet;

/**
 * The networks of the cycle, each behind the small interface its stage needs ({@link
 * SketchPredictor}, {@link ShapePredictor}, {@link ViewPredictor}, {@link PointEmbedder}), so the
 * cycle runs on trained nets ({@link #load}) or on fakes in tests. Trained nets are loaded once
 * (per executor JVM and device in the Spark job) from a models folder laid out as {@code semcycle
 * train} and the demo write it: {@code sketch/}, {@code voxel/} (or another folder, e.g. {@code
 * voxel-finetune/}), {@code view/}, {@code view-sketch/} (optional: only the no-vp-from-rgb
 * setting needs it) and {@code embed/}.
 */
public final class CycleNets implements AutoCloseable {
  private final SketchPredictor sketch;
  private final ShapePredictor voxel;
  private final ViewPredictor view;
  private final ViewPredictor viewSketch;
  private final PointEmbedder embedder;
  private final List<AutoCloseable> resources;

  /**
   * @param viewSketch ViewNet on sketches, or null (the no-vp-from-rgb setting then fails with a
   *     reason)
   * @param resources closed with this object (the loaded models)
   */
  public CycleNets(SketchPredictor sketch, ShapePredictor voxel, ViewPredictor view,
      ViewPredictor viewSketch, PointEmbedder embedder, List<AutoCloseable> resources) {
    this.sketch = sketch;
    this.voxel = voxel;
    this.view = view;
    this.viewSketch = viewSketch;
    this.embedder = embedder;
    this.resources = List.copyOf(resources);
    int s = sketch.imageSize();
    if (voxel.imageSize() != s || view.imageSize() != s || (viewSketch != null && viewSketch.imageSize() != s)) {
      throw new IllegalArgumentException("the cycle's nets must share one input size; sketch "
          + s + ", voxel " + voxel.imageSize() + ", view " + view.imageSize()
          + (viewSketch == null ? "" : ", view-sketch " + viewSketch.imageSize()));
    }
    if (view.inChannels() != 3 || (viewSketch != null && viewSketch.inChannels() != 5)) {
      throw new IllegalArgumentException("ViewNet takes RGB (3 channels) and the sketch ViewNet depth, normals"
          + " and silhouette (5); got " + view.inChannels() + (viewSketch == null ? "" : " and " + viewSketch.inChannels()));
    }
  }

  /** Loads every net of {@code models} onto {@code device}; {@code voxelDir} names the voxel net's folder. */
  public static CycleNets load(Path models, String voxelDir, Device device) throws IOException {
    return load(models::resolve, voxelDir, device);
  }

  /**
   * Loads every net onto {@code device}; {@code folder} gives the local folder of each net's
   * name ({@code sketch}, {@code voxel} or {@code voxelDir}, {@code view}, {@code view-sketch},
   * {@code embed}), e.g. local copies of remote folders.
   */
  public static CycleNets load(Function<String, Path> folder, String voxelDir, Device device) throws IOException {
    List<AutoCloseable> loaded = new ArrayList<>();
    try {
      LoadedNet<SketchNet.Options> sketch = keep(loaded,
          LoadedNet.load(folder.apply("sketch"), "sketch", SketchNet.Options.class, SketchNet::new, device));
      LoadedNet<VoxelNet.Options> voxel = keep(loaded,
          LoadedNet.load(folder.apply(voxelDir), "voxel", VoxelNet.Options.class, VoxelNet::new, device));
      LoadedNet<ViewNet.Options> view = keep(loaded,
          LoadedNet.load(folder.apply("view"), "view", ViewNet.Options.class, ViewNet::new, device));
      LoadedNet<ViewNet.Options> viewSketch = null;
      Path vs = folder.apply("view-sketch");
      if (vs != null && Files.isDirectory(vs)) {
        viewSketch = keep(loaded, LoadedNet.load(vs, "view", ViewNet.Options.class, ViewNet::new, device));
      }
      EmbeddingNet embed = keep(loaded, EmbeddingNet.load(folder.apply("embed"), device));
      return new CycleNets(new SketchNetPredictor(sketch), new VoxelNetPredictor(voxel), new ViewNetPredictor(view),
          viewSketch == null ? null : new ViewNetPredictor(viewSketch), embed, loaded);
    } catch (IOException | RuntimeException e) {
      closeAll(loaded);
      throw e;
    }
  }

  /**
   * The nets of one category from a models folder: each net from {@code models/<category>/<net>}
   * when that folder exists (train-all's layout), else from {@code models/<net>} (shared by every
   * category, as the embedder always is).
   */
  public static CycleNets loadFor(Path models, String category, String voxelDir, Device device) throws IOException {
    return load(net -> Files.isDirectory(models.resolve(category).resolve(net))
        ? models.resolve(category).resolve(net) : models.resolve(net), voxelDir, device);
  }

  private static <T extends AutoCloseable> T keep(List<AutoCloseable> loaded, T net) {
    loaded.add(net);
    return net;
  }

  /** The networks' input size S (crops are S x S). */
  public int imageSize() {
    return sketch.imageSize();
  }

  public SketchPredictor sketch() {
    return sketch;
  }

  public ShapePredictor voxel() {
    return voxel;
  }

  public ViewPredictor view() {
    return view;
  }

  /** ViewNet on 2.5D sketches, or null when the models folder has none. */
  public ViewPredictor viewSketch() {
    return viewSketch;
  }

  /** The KeypointEmbedder. */
  public PointEmbedder embedder() {
    return embedder;
  }

  @Override
  public void close() {
    closeAll(resources);
  }

  private static void closeAll(List<AutoCloseable> resources) {
    RuntimeException first = null;
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        if (first == null) {
          first = new IllegalStateException("cannot close a net: " + e.getMessage(), e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
