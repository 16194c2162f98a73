package org.semcycle.datasets.shapenet;

import java.io.IOException;
import org.semcycle.geometry.Mesh;
import org.semcycle.io.DataSink;

/**
 * Writes one model in ShapeNetCore v2's layout: {@code <synset>/<model>/models/}
 * {@code model_normalized.obj}, {@code .mtl} (when the mesh has materials) and
 * {@code model_normalized.json}. Used by the synthetic generator so that {@link ShapeNetCatalog}
 * and {@link ObjReader} read its output like the real data set.
 */
public final class ShapeNetModelWriter {
  private ShapeNetModelWriter() {}

  /**
   * Writes the normalised mesh and the json describing the original mesh (see
   * {@link ModelNormalizedJson#describe}).
   */
  public static void write(DataSink sink, String synsetId, String modelId, Mesh normalized,
      ModelNormalizedJson json) throws IOException {
    ObjWriter.write(sink, ShapeNetCatalog.objPath(synsetId, modelId), normalized);
    String jsonPath = ShapeNetCatalog.modelDir(synsetId, modelId) + "/models/model_normalized.json";
    sink.write(jsonPath, json.toJson());
  }
}
