/**
 * Stages 5-6 of PIPELINE.md: the dense keypoint embedding network and keypoint transfer.
 *
 * <ul>
 *   <li>{@link org.semcycle.embedding.KeypointEmbedder} (DJL block, PointNet segmentation style)
 *       inside {@link org.semcycle.embedding.EmbeddingNet} (creation, inference on raw clouds
 *       normalised by {@link org.semcycle.embedding.PointNormalizer}, save/load).
 *   <li>{@link org.semcycle.embedding.ContrastiveLoss}: the reference's online contrastive loss
 *       (positives: all same-id pairs across the batch, squared L2; as many hardest
 *       different-id negatives, {@code relu(1 - d)^2} with d the plain L2 distance), plus optional
 *       background negatives ({@link org.semcycle.embedding.BackgroundPoints}).
 *   <li>{@link org.semcycle.embedding.EmbedTask}: the embedder's task in the project's one
 *       training loop ({@link org.semcycle.training.TrainLoop}), on
 *       {@link org.semcycle.embedding.EmbedSamples} with {@link org.semcycle.embedding.PointAugment}
 *       for the paper's noise, dropout and resampling.
 *   <li>{@link org.semcycle.embedding.KeypointDatabase} of
 *       {@link org.semcycle.embedding.KeypointRecord} rows and
 *       {@link org.semcycle.embedding.KeypointTransfer} (per-id mean or k-NN vote), with
 *       {@link org.semcycle.embedding.NearestNeighbours} as matrix products.
 * </ul>
 *
 * Thread counts: with 2 cores shared by several processes, one intra-op thread per JVM is far
 * faster than two (OpenMP threads spin against each other): the tests pin one.
 */
package org.semcycle.embedding;
