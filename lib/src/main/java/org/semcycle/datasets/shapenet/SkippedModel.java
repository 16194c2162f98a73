package org.semcycle.datasets.shapenet;

/** A model folder the catalog skipped, with the reason (e.g. no model_normalized.obj). */
public record SkippedModel(String synsetId, String modelId, String reason) {}
