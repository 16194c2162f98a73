package org.semcycle.datasets.shapenet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.semcycle.geometry.Mesh;
import org.semcycle.io.DataRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models of a ShapeNetCore v2 tree: {@code <synset>/<model>/models/model_normalized.obj}
 * below a {@link DataRoot}. Synset folders are the 8-digit names at the root; every other entry
 * of a synset folder (hidden names starting with '.' aside) is a model folder. A model folder
 * without the OBJ is skipped with a warning and listed in {@link #skipped()}. Entries are
 * sorted by synset then model id, so listings are deterministic.
 */
public final class ShapeNetCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(ShapeNetCatalog.class);
  private static final Pattern SYNSET = Pattern.compile("\\d{8}");

  private final DataRoot root;
  private final List<ShapeNetModel> models;
  private final List<SkippedModel> skipped;

  private ShapeNetCatalog(DataRoot root, List<ShapeNetModel> models, List<SkippedModel> skipped) {
    this.root = root;
    this.models = List.copyOf(models);
    this.skipped = List.copyOf(skipped);
  }

  /** Scans every synset folder at the root. */
  public static ShapeNetCatalog scan(DataRoot root) {
    return scan(root, root.list("").stream().filter(n -> SYNSET.matcher(n).matches()).toList());
  }

  /** Scans the given synset folders only (absent ones contribute nothing). */
  public static ShapeNetCatalog scan(DataRoot root, Collection<String> synsetIds) {
    List<ShapeNetModel> found = new ArrayList<>();
    List<SkippedModel> skipped = new ArrayList<>();
    for (String synset : synsetIds.stream().sorted().distinct().toList()) {
      for (String model : root.list(synset)) {
        if (model.startsWith(".")) {
          continue;
        }
        String obj = objPath(synset, model);
        if (root.exists(obj)) {
          found.add(new ShapeNetModel(synset, model, obj));
        } else {
          LOG.warn("skipping {}: no models/model_normalized.obj", root.describe(modelDir(synset, model)));
          skipped.add(new SkippedModel(synset, model, "no models/model_normalized.obj"));
        }
      }
    }
    return new ShapeNetCatalog(root, found, skipped);
  }

  /** {@code <synset>/<model>}. */
  public static String modelDir(String synsetId, String modelId) {
    return synsetId + "/" + modelId;
  }

  /** {@code <synset>/<model>/models/model_normalized.obj}. */
  public static String objPath(String synsetId, String modelId) {
    return modelDir(synsetId, modelId) + "/models/model_normalized.obj";
  }

  public DataRoot root() {
    return root;
  }

  /** Models with an OBJ, sorted by synset then model id. */
  public List<ShapeNetModel> models() {
    return models;
  }

  /** Models of one synset. */
  public List<ShapeNetModel> models(String synsetId) {
    return models.stream().filter(m -> m.synsetId().equals(synsetId)).toList();
  }

  /** Model folders skipped for lacking their OBJ. */
  public List<SkippedModel> skipped() {
    return skipped;
  }

  public Optional<ShapeNetModel> find(String synsetId, String modelId) {
    return models.stream()
        .filter(m -> m.synsetId().equals(synsetId) && m.modelId().equals(modelId))
        .findFirst();
  }

  /** Reads a model's mesh (with its materials) through {@link ObjReader}. */
  public Mesh loadMesh(ShapeNetModel model) {
    return ObjReader.read(root, model.objPath());
  }

  /** Reads the taxonomy at the root, if the file is there. */
  public Optional<Taxonomy> taxonomy() {
    return root.exists(Taxonomy.FILE) ? Optional.of(Taxonomy.read(root, Taxonomy.FILE)) : Optional.empty();
  }
}
