package org.semcycle.cycle;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.semcycle.cycle.nets.LoadedNet;
import org.semcycle.embedding.EmbeddingNet;
import org.semcycle.networks.SketchNet;
import org.semcycle.networks.ViewNet;
import org.semcycle.networks.VoxelNet;

/**
 * The trained networks of the cycle, loaded once (per executor JVM and device in the Spark
 * job), from a models folder laid out as {@code semcycle train} and the demo write it:
 * {@code sketch/}, {@code voxel/} (or another folder, e.g. {@code voxel-finetune/}), {@code view/},
 * {@code view-sketch/} (optional: only the no-vp-from-rgb setting needs it) and {@code embed/}.
 */
public final class CycleNets implements AutoCloseable {
  private final LoadedNet<SketchNet.Options> sketch;
  private final LoadedNet<VoxelNet.Options> voxel;
  private final LoadedNet<ViewNet.Options> view;
  private final LoadedNet<ViewNet.Options> viewSketch;
  private final EmbeddingNet embedder;

  private CycleNets(LoadedNet<SketchNet.Options> sketch, LoadedNet<VoxelNet.Options> voxel,
      LoadedNet<ViewNet.Options> view, LoadedNet<ViewNet.Options> viewSketch,
      EmbeddingNet embedder) {
    this.sketch = sketch;
    this.voxel = voxel;
    this.view = view;
    this.viewSketch = viewSketch;
    this.embedder = embedder;
    int s = sketch.options().imageSize();
    if (voxel.options().imageSize() != s || view.options().imageSize() != s
        || (viewSketch != null && viewSketch.options().imageSize() != s)) {
      throw new IllegalArgumentException("the cycle's nets must share one input size; sketch "
          + s + ", voxel " + voxel.options().imageSize() + ", view " + view.options().imageSize());
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
  public static CycleNets load(java.util.function.Function<String, Path> folder, String voxelDir,
      Device device) throws IOException {
    LoadedNet<SketchNet.Options> sketch = null;
    LoadedNet<VoxelNet.Options> voxel = null;
    LoadedNet<ViewNet.Options> view = null;
    LoadedNet<ViewNet.Options> viewSketch = null;
    try {
      sketch = LoadedNet.load(folder.apply("sketch"), "sketch", SketchNet.Options.class,
          SketchNet::new, device);
      voxel = LoadedNet.load(folder.apply(voxelDir), "voxel", VoxelNet.Options.class,
          VoxelNet::new, device);
      view = LoadedNet.load(folder.apply("view"), "view", ViewNet.Options.class, ViewNet::new,
          device);
      Path vs = folder.apply("view-sketch");
      if (vs != null && Files.isDirectory(vs)) {
        viewSketch = LoadedNet.load(vs, "view", ViewNet.Options.class, ViewNet::new, device);
      }
      EmbeddingNet embed = EmbeddingNet.load(folder.apply("embed"), device);
      return new CycleNets(sketch, voxel, view, viewSketch, embed);
    } catch (IOException | RuntimeException e) {
      for (LoadedNet<?> n : new LoadedNet<?>[] {sketch, voxel, view, viewSketch}) {
        if (n != null) {
          n.close();
        }
      }
      throw e;
    }
  }

  /** The networks' input size S (crops are S x S). */
  public int imageSize() {
    return sketch.options().imageSize();
  }

  public LoadedNet<SketchNet.Options> sketch() {
    return sketch;
  }

  public LoadedNet<VoxelNet.Options> voxel() {
    return voxel;
  }

  public LoadedNet<ViewNet.Options> view() {
    return view;
  }

  /** ViewNet on 2.5D sketches, or null when the models folder has none. */
  public LoadedNet<ViewNet.Options> viewSketch() {
    return viewSketch;
  }

  public EmbeddingNet embedder() {
    return embedder;
  }

  @Override
  public void close() {
    sketch.close();
    voxel.close();
    view.close();
    if (viewSketch != null) {
      viewSketch.close();
    }
    embedder.close();
  }
}
