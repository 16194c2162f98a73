package org.semcycle.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.semcycle.datasets.keypointnet.Keypoint;
import org.semcycle.geometry.Mesh;
import org.semcycle.io.DataSink;
import org.semcycle.rendering.RenderableMesh;

/**
 * The benchmark job's stage for one test-split model: renders its evaluation images ({@link
 * EvaluationRenderer}), writes their files and the model's Pix3D files ({@link BenchmarkFiles})
 * and returns the small per-image records for the index files ({@link BenchmarkIndex}). One
 * instance per thread (the renderer keeps scratch state).
 */
public final class BenchmarkStage {
  private final BenchmarkSpec spec;
  private final EvaluationRenderer renderer;
  private final BenchmarkFiles files;

  public BenchmarkStage(BenchmarkSpec spec, DataSink out) {
    this.spec = spec;
    this.renderer = new EvaluationRenderer(spec);
    this.files = new BenchmarkFiles(out, spec);
  }

  public BenchmarkSpec spec() {
    return spec;
  }

  /** Renders and writes one model; returns its records in image order. */
  public List<EvaluationRecord> run(
      BenchmarkCategory category, String synset, String modelId, Mesh mesh, List<Keypoint> keypoints) throws IOException {
    List<Keypoint> kept = BenchmarkFiles.slotted(category, keypoints);
    if (kept.isEmpty()) {
      throw new IllegalArgumentException(
          "model " + synset + "/" + modelId + " has no keypoint with a semantic id of the " + category.name() + " vocabulary");
    }
    RenderableMesh prepared = RenderableMesh.of(mesh);
    List<EvaluationRecord> out = new ArrayList<>(spec.imagesPerModel());
    files.writeModel(category, modelId, mesh, kept);
    for (EvaluationImage img : renderer.render(category, synset, modelId, prepared, kept)) {
      files.writeImage(img);
      out.add(img.record());
    }
    return out;
  }
}
