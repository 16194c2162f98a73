package org.semcycle.training.views;

/**
 * One row of the render job's views table as the training command hands it over: the encoded
 * maps (docs/CONVENTIONS.md), the viewpoint, and (for the voxel nets) the model's packed
 * occupancy. {@code source} names the row in errors (e.g. "synset/model#view").
 */
public record RenderedSample(
    String source,
    byte[] rgbPng,
    byte[] depthPng,
    double depthMin,
    double depthMax,
    byte[] normalPng,
    byte[] silhouettePng,
    double azimuth,
    double elevation,
    byte[] occupancy,
    int voxelResolution) {}
