package org.semcycle.jobs.infer;

import org.semcycle.images.ImageTask;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.semcycle.benchmarks.BenchmarkKeypoint;
import org.semcycle.benchmarks.ImageGroundTruth;
import org.semcycle.cycle.Cycle;
import org.semcycle.cycle.CycleResult;
import org.semcycle.cycle.PredictedKeypoint;
import org.semcycle.spark.HadoopDataRoot;
import org.semcycle.spark.HadoopDataSink;
import org.semcycle.visualize.KeypointOverlay;

/**
 * {@code infer --visualize N}: for each chosen image, one PNG with a panel per setting: the
 * predicted keypoints (hollow where predicted occluded), the true ones where the set has
 * ground truth, and the outline of the mesh's silhouette under the setting's camera. Drawn on
 * the executor that ran the image, written to {@code OUT/visualize/<dataset>_<image>.png}; and
 * the dense embedding map ({@link org.semcycle.cycle.DenseEmbeddingMap}) of the first setting's
 * mesh and camera to {@code OUT/dense/<dataset>_<image>_<setting>.png}.
 */
final class InferPictures implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int COLUMNS = 4;

  private final java.util.Map<String, HadoopDataRoot> setRoots;
  private final HadoopDataSink out;

  InferPictures(java.util.Map<String, HadoopDataRoot> setRoots, HadoopDataSink out) {
    this.setRoots = setRoots;
    this.out = out;
  }

  void draw(ImageTask t, Cycle.Outcome o, org.semcycle.embedding.PointEmbedder embedder,
      int points, long seed) {
    if (o.results().isEmpty()) {
      return;
    }
    BufferedImage img = o.image().image();
    List<KeypointOverlay.Mark> truth = truth(t);
    List<BufferedImage> panels = new ArrayList<>();
    for (CycleResult r : o.results()) {
      List<KeypointOverlay.Mark> pred = new ArrayList<>();
      for (PredictedKeypoint k : r.keypoints()) {
        pred.add(new KeypointOverlay.Mark(k.semanticId(), k.x(), k.y(), k.visible()));
      }
      boolean[] mask = r.silhouette();
      String title = r.setting().label() + (Double.isNaN(r.fitIou()) ? ""
          : String.format(java.util.Locale.ROOT, "  IoU %.2f", r.fitIou()));
      panels.add(new KeypointOverlay(img).predicted(pred).truth(truth).silhouette(mask)
          .title(title).render());
    }
    CycleResult first = o.results().get(0);
    try {
      String name = t.dataset() + "_" + t.imageId().replaceAll("[^A-Za-z0-9_.-]+", "_");
      out.write("visualize/" + name + ".png",
          KeypointOverlay.png(grid(panels)));
      out.write("dense/" + name + "_" + first.setting().label() + ".png",
          KeypointOverlay.png(org.semcycle.cycle.DenseEmbeddingMap.render(first.mesh(),
              first.camera(), embedder, points, seed)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the picture of " + t.imageId(), e);
    }
  }

  /** The true 2D keypoints from the set's ground truth, when it has some. */
  private List<KeypointOverlay.Mark> truth(ImageTask t) {
    HadoopDataRoot root = setRoots.get(t.dataset());
    String rel = ImageGroundTruth.path(t.category(), t.imageId());
    List<KeypointOverlay.Mark> marks = new ArrayList<>();
    if (root.exists(rel)) {
      for (BenchmarkKeypoint k : ImageGroundTruth.read(root, rel).keypoints()) {
        marks.add(new KeypointOverlay.Mark(k.semanticId(), k.x(), k.y(), k.visible()));
      }
    }
    return marks;
  }

  private static BufferedImage grid(List<BufferedImage> panels) {
    int cols = Math.min(COLUMNS, panels.size());
    int rows = (panels.size() + cols - 1) / cols;
    int w = 0;
    int h = 0;
    for (BufferedImage p : panels) {
      w = Math.max(w, p.getWidth());
      h = Math.max(h, p.getHeight());
    }
    BufferedImage sheet = new BufferedImage(cols * w, rows * h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
    for (int i = 0; i < panels.size(); i++) {
      g.drawImage(panels.get(i), (i % cols) * w, (i / cols) * h, null);
    }
    g.dispose();
    return sheet;
  }
}
