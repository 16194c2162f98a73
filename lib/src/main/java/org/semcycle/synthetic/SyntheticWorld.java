package org.semcycle.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.semcycle.datasets.keypointnet.AnnotationWriter;
import org.semcycle.datasets.keypointnet.Keypoint;
import org.semcycle.datasets.keypointnet.KeypointMeans;
import org.semcycle.datasets.keypointnet.KeypointNetLayout;
import org.semcycle.datasets.keypointnet.ModelAnnotation;
import org.semcycle.datasets.keypointnet.PcdWriter;
import org.semcycle.datasets.keypointnet.PointCloud;
import org.semcycle.datasets.keypointnet.SplitEntry;
import org.semcycle.datasets.keypointnet.Splits;
import org.semcycle.datasets.keypointnet.SurfacePointCloud;
import org.semcycle.datasets.shapenet.ModelNormalizedJson;
import org.semcycle.datasets.shapenet.ShapeNetModelWriter;
import org.semcycle.datasets.shapenet.Taxonomy;
import org.semcycle.datasets.shapenet.TaxonomyEntry;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.NearestPoint;
import org.semcycle.io.DataSink;
import org.semcycle.io.Seeds;

/**
 * Writes the embedded default data set: procedural models in ShapeNetCore v2's layout and their
 * keypoints in KeypointNet's, so the readers that serve the real data sets serve this one.
 *
 * <pre>
 * ShapeNetCore.v2/taxonomy.json
 * ShapeNetCore.v2/&lt;synset&gt;/&lt;model&gt;/models/model_normalized.{obj,mtl,json}
 * KeypointNet/annotations/&lt;category&gt;.json
 * KeypointNet/pcds/&lt;synset&gt;/&lt;model&gt;.pcd        (ASCII, FIELDS x y z rgb)
 * KeypointNet/splits/{train,val,test}.txt           (synset-modelId a line)
 * keypoint-means.csv                                (per category and semantic id: models
 *                                                    having it, mean and sd of x, y, z)
 * </pre>
 *
 * Each model is a pure function of (seed, category, index), and shared files list models in
 * index order, so the output is byte-identical whatever the thread count.
 */
public final class SyntheticWorld {
  public static final String SHAPENET = "ShapeNetCore.v2";
  public static final String KEYPOINTNET = "KeypointNet";
  /** Where each semantic id sits over the written models ({@link KeypointMeans#toCsv}). */
  public static final String KEYPOINT_MEANS = "keypoint-means.csv";

  private SyntheticWorld() {}

  /** Generates and writes everything; returns counts and timing. */
  public static SynthReport write(SynthSpec spec, DataSink sink, int threads) throws IOException {
    long t0 = System.nanoTime();
    Map<String, Integer> perCategory = new LinkedHashMap<>();
    Map<String, Integer> variants = new TreeMap<>();
    Map<String, List<SplitEntry>> splits = new LinkedHashMap<>();
    for (String s : Splits.NAMES) {
      splits.put(s, new ArrayList<>());
    }
    List<TaxonomyEntry> taxonomy = new ArrayList<>();
    List<KeypointMeans> means = new ArrayList<>();
    int keypoints = 0;
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      for (String category : spec.categories()) {
        ShapeGenerator gen = ShapeGenerators.forCategory(category, spec.vocabulary());
        List<Future<Written>> futures = new ArrayList<>();
        for (int i = 0; i < spec.modelsPerCategory(); i++) {
          final int index = i;
          futures.add(pool.submit(() -> writeModel(gen.generate(spec.seed(), index), spec, sink)));
        }
        List<ModelAnnotation> annotations = new ArrayList<>();
        for (Future<Written> f : futures) {
          Written w = join(f);
          annotations.add(w.annotation());
          keypoints += w.annotation().keypoints().size();
          variants.merge(gen.category() + ":" + w.variant(), 1, Integer::sum);
        }
        AnnotationWriter.write(sink, KEYPOINTNET + "/" + KeypointNetLayout.annotations(gen.category()), annotations);
        assignSplits(spec, gen, annotations, splits);
        means.add(KeypointMeans.of(gen.category(), annotations));
        perCategory.put(gen.category(), annotations.size());
        taxonomy.add(new TaxonomyEntry(gen.synset(), gen.category(), List.of(), annotations.size()));
      }
    } finally {
      pool.shutdownNow();
    }
    sink.write(SHAPENET + "/" + Taxonomy.FILE, new Taxonomy(taxonomy).toJson());
    sink.write(KEYPOINT_MEANS, KeypointMeans.toCsv(means, spec.vocabulary()));
    Map<String, Integer> perSplit = new LinkedHashMap<>();
    for (Map.Entry<String, List<SplitEntry>> e : splits.entrySet()) {
      Splits.write(sink, KEYPOINTNET + "/" + KeypointNetLayout.split(e.getKey()), e.getValue());
      perSplit.put(e.getKey(), e.getValue().size());
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new SynthReport(perCategory, perSplit, variants, keypoints, seconds);
  }

  /** A model's annotation (keypoints linked to its PCD) and its topology variant. */
  record Written(ModelAnnotation annotation, String variant) {}

  /** Samples the model's point cloud, links keypoints to it, writes the model's files. */
  static Written writeModel(SynthModel m, SynthSpec spec, DataSink sink) throws IOException {
    Mesh mesh = m.mesh();
    ShapeNetModelWriter.write(
        sink.under(SHAPENET), m.synset(), m.modelId(), mesh, ModelNormalizedJson.describe(m.modelId(), mesh));
    PointCloud pcd = SurfacePointCloud.sample(mesh, spec.pcdPoints(), Seeds.mix(spec.seed(), "pcd", m.modelId()));
    PcdWriter.write(sink, KEYPOINTNET + "/" + KeypointNetLayout.pcd(m.synset(), m.modelId()), pcd);
    List<Keypoint> linked = new ArrayList<>();
    for (Keypoint k : m.keypoints()) {
      int idx = NearestPoint.nearest(pcd.xyz(), k.xyz()[0], k.xyz()[1], k.xyz()[2]);
      linked.add(new Keypoint(k.xyz(), k.rgb(), k.semanticId(), idx, k.faceIndex(), k.faceUv()));
    }
    return new Written(new ModelAnnotation(m.synset(), m.modelId(), linked, m.symmetries()), m.variant());
  }

  /** Each category's models (in index order) into train / val / test by {@link ModelSplit}. */
  static void assignSplits(
      SynthSpec spec, ShapeGenerator gen, List<ModelAnnotation> models, Map<String, List<SplitEntry>> splits) {
    for (int i = 0; i < models.size(); i++) {
      ModelAnnotation a = models.get(i);
      String split = ModelSplit.of(i, spec.trainFraction(), spec.valFraction());
      splits.get(split).add(new SplitEntry(a.classId(), a.modelId()));
    }
  }

  private static <T> T join(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new UncheckedIOException(new IOException(c));
    }
  }
}
