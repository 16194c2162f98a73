package org.semcycle.datasets.shapenet;

/** One ShapeNetCore model found on disk: synset, model id and its OBJ path below the root. */
public record ShapeNetModel(String synsetId, String modelId, String objPath) {

  /** Path of the model's {@code model_normalized.json}. */
  public String jsonPath() {
    return ShapeNetCatalog.modelDir(synsetId, modelId) + "/models/model_normalized.json";
  }

  /** Path of the model's {@code model_normalized.mtl}. */
  public String mtlPath() {
    return ShapeNetCatalog.modelDir(synsetId, modelId) + "/models/model_normalized.mtl";
  }

  /** KeypointNet's and the split files' key: {@code synset-modelId}. */
  public String key() {
    return synsetId + "-" + modelId;
  }
}
