package org.semcycle.jobs;

import java.io.Serializable;

/**
 * One catalog model for the jobs that render it (render, benchmark): where its mesh is and which
 * split it belongs to.
 */
public record ShapeTask(String synset, String modelId, String objPath, String split) implements Serializable {}
