package org.semcycle.embedding;

/**
 * One row of the {@link KeypointDatabase}: a keypoint of a database model with its position (in
 * the model's ShapeNet-normalised frame) and its embedding. Plain arrays, so a Spark job can map
 * it to and from Parquet columns directly.
 */
public record KeypointRecord(
    String synset, String modelId, int semanticId, float[] xyz, float[] embedding)
    implements java.io.Serializable {
  public KeypointRecord {
    if (synset == null || modelId == null) {
      throw new IllegalArgumentException("synset and modelId are required");
    }
    if (xyz == null || xyz.length != 3) {
      throw new IllegalArgumentException("xyz needs 3 values");
    }
    if (embedding == null || embedding.length == 0) {
      throw new IllegalArgumentException("embedding is empty");
    }
    if (semanticId < 0) {
      throw new IllegalArgumentException("semanticId must be >= 0: " + semanticId);
    }
    xyz = xyz.clone();
    embedding = embedding.clone();
  }

  @Override
  public float[] xyz() {
    return xyz.clone();
  }

  @Override
  public float[] embedding() {
    return embedding.clone();
  }

  /** Equal when all fields are, arrays by content. */
  @Override
  public boolean equals(Object o) {
    return o instanceof KeypointRecord r
        && r.semanticId == semanticId
        && r.synset.equals(synset)
        && r.modelId.equals(modelId)
        && java.util.Arrays.equals(r.xyz, xyz)
        && java.util.Arrays.equals(r.embedding, embedding);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(synset, modelId, semanticId, java.util.Arrays.hashCode(xyz),
        java.util.Arrays.hashCode(embedding));
  }

  @Override
  public String toString() {
    return "KeypointRecord[" + synset + "/" + modelId + " id " + semanticId + " at "
        + java.util.Arrays.toString(xyz) + ", " + embedding.length + "-d]";
  }

  /** Copies the embedding into {@code dst} at {@code offset}. */
  void copyEmbedding(float[] dst, int offset) {
    System.arraycopy(embedding, 0, dst, offset, embedding.length);
  }

  /** Embedding component k without copying. */
  float embeddingAt(int k) {
    return embedding[k];
  }
}
